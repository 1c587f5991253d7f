/**
 * One merchant's spam model: the seed naive Bayes model plus what this merchant's admins taught
 * it (/spam, /notspam), and two near-duplicate indexes of the taught texts, so a variant of a
 * text an admin judged is recognised at once, before the statistics have moved.
 *
 * A taught text is identified by its compact form (evasions folded), so the same text taught again
 * changes nothing: an admin looping /notspam on one text counts once. Teaching it with the other
 * label moves it. Each label keeps at most `maxSamples`, oldest forgotten first, with its counts
 * removed from the model, so memory is bounded whatever the admins do.
 */
import { type NormalizedText, normalize } from "../engine/text/normalize.js";
import { shingles, textFeatures } from "./features.js";
import type { NaiveBayes } from "./naive-bayes.js";
import { NearDuplicateIndex } from "./near-duplicates.js";
import { loadSeedModel } from "./seed-corpus.js";
import { isSpamKind, MODEL_CLASSES, SPAM_KINDS, type SpamKind } from "./spam-classes.js";

export { SPAM_KINDS, type SpamKind };

export interface SpamScore {
  /** 1 − P(ok). */
  score: number;
  /** The most probable spam class. */
  kind: SpamKind;
}

export interface LearnedSample {
  id: number;
  label: "spam" | "ham";
  /** For spam, its kind; for ham, the rule whose action was undone ("*": any rule). */
  rule: string;
  text: string;
}

export interface NearSample {
  sample: LearnedSample;
  similarity: number;
}

export interface SpamModelOptions {
  /** Jaccard similarity of shingle sets at which a text counts as a variant of a taught one. @defaultValue 0.6 */
  similarity?: number;
  /** Taught samples kept per label. @defaultValue 5000 */
  maxSamples?: number;
  /** The model to start from (copied, never changed). @defaultValue the shipped seed model */
  seed?: NaiveBayes;
}

export const DEFAULT_SIMILARITY = 0.6;
export const DEFAULT_MAX_SAMPLES = 5000;
/** An admin's judgement counts as this many seed lines. */
export const LEARNED_WEIGHT = 3;
/** Shorter compact texts are too generic ("加我微信") for a near-spam match to mean much. */
export const NEAR_SPAM_MIN_CHARS = 6;
/**
 * Near-duplicates compare the first this many compact characters: spam templates are short, a long
 * message that opens with one still matches, and a 2,000-character message costs no more than a
 * short one (its shingles are made and sorted on every message). @defaultValue 300
 */
export const NEAR_DUPLICATE_CHARS = 300;

/** The shingles near-duplicate search compares: of the text's first NEAR_DUPLICATE_CHARS. */
function nearShingles(compact: string): Uint32Array {
  return shingles(compact.length > NEAR_DUPLICATE_CHARS ? compact.slice(0, NEAR_DUPLICATE_CHARS) : compact);
}
export const ANY_RULE = "*";

const OK_INDEX = 0;

/** The score of a posterior over MODEL_CLASSES. */
export function spamScoreOf(posterior: Float64Array): SpamScore {
  let kindIndex = 1;
  for (let c = 2; c < posterior.length; c++) if (posterior[c]! > posterior[kindIndex]!) kindIndex = c;
  return { score: 1 - posterior[OK_INDEX]!, kind: SPAM_KINDS[kindIndex - 1]! };
}

interface Stored {
  sample: LearnedSample;
  /** Identity of the text: its compact form (plain when it has none, e.g. emoji only). */
  key: string;
  classIndex: number;
}

function classIndexOf(sample: LearnedSample): number {
  if (sample.label === "ham") return OK_INDEX;
  return MODEL_CLASSES.indexOf(isSpamKind(sample.rule) ? sample.rule : "ads");
}

function keyOf(text: NormalizedText): string {
  return text.compact === "" ? text.plain : text.compact;
}

export class SpamModel {
  readonly similarity: number;
  readonly maxSamples: number;
  private model: NaiveBayes;
  private byKey = new Map<string, Stored>();
  private byId = new Map<number, Stored>();
  /** Per label, keys in teaching order (oldest first), for the maxSamples bound. */
  private spam = new Set<string>();
  private ham = new Set<string>();
  private spamIndex: NearDuplicateIndex<LearnedSample>;
  private hamIndex: NearDuplicateIndex<LearnedSample>;

  constructor(options: SpamModelOptions = {}) {
    this.similarity = options.similarity ?? DEFAULT_SIMILARITY;
    this.maxSamples = options.maxSamples ?? DEFAULT_MAX_SAMPLES;
    const seed = options.seed ?? loadSeedModel();
    if (seed.classes.join() !== MODEL_CLASSES.join()) {
      throw new Error(`a spam model's seed has the classes ${MODEL_CLASSES.join(", ")}`);
    }
    this.model = seed.copy();
    this.spamIndex = new NearDuplicateIndex({ capacity: this.maxSamples });
    this.hamIndex = new NearDuplicateIndex({ capacity: this.maxSamples });
  }

  get counts(): { spam: number; ham: number } {
    return { spam: this.spam.size, ham: this.ham.size };
  }

  /** The naive Bayes model as taught so far (read it, do not change it). */
  get naiveBayes(): NaiveBayes {
    return this.model;
  }

  score(text: NormalizedText): SpamScore {
    return spamScoreOf(this.model.posterior(textFeatures(text)));
  }

  learn(sample: LearnedSample): void {
    const text = normalize(sample.text);
    const key = keyOf(text);
    const classIndex = classIndexOf(sample);
    const earlier = this.byKey.get(key);
    if (earlier !== undefined) {
      const same =
        earlier.sample.label === sample.label &&
        earlier.classIndex === classIndex &&
        earlier.sample.rule === sample.rule;
      if (same) return;
      this.remove(earlier);
    }
    const previousOfId = this.byId.get(sample.id);
    if (previousOfId !== undefined) this.remove(previousOfId);

    const stored: Stored = { sample: { ...sample }, key, classIndex };
    this.model.add(textFeatures(text), classIndex, LEARNED_WEIGHT);
    this.byKey.set(key, stored);
    this.byId.set(sample.id, stored);
    const keys = sample.label === "spam" ? this.spam : this.ham;
    const index = sample.label === "spam" ? this.spamIndex : this.hamIndex;
    keys.add(key);
    // A spam text too short to be matched (nearSpam asks NEAR_SPAM_MIN_CHARS) still teaches the
    // classifier, but kept in the index it would only weaken the index's filter (see mayMatchText).
    if (sample.label === "ham" || text.compact.length >= NEAR_SPAM_MIN_CHARS)
      index.add(key, nearShingles(text.compact), stored.sample);
    while (keys.size > this.maxSamples) {
      const oldest = this.byKey.get(keys.values().next().value!)!;
      this.remove(oldest);
    }
  }

  forget(id: number): void {
    const stored = this.byId.get(id);
    if (stored !== undefined) this.remove(stored);
  }

  /** The taught spam sample this text is a variant of, if any. */
  nearSpam(text: NormalizedText): NearSample | undefined {
    const length = text.compact.length;
    if (length < NEAR_SPAM_MIN_CHARS) return undefined;
    const end = Math.min(length, NEAR_DUPLICATE_CHARS);
    if (!this.spamIndex.mayMatchText(text.compact, end, this.similarity)) return undefined;
    const match = this.spamIndex.nearest(nearShingles(text.compact), this.similarity);
    return match && { sample: match.value, similarity: match.similarity };
  }

  /** The ham sample taught against `rule` (or against any rule) that this text is a variant of, if any. */
  nearHam(text: NormalizedText, rule: string): NearSample | undefined {
    const end = Math.min(text.compact.length, NEAR_DUPLICATE_CHARS);
    if (!this.hamIndex.mayMatchText(text.compact, end, this.similarity)) return undefined;
    const match = this.hamIndex.nearest(
      nearShingles(text.compact),
      this.similarity,
      (sample) => sample.rule === rule || sample.rule === ANY_RULE,
    );
    return match && { sample: match.value, similarity: match.similarity };
  }

  private remove(stored: Stored): void {
    // The text is normalised again rather than its features kept: the same normaliser gives the
    // same features, and 5,000 samples × 400 feature strings would be most of the model's memory.
    this.model.remove(textFeatures(normalize(stored.sample.text)), stored.classIndex, LEARNED_WEIGHT);
    this.byKey.delete(stored.key);
    if (this.byId.get(stored.sample.id) === stored) this.byId.delete(stored.sample.id);
    if (stored.sample.label === "spam") {
      this.spam.delete(stored.key);
      this.spamIndex.delete(stored.key);
    } else {
      this.ham.delete(stored.key);
      this.hamIndex.delete(stored.key);
    }
  }
}
