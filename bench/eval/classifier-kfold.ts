/**
 * How well the spam classifier alone tells spam from ordinary lines, measured honestly: k-fold
 * cross-validation over the seed lines (each line scored by a model trained on the other folds),
 * and, with `measureOn`, a model trained on the whole seed scored on the held-out part. A line
 * counts as flagged when its score (1 − P(ok)) reaches the threshold.
 *
 * Folds are fixed by a hash of the line's split key, so a Traditional line and its Simplified twin
 * are in the same fold (as in written.ts), and adding lines never moves another between folds.
 * Prints nothing: `npm run eval` reports it.
 */
import { createHash } from "node:crypto";
import { textFeatures } from "../../src/classifier/features.js";
import type { NaiveBayes } from "../../src/classifier/naive-bayes.js";
import { type SeedLine, trainModel } from "../../src/classifier/seed-corpus.js";
import { OK_CLASS, SPAM_KINDS } from "../../src/classifier/spam-classes.js";
import { type SpamScore, spamScoreOf } from "../../src/classifier/spam-model.js";
import { normalize } from "../../src/engine/text/normalize.js";
import { splitKey } from "./written.js";

export const DEFAULT_THRESHOLD = 0.9;

export interface PrecisionRecall {
  precision: number;
  recall: number;
}

export interface ClassifierFigures extends PrecisionRecall {
  /** Per spam kind: a line counts for a kind when flagged and given that kind. */
  byKind: Record<string, PrecisionRecall>;
  threshold: number;
}

function foldOf(text: string, k: number): number {
  return createHash("sha256").update(splitKey(text)).digest().readUInt32BE(0) % k;
}

function scoreLine(model: NaiveBayes, text: string): SpamScore {
  return spamScoreOf(model.posterior(textFeatures(normalize(text))));
}

/** Tallies of flagged/true lines; precision of nothing flagged is 1, recall of nothing to find is 1. */
class Tally {
  private truePositives = new Map<string, number>();
  private predicted = new Map<string, number>();
  private actual = new Map<string, number>();

  count(line: SeedLine, score: SpamScore, threshold: number): void {
    const flagged = score.score >= threshold;
    const isSpam = line.label !== OK_CLASS;
    this.bump(this.actual, "spam", isSpam);
    this.bump(this.predicted, "spam", flagged);
    this.bump(this.truePositives, "spam", flagged && isSpam);
    for (const kind of SPAM_KINDS) {
      this.bump(this.actual, kind, line.label === kind);
      this.bump(this.predicted, kind, flagged && score.kind === kind);
      this.bump(this.truePositives, kind, flagged && score.kind === kind && line.label === kind);
    }
  }

  figures(threshold: number): ClassifierFigures {
    const of = (name: string): PrecisionRecall => {
      const tp = this.truePositives.get(name) ?? 0;
      const predicted = this.predicted.get(name) ?? 0;
      const actual = this.actual.get(name) ?? 0;
      return { precision: predicted === 0 ? 1 : tp / predicted, recall: actual === 0 ? 1 : tp / actual };
    };
    const byKind: Record<string, PrecisionRecall> = {};
    for (const kind of SPAM_KINDS) byKind[kind] = of(kind);
    return { ...of("spam"), byKind, threshold };
  }

  private bump(map: Map<string, number>, name: string, yes: boolean): void {
    if (yes) map.set(name, (map.get(name) ?? 0) + 1);
  }
}

/** k-fold cross-validated precision and recall of "spam" over `lines`. */
export function kfold(lines: readonly SeedLine[], k = 5, threshold = DEFAULT_THRESHOLD): ClassifierFigures {
  if (!Number.isInteger(k) || k < 2) throw new Error("k-fold needs k ≥ 2");
  const folds = lines.map((line) => foldOf(line.text, k));
  const tally = new Tally();
  for (let fold = 0; fold < k; fold++) {
    const model = trainModel(lines.filter((_, i) => folds[i] !== fold));
    lines.forEach((line, i) => {
      if (folds[i] === fold) tally.count(line, scoreLine(model, line.text), threshold);
    });
  }
  return tally.figures(threshold);
}

/** Precision and recall of a model trained on `train` over the lines `test` (e.g. the held-out part). */
export function measureOn(
  train: readonly SeedLine[],
  test: readonly SeedLine[],
  threshold = DEFAULT_THRESHOLD,
): ClassifierFigures {
  const model = trainModel(train);
  const tally = new Tally();
  for (const line of test) tally.count(line, scoreLine(model, line.text), threshold);
  return tally.figures(threshold);
}
