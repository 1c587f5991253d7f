/**
 * What the engine asks of the spam classifier and of the samples admins taught (src/classifier/),
 * seen from the engine: an interface, so the engine stays pure and the model can be swapped at
 * run time as admins teach it.
 */
import type { NormalizedText } from "./text/normalize.js";

export interface SpamOpinion {
  /** Probability that the text is spam rather than ordinary chatter, 0–1. */
  score: number;
  /** The kind of spam it leans to (ads, poaching, gambling, porn). */
  kind: string;
}

export interface NearLearned {
  sample: { id: number; rule: string };
  /** 0–1: how much of the two texts' character 3-grams they share. */
  similarity: number;
}

export interface SpamJudge {
  score(text: NormalizedText): SpamOpinion;
  /** The admin-marked spam this text is the same as or nearly, if any. */
  nearSpam(text: NormalizedText): NearLearned | undefined;
  /** An admin-marked ordinary text near this one, taught against `rule` (or against every rule). */
  nearHam(text: NormalizedText, rule: string): NearLearned | undefined;
}
