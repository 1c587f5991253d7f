/**
 * `npm run seed`: writes data/spam-seed.jsonl, the lines the spam classifier's seed model is
 * trained on. From the tuning part of the evaluation corpus and the older corpora only: a line
 * whose split key (written.ts) is in the held-out part is left out, so the held-out figures stay
 * a measure of lines the model never saw. Lines are deduplicated by split key, the first kept.
 *
 * Labels: ok, faq and mention lines are "ok"; a violation whose concern is a spam kind is that
 * kind; other violations (privacy, pii, links, mass-mention) are left out, since they are about
 * what a message holds, not how it reads, and other rules judge them.
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SeedLine } from "../../src/classifier/seed-corpus.js";
import { SEED_FILE } from "../../src/classifier/seed-corpus.js";
import { isSpamKind, type ModelClass, OK_CLASS } from "../../src/classifier/spam-classes.js";
import { packageRoot } from "../../src/cli/package-root.js";
import { type LabelledLine, readCorpus } from "./corpus.js";
import { EVAL_DIR, splitKey } from "./written.js";

const FIXTURES = join(packageRoot(), "test/fixtures");

/** The seed label of a corpus line, or undefined when the classifier is not meant to judge it. */
export function seedLabelOf(line: LabelledLine): ModelClass | undefined {
  if (line.label !== "violation") return OK_CLASS;
  return line.concern !== undefined && isSpamKind(line.concern) ? line.concern : undefined;
}

/** The corpora the seed is built from, in a fixed order: the tuning part, then the older corpora by name. */
export function seedSources(): string[] {
  const older = readdirSync(FIXTURES)
    .filter((f) => /^corpus.*\.jsonl$/.test(f))
    .sort()
    .map((f) => join(FIXTURES, f));
  return [join(EVAL_DIR, "tune.jsonl"), ...older];
}

export function heldoutKeys(): Set<string> {
  return new Set(readCorpus(join(EVAL_DIR, "heldout.jsonl")).map((line) => splitKey(line.text)));
}

export function buildSeedLines(sources = seedSources(), excluded = heldoutKeys()): SeedLine[] {
  const seen = new Set<string>();
  const out: SeedLine[] = [];
  for (const source of sources) {
    for (const line of readCorpus(source)) {
      const label = seedLabelOf(line);
      const key = splitKey(line.text);
      if (label === undefined || excluded.has(key) || seen.has(key)) continue;
      seen.add(key);
      out.push({ text: line.text, label });
    }
  }
  return out;
}

export function seedFileText(lines: readonly SeedLine[] = buildSeedLines()): string {
  return lines.map((line) => `${JSON.stringify({ text: line.text, label: line.label })}\n`).join("");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const lines = buildSeedLines();
  writeFileSync(join(packageRoot(), SEED_FILE), seedFileText(lines));
  const byLabel: Record<string, number> = {};
  for (const line of lines) byLabel[line.label] = (byLabel[line.label] ?? 0) + 1;
  process.stdout.write(`${SEED_FILE}: ${lines.length} lines ${JSON.stringify(byLabel)}\n`);
}
