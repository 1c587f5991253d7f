/**
 * Runs a range of mutation seeds through the loader and sums up what happened.
 * The test runs shards in child processes (one per core), since loading ten
 * thousand packs one after another takes over a minute; run as a script
 * (`node --import tsx mutation-shard.ts FROM TO DIR COMPILE_EVERY`) it prints
 * its report as JSON.
 */
import { fileURLToPath } from "node:url";
import { checkMutation } from "./mutation-check.js";
import { mutate } from "./mutation-gen.js";

export interface ShardReport {
  from: number;
  to: number;
  accepted: number;
  refused: number;
  problems: number;
  compiled: number;
  /** Mutations per operator. */
  ops: Record<string, number>;
  /** Contract breaches, each with the seed and mutation that reproduce it (the first 50). */
  failures: string[];
  failureCount: number;
  slowest: { seed: number; ms: number; label: string };
  ms: number;
}

/** Loads seeds [from, to) as files of `dir`; accepted packs are compiled when `compileEvery` divides the seed. */
export function runShard(from: number, to: number, dir: string, compileEvery = 1): ShardReport {
  const started = performance.now();
  const report: ShardReport = {
    from,
    to,
    accepted: 0,
    refused: 0,
    problems: 0,
    compiled: 0,
    ops: {},
    failures: [],
    failureCount: 0,
    slowest: { seed: -1, ms: 0, label: "" },
    ms: 0,
  };
  for (let seed = from; seed < to; seed++) {
    const m = mutate(seed);
    for (const op of m.ops) report.ops[op] = (report.ops[op] ?? 0) + 1;
    const t = performance.now();
    const { verdict, failures } = checkMutation(m.files, dir, seed % compileEvery === 0);
    const ms = performance.now() - t;
    if (ms > report.slowest.ms) report.slowest = { seed, ms: Math.round(ms), label: m.label };
    if ("crash" in verdict) report.refused++;
    else if (verdict.ok) {
      report.accepted++;
      if (verdict.compiled) report.compiled++;
    } else {
      report.refused++;
      report.problems += verdict.problems;
    }
    if (failures.length > 0) {
      report.failureCount++;
      if (report.failures.length < 50) {
        report.failures.push(
          `seed ${seed} [${m.label.slice(0, 300)}]: ${failures.slice(0, 3).join(" | ").slice(0, 600)}`,
        );
      }
    }
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [from, to, dir, compileEvery] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(runShard(Number(from), Number(to), dir!, Number(compileEvery))));
}
