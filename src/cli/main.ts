#!/usr/bin/env node
/**
 * The `qunguan` command: start, demo, check, simulate (design: contracts).
 */
import { parseArgs } from "node:util";
import { formatProblem, loadRules } from "../rules/mod.js";
import { runCheck } from "./check.js";
import { defaultRulesDir } from "./package-root.js";
import { runSimulate } from "./simulate.js";

const USAGE = `usage: qunguan <command>
  start                              run the bot (console chat when no platform credentials are set)
  demo                               a scripted group conversation through the console adapter
  worker                             queue consumers only (promo fan-out, deliveries, timers); needs REDIS_URL
  check [DIR]                        validate rule files (default: RULES_DIR or ./rules)
  simulate --rules DIR [--category NAME]
                                     JSONL transcript on stdin → one decision per line on stdout
  report [--days N] [--until DAY] [--tz ZONE] [--out FILE.html] [--db PATH]
                                     HTML report with charts per group and category (default 30 days)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    // Loaded on demand: the platform SDKs cost a second or two of start-up that check and simulate do not need.
    case "start":
      await (await import("./start.js")).runStart();
      return 0;
    case "demo":
      return (await import("./demo.js")).runDemo();
    case "worker":
      return (await import("./worker.js")).runWorker();
    case "report":
      return (await import("../report/cli.js")).runReport(rest);
    case "check":
      return runCheck(rest[0] ?? defaultRulesDir());
    case "simulate": {
      const { values } = parseArgs({
        args: rest,
        options: { rules: { type: "string" }, category: { type: "string" } },
        strict: true,
      });
      const result = loadRules(values.rules ?? defaultRulesDir());
      if (!result.ok) {
        for (const p of result.problems) process.stderr.write(`${formatProblem(p)}\n`);
        return 1;
      }
      if (values.category !== undefined && !result.pack.categories[values.category]) {
        process.stderr.write(`unknown category "${values.category}"\n`);
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
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`unknown command "${command}"\n${USAGE}`);
      return 2;
  }
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
