/** The built `qunguan` CLI run as a user would run it: a separate process, its own directory and environment. */
import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const CLI = resolve(ROOT, "dist/src/cli/main.js");

/** Settings of the machine running the tests that would leak into the command under test. */
const LEAKY = [
  "RULES_DIR",
  "DATABASE_PATH",
  "REDIS_URL",
  "TELEGRAM_BOT_TOKEN",
  "WECHATY_PUPPET_SERVICE_TOKEN",
  "LOG_FILE",
  "LOG_LEVEL",
];

export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of LEAKY) delete env[name];
  return { ...env, ...extra };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number },
): CliResult {
  const result = spawnSync("node", [CLI, ...args], {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    input: options.input ?? "",
    encoding: "utf8",
    timeout: options.timeoutMs ?? 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface RunningCli {
  write(line: string): void;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code and how long after `markStop()` it came. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; afterStopMs: number }>;
  /** Notes the moment a stop was asked for (a signal sent, /quit typed). */
  markStop(): void;
  kill(signal: NodeJS.Signals): void;
  /** Waits until stdout or stderr matches. */
  waitFor(pattern: RegExp, stream?: "stdout" | "stderr", timeoutMs?: number): Promise<void>;
}

export function spawnCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): RunningCli {
  const child = spawn("node", [CLI, ...args], {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    err += d;
  });
  let stopAt = 0;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; afterStopMs: number }>(
    (r) => child.on("exit", (code, signal) => r({ code, signal, afterStopMs: Date.now() - stopAt })),
  );
  return {
    write: (line) => child.stdin.write(`${line}\n`),
    stdout: () => out,
    stderr: () => err,
    exited,
    markStop: () => {
      stopAt = Date.now();
    },
    kill: (signal) => child.kill(signal),
    async waitFor(pattern, stream = "stdout", timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(stream === "stdout" ? out : err)) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`no ${pattern} on ${stream}; stdout:\n${out}\nstderr:\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** Whether `git check-ignore` says the checkout ignores this path. */
export function gitIgnores(path: string): boolean {
  return spawnSync("git", ["check-ignore", "-q", path], { cwd: ROOT }).status === 0;
}

/** One decision line of `qunguan simulate`. */
export interface SimulatedLine {
  i: number;
  actions: Record<string, unknown>[];
  booking?: Record<string, unknown>;
  /** Raid mode: carried out without a notice per member. */
  quiet?: boolean;
  error?: string;
}

/** Runs `qunguan simulate --rules DIR` (relative to the checkout) on these input lines; one decision per line. */
export function simulateLines(lines: object[], rules = "rules"): SimulatedLine[] {
  const r = spawnSync("node", [CLI, "simulate", "--rules", rules], {
    cwd: ROOT,
    input: lines.map((l) => JSON.stringify(l)).join("\n"),
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`simulate exited ${r.status}: ${r.stderr}`);
  return r.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as SimulatedLine);
}
