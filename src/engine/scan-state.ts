/**
 * Per-message keyword counts, one slot per keyword condition, counting each
 * different word once. Reused from message to message (a stamp per word
 * instead of a Set, zeroing only the slots the last message touched): the
 * engine's hot path allocates nothing for them.
 */
export class KeywordHits {
  /** How many different words of each slot's list the current message holds. */
  readonly counts: Uint16Array;
  /** The message (epoch) in which each word was last counted. */
  private readonly stamp: Uint32Array;
  private epoch = 0;
  private readonly touched: Int32Array;
  private touchedCount = 0;

  /** @param wordSlots the slot each word id belongs to */
  constructor(
    private readonly wordSlots: Int32Array,
    slots: number,
  ) {
    this.counts = new Uint16Array(slots);
    this.touched = new Int32Array(slots);
    this.stamp = new Uint32Array(wordSlots.length);
  }

  /** Starts a message: forgets the previous one's counts. */
  reset(): void {
    for (let i = 0; i < this.touchedCount; i++) this.counts[this.touched[i]!] = 0;
    this.touchedCount = 0;
    if (++this.epoch === 0xffff_ffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
  }

  /** Counts a word hit (a bound function, so the scanner can call it without a closure per message). */
  readonly add = (word: number): void => {
    if (this.stamp[word] === this.epoch) return;
    this.stamp[word] = this.epoch;
    const slot = this.wordSlots[word]!;
    const n = this.counts[slot]!;
    this.counts[slot] = n + 1;
    if (n === 0) this.touched[this.touchedCount++] = slot;
  };
}
