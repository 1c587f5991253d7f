#!/usr/bin/env node
/**
 * The `qunguan` command: start, demo, worker, check, simulate, report (design: contracts).
 * Every command parses its arguments before doing anything, so `--help` never starts a bot and a
 * typo never runs one with defaults.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatProblem, loadRules } from "../rules/mod.js";
import { runCheck } from "./check.js";
import { type CommandSpec, type OptionSpec, parseCommand } from "./command-line.js";
import { loadEnvFile } from "./env-file.js";
import { defaultRulesDir, packageRoot } from "./package-root.js";
import { runSimulate } from "./simulate.js";
import { CHECK, DEMO, SIMULATE, START, TOP_LEVEL, WORKER } from "./usage.js";

const COMMANDS: Record<string, CommandSpec<OptionSpec>> = {
  start: START,
  demo: DEMO,
  worker: WORKER,
  check: CHECK,
  simulate: SIMULATE,
};

function version(): string {
  return JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")).version;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      process.stderr.write(`${TOP_LEVEL}\n`);
      return 2;
    case "help":
    case "--help":
    case "-h": {
      const topic = rest[0];
      if (topic === "report") return (await import("../report/cli.js")).runReport(["--help"]);
      const spec = topic === undefined ? undefined : COMMANDS[topic];
      if (topic !== undefined && !spec) {
        process.stderr.write(`unknown command "${topic}"\n${TOP_LEVEL}\n`);
        return 2;
      }
      console.log(spec ? spec.usage : TOP_LEVEL);
      return 0;
    }
    case "--version":
    case "-v":
      console.log(version());
      return 0;
    case "report":
      loadEnvFile();
      return (await import("../report/cli.js")).runReport(rest);
    default:
      break;
  }
  const spec = COMMANDS[command];
  if (!spec) {
    process.stderr.write(`unknown command "${command}"\n${TOP_LEVEL}\n`);
    return 2;
  }
  const parsed = parseCommand(spec, rest);
  if (parsed.kind === "exit") return parsed.code;
  // After the arguments, so `qunguan check --help` works in a directory with a broken .env.
  const envFile = loadEnvFile();
  switch (command) {
    // Loaded on demand: the platform SDKs cost a second or two of start-up that check and simulate do not need.
    case "start":
      return (await import("./start.js")).runStart(envFile);
    case "demo":
      return (await import("./demo.js")).runDemo();
    case "worker":
      return (await import("./worker.js")).runWorker();
    case "check":
      return runCheck(parsed.positionals[0] ?? defaultRulesDir());
    case "simulate": {
      const values = parsed.values as { rules?: string; category?: string };
      const result = loadRules(values.rules ?? defaultRulesDir());
      if (!result.ok) {
        for (const p of result.problems) process.stderr.write(`${formatProblem(p)}\n`);
        return 1;
      }
      if (values.category !== undefined && !result.pack.categories[values.category]) {
        process.stderr.write(
          `unknown category "${values.category}" (the rule files have: ${Object.keys(result.pack.categories).join(", ")})\n`,
        );
        return 2;
      }
      await runSimulate({
        pack: result.pack,
        category: values.category,
        input: process.stdin,
        output: process.stdout,
      });
      return 0;
    }
  }
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
