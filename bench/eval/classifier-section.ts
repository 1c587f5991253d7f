/**
 * The classifier's part of `npm run eval`: the classifier alone (k-fold over the seed corpus, and
 * the seed model on the held-out part, which it never saw), then the spam wave (wave-measure.ts):
 * how many admins' /spam replies it takes for the bot to catch a template the rules miss.
 */
import { join } from "node:path";
import { readSeedLines, type SeedLine } from "../../src/classifier/seed-corpus.js";
import type { CompiledRules } from "../../src/engine/compile.js";
import { seedLabelOf } from "./build-seed.js";
import { type ClassifierFigures, DEFAULT_THRESHOLD, kfold, measureOn } from "./classifier-kfold.js";
import { readCorpus } from "./corpus.js";
import { formatRatio } from "./report.js";
import { measureWave, type WaveRow } from "./wave-measure.js";
import { EVAL_DIR } from "./written.js";

export const FOLDS = 5;

export interface ClassifierSection {
  threshold: number;
  kfold: ClassifierFigures & { folds: number; lines: number };
  heldout: ClassifierFigures & { lines: number };
  wave: { variants: number; rows: WaveRow[] };
}

/** The held-out lines the classifier is meant to judge, labelled as the seed labels its own lines. */
function heldoutSeedLines(path: string): SeedLine[] {
  return readCorpus(path).flatMap((line) => {
    const label = seedLabelOf(line);
    return label === undefined ? [] : [{ text: line.text, label }];
  });
}

/** `defaultRules`: the default pack, which the wave is written to slip past. */
export function measureClassifier(defaultRules: CompiledRules): ClassifierSection {
  const seed = readSeedLines();
  const heldoutPath = join(EVAL_DIR, "heldout.jsonl");
  const heldout = heldoutSeedLines(heldoutPath);
  const rows = measureWave(defaultRules, readCorpus(heldoutPath));
  return {
    threshold: DEFAULT_THRESHOLD,
    kfold: { ...kfold(seed, FOLDS), folds: FOLDS, lines: seed.length },
    heldout: { ...measureOn(seed, heldout), lines: heldout.length },
    wave: { variants: rows[0]!.caught.of, rows },
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1).padStart(5)}%`;

function figureLines(title: string, f: ClassifierFigures): string[] {
  return [
    `  ${title.padEnd(34)}precision ${pct(f.precision)}  recall ${pct(f.recall)}`,
    ...Object.entries(f.byKind).map(
      ([kind, k]) => `    ${kind.padEnd(32)}precision ${pct(k.precision)}  recall ${pct(k.recall)}`,
    ),
  ];
}

export function formatClassifier(c: ClassifierSection): string {
  const out = [`classifier alone (flagged at score ≥ ${c.threshold})`];
  out.push(...figureLines(`${c.kfold.folds}-fold on the seed (${c.kfold.lines} lines)`, c.kfold));
  out.push(...figureLines(`seed → held-out (${c.heldout.lines} lines)`, c.heldout));
  out.push(
    `spam wave: ${c.wave.variants} variants of a fake after-sales compensation scam, default pack + classifier`,
  );
  out.push(`  ${"samples".padEnd(9)}${"caught".padEnd(22)}ordinary sanctioned (held-out)`);
  for (const row of c.wave.rows) {
    out.push(
      `  ${String(row.samples).padEnd(9)}${formatRatio(row.caught).padEnd(22)}${formatRatio(row.ordinarySanctioned)}`,
    );
  }
  return out.join("\n");
}
