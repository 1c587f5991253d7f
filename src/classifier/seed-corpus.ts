/**
 * The seed model every merchant's spam model starts from: naive Bayes trained on
 * data/spam-seed.jsonl, the labelled lines shipped with the package (built from the tuning part
 * of the evaluation corpus by bench/eval/build-seed.ts; the held-out part is never in it).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../cli/package-root.js";
import { normalize } from "../engine/text/normalize.js";
import { textFeatures } from "./features.js";
import { NaiveBayes } from "./naive-bayes.js";
import { MODEL_CLASSES, type ModelClass } from "./spam-classes.js";

export interface SeedLine {
  text: string;
  label: ModelClass;
}

export const SEED_FILE = "data/spam-seed.jsonl";

/** A model trained on `lines`, each counted once. */
export function trainModel(lines: Iterable<SeedLine>): NaiveBayes {
  const model = new NaiveBayes(MODEL_CLASSES);
  for (const line of lines) {
    const classIndex = MODEL_CLASSES.indexOf(line.label);
    if (classIndex < 0) throw new Error(`seed line with unknown label ${JSON.stringify(line.label)}`);
    model.add(textFeatures(normalize(line.text)), classIndex);
  }
  return model;
}

/** The lines of a seed file; a malformed line is an error naming its number, never skipped. */
export function parseSeedLines(jsonl: string, where = SEED_FILE): SeedLine[] {
  const lines: SeedLine[] = [];
  jsonl.split("\n").forEach((raw, i) => {
    if (raw.trim() === "") return;
    const line = JSON.parse(raw) as Partial<SeedLine>;
    if (typeof line.text !== "string" || !MODEL_CLASSES.includes(line.label as string)) {
      throw new Error(
        `${where}:${i + 1}: a seed line is {"text": string, "label": ${MODEL_CLASSES.join("|")}}`,
      );
    }
    lines.push({ text: line.text, label: line.label as ModelClass });
  });
  return lines;
}

export function readSeedLines(): SeedLine[] {
  return parseSeedLines(readFileSync(join(packageRoot(), SEED_FILE), "utf8"));
}

let seed: NaiveBayes | undefined;

/** The seed model, trained once per process. Shared: copy it before learning into it. */
export function loadSeedModel(): NaiveBayes {
  seed ??= trainModel(readSeedLines());
  return seed;
}
