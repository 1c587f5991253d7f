/**
 * Multinomial naive Bayes over string features, incremental both ways: an admin's /spam adds a
 * document, /notspam or an expired sample removes it again, and `remove` is the exact inverse of
 * `add` (counts are sums of the weights, so adding and removing the same integer weights leaves
 * them bit-for-bit as they were; a feature whose counts all return to zero leaves the vocabulary).
 *
 * Scoring is in log space, so 400 features do not underflow. Features the model has never seen
 * are skipped when scoring: with add-α smoothing they would penalise the classes that have seen
 * more text, which says nothing about the message.
 */

export interface NaiveBayesOptions {
  /** Add-α (Laplace) smoothing. @defaultValue 0.5 */
  alpha?: number;
  /**
   * Distinct features kept. Past it, features not yet known are ignored by `add` (and so by
   * `remove` and scoring), which bounds memory whatever a hostile group sends; known features keep
   * counting. @defaultValue 200000
   */
  maxVocabulary?: number;
  /** Score with equal class priors instead of the smoothed document counts. @defaultValue false */
  uniformPriors?: boolean;
}

export const DEFAULT_ALPHA = 0.5;
export const DEFAULT_MAX_VOCABULARY = 200_000;

export class NaiveBayes {
  readonly classes: readonly string[];
  readonly alpha: number;
  readonly maxVocabulary: number;
  readonly uniformPriors: boolean;
  /**
   * Feature → its (weighted) count in each class, then log(count + α) for each class: the
   * logarithms change only when that feature's count does, so scoring adds cached numbers instead
   * of taking a logarithm per feature and class (most of a score's cost).
   */
  private counts = new Map<string, Float64Array>();
  /** Sum of feature counts per class: the denominator of P(feature | class). */
  private featureTotals: Float64Array;
  /** Sum of document weights per class: the class priors. */
  private documentTotals: Float64Array;
  /** Scratch for one posterior, so scoring allocates only its result. */
  private logDenominators: Float64Array;

  constructor(classes: readonly string[], options: NaiveBayesOptions = {}) {
    if (classes.length < 2) throw new Error("naive Bayes needs at least two classes");
    if (new Set(classes).size !== classes.length) throw new Error("naive Bayes classes must be distinct");
    this.classes = [...classes];
    this.alpha = options.alpha ?? DEFAULT_ALPHA;
    if (!(this.alpha > 0)) throw new Error("naive Bayes alpha must be positive");
    this.maxVocabulary = options.maxVocabulary ?? DEFAULT_MAX_VOCABULARY;
    this.uniformPriors = options.uniformPriors ?? false;
    this.featureTotals = new Float64Array(classes.length);
    this.documentTotals = new Float64Array(classes.length);
    this.logDenominators = new Float64Array(classes.length);
  }

  /** Sum of document weights over all classes. */
  get documents(): number {
    let sum = 0;
    for (const d of this.documentTotals) sum += d;
    return sum;
  }

  get vocabularySize(): number {
    return this.counts.size;
  }

  add(features: readonly string[], classIndex: number, weight = 1): void {
    this.checkClass(classIndex);
    if (!(weight > 0)) return;
    const k = this.classes.length;
    for (const feature of features) {
      let row = this.counts.get(feature);
      if (row === undefined) {
        if (this.counts.size >= this.maxVocabulary) continue;
        row = new Float64Array(2 * k).fill(Math.log(this.alpha), k);
        this.counts.set(feature, row);
      }
      row[classIndex]! += weight;
      row[k + classIndex] = Math.log(row[classIndex]! + this.alpha);
      this.featureTotals[classIndex]! += weight;
    }
    this.documentTotals[classIndex]! += weight;
  }

  /** Undoes `add(features, classIndex, weight)`; a count never goes below zero. */
  remove(features: readonly string[], classIndex: number, weight = 1): void {
    this.checkClass(classIndex);
    if (!(weight > 0)) return;
    const k = this.classes.length;
    for (const feature of features) {
      const row = this.counts.get(feature);
      if (row === undefined) continue;
      const taken = Math.min(row[classIndex]!, weight);
      row[classIndex]! -= taken;
      row[k + classIndex] = Math.log(row[classIndex]! + this.alpha);
      this.featureTotals[classIndex] = Math.max(0, this.featureTotals[classIndex]! - taken);
      if (isEmpty(row, k)) this.counts.delete(feature);
    }
    this.documentTotals[classIndex] = Math.max(0, this.documentTotals[classIndex]! - weight);
  }

  /** P(class | features) for every class, in class order, summing to 1. */
  posterior(features: readonly string[]): Float64Array {
    const k = this.classes.length;
    const log = new Float64Array(k);
    const documents = this.documents;
    const vocabularyMass = this.alpha * Math.max(1, this.counts.size);
    for (let c = 0; c < k; c++) {
      log[c] = this.uniformPriors
        ? 0
        : Math.log((this.documentTotals[c]! + this.alpha) / (documents + this.alpha * k));
      this.logDenominators[c] = Math.log(this.featureTotals[c]! + vocabularyMass);
    }
    for (const feature of features) {
      const row = this.counts.get(feature);
      if (row === undefined) continue;
      for (let c = 0; c < k; c++) log[c]! += row[k + c]! - this.logDenominators[c]!;
    }
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) if (log[c]! > max) max = log[c]!;
    let sum = 0;
    for (let c = 0; c < k; c++) {
      log[c] = Math.exp(log[c]! - max);
      sum += log[c]!;
    }
    for (let c = 0; c < k; c++) log[c]! /= sum;
    return log;
  }

  /** An independent model with the same counts and options (a merchant's model starts as a copy of the seed). */
  copy(): NaiveBayes {
    const twin = new NaiveBayes(this.classes, {
      alpha: this.alpha,
      maxVocabulary: this.maxVocabulary,
      uniformPriors: this.uniformPriors,
    });
    for (const [feature, row] of this.counts) twin.counts.set(feature, row.slice());
    twin.featureTotals = this.featureTotals.slice();
    twin.documentTotals = this.documentTotals.slice();
    return twin;
  }

  private checkClass(classIndex: number): void {
    if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= this.classes.length) {
      throw new RangeError(`no class ${classIndex} (the model has ${this.classes.length})`);
    }
  }
}

/** No class counts the feature any more (the first `k` cells of its row). */
function isEmpty(row: Float64Array, k: number): boolean {
  for (let c = 0; c < k; c++) if (row[c] !== 0) return false;
  return true;
}
