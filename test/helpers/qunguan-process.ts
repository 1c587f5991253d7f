/** The built `qunguan` CLI as a separate process, for tests that kill it or run several at once. */
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

export interface QunguanProcess {
  child: ChildProcess;
  /** Everything it wrote to stderr (its logs) so far. */
  log: () => string;
  /** Its exit code, or null when a signal ended it. */
  exited: Promise<number | null>;
}

export function startQunguan(command: "start" | "worker", env: NodeJS.ProcessEnv): QunguanProcess {
  const child = spawn("node", [resolve(ROOT, "dist/src/cli/main.js"), command], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr?.on("data", (d) => {
    log += d;
  });
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return { child, log: () => log, exited };
}
