/**
 * Scenario "simulate": `qunguan simulate` on a 200,000-line transcript against
 * a plain Node script that only parses and re-serialises the same JSONL. Both
 * are spawned the same way (stdin from the file, stdout to a file), so node's
 * start-up and the pipe cost the same on both sides; ratio = ours / plain.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateCorpus } from "./corpus.js";
import { round } from "./engine.js";

export interface SimulateResult {
  scenario: "simulate";
  lines: number;
  oursMs: number;
  plainMs: number;
  ratio: number;
}

/** Reads JSONL on stdin, writes each object back: the floor any JSONL tool pays. */
const PLAIN = `import { createInterface } from "node:readline";
const reader = createInterface({ input: process.stdin, crlfDelay: Infinity });
let buffer = "";
let i = 0;
for await (const raw of reader) {
  let out;
  try {
    out = JSON.stringify({ i, line: JSON.parse(raw) });
  } catch (error) {
    out = JSON.stringify({ i, actions: [], error: error.message });
  }
  i++;
  buffer += out + "\\n";
  if (buffer.length > 65536) {
    if (!process.stdout.write(buffer)) await new Promise((r) => process.stdout.once("drain", r));
    buffer = "";
  }
}
process.stdout.write(buffer);
`;

export interface SimulateOptions {
  seed: number;
  lines: number;
  root: string;
  log: (line: string) => void;
}

function timed(command: string[], input: string, output: string, cwd: string): number {
  const stdin = openSync(input, "r");
  const stdout = openSync(output, "w");
  const t = performance.now();
  const r = spawnSync(command[0]!, command.slice(1), { cwd, stdio: [stdin, stdout, "inherit"] });
  const ms = performance.now() - t;
  closeSync(stdin);
  closeSync(stdout);
  if (r.status !== 0) throw new Error(`${command.join(" ")} exited ${r.status}`);
  return ms;
}

export function runSimulateBench(options: SimulateOptions): SimulateResult {
  const dir = mkdtempSync(join(tmpdir(), "qunguan-bench-sim-"));
  const input = join(dir, "transcript.jsonl");
  const corpus = generateCorpus({ seed: options.seed, count: options.lines });
  const lines = corpus.map((m, i) => {
    const line: Record<string, unknown> = {
      chat: m.chat,
      user: m.user,
      name: m.name,
      text: m.text,
      at: new Date(m.at).toISOString(),
    };
    if (m.mentions.length > 0) line.mentions = m.mentions;
    // Some replies, so reply_to resolution is on the path.
    if (i > 10 && i % 17 === 0) line.reply_to = i - 1 - (i % 10);
    return JSON.stringify(line);
  });
  writeFileSync(input, `${lines.join("\n")}\n`);
  const plainScript = join(dir, "plain.mjs");
  writeFileSync(plainScript, PLAIN);
  const cli = resolve(options.root, "dist/src/cli/main.js");
  const ours = [cli, "simulate", "--rules", "rules"];
  // Best of two each, alternating, so a noisy neighbour hurts neither side alone.
  let oursMs = Number.POSITIVE_INFINITY;
  let plainMs = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 2; run++) {
    plainMs = Math.min(plainMs, timed(["node", plainScript], input, join(dir, "plain.out"), options.root));
    oursMs = Math.min(oursMs, timed(["node", ...ours], input, join(dir, "ours.out"), options.root));
  }
  options.log(
    `simulate: ${options.lines} lines, ours ${oursMs.toFixed(0)} ms, plain ${plainMs.toFixed(0)} ms`,
  );
  return {
    scenario: "simulate",
    lines: options.lines,
    oursMs: Math.round(oursMs),
    plainMs: Math.round(plainMs),
    ratio: round(oursMs / plainMs, 2),
  };
}
