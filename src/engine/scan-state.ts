/**
 * What one message's scan found, reused from message to message so the
 * engine's hot path allocates nothing for it: per keyword condition, how many
 * different words of its list occur; which FAQ words occur (each once); which
 * regex gates opened. Stamps per word instead of Sets, and only the slots the
 * last message touched are zeroed.
 */
export class ScanState {
  /** How many different words of each keyword condition's list the current message holds. */
  readonly counts: Uint16Array;
  /** Per regex gate, 1 when its regex may match the current message. */
  readonly gates: Uint8Array;
  /** The different FAQ words (tag indexes) the current message holds, in `faqTags[0, faqCount)`. */
  readonly faqTags: Int32Array;
  faqCount = 0;

  /** The message (epoch) in which each word or FAQ tag was last counted. */
  private readonly wordStamp: Uint32Array;
  private readonly faqStamp: Uint32Array;
  private epoch = 0;
  private readonly touched: Int32Array;
  private touchedCount = 0;

  /**
   * @param wordSlots the keyword condition (slot) each word id belongs to
   * @param slots number of keyword conditions
   * @param faqTags number of FAQ word tags
   * @param gates number of regex gates
   */
  constructor(
    private readonly wordSlots: Int32Array,
    slots: number,
    faqTags: number,
    gates: number,
  ) {
    this.counts = new Uint16Array(slots);
    this.touched = new Int32Array(slots);
    this.wordStamp = new Uint32Array(wordSlots.length);
    this.faqStamp = new Uint32Array(faqTags);
    this.faqTags = new Int32Array(faqTags);
    this.gates = new Uint8Array(gates);
  }

  /** Starts a message: forgets the previous one's findings. */
  reset(): void {
    for (let i = 0; i < this.touchedCount; i++) this.counts[this.touched[i]!] = 0;
    this.touchedCount = 0;
    this.faqCount = 0;
    if (this.gates.length > 0) this.gates.fill(0);
    if (++this.epoch === 0xffff_ffff) {
      this.wordStamp.fill(0);
      this.faqStamp.fill(0);
      this.epoch = 1;
    }
  }

  /** Counts a moderation keyword (by word id) once per message. */
  word(word: number): void {
    if (this.wordStamp[word] === this.epoch) return;
    this.wordStamp[word] = this.epoch;
    const slot = this.wordSlots[word]!;
    const n = this.counts[slot]!;
    this.counts[slot] = n + 1;
    if (n === 0) this.touched[this.touchedCount++] = slot;
  }

  /** Notes an FAQ word (by tag index) once per message. */
  faq(tag: number): void {
    if (this.faqStamp[tag] === this.epoch) return;
    this.faqStamp[tag] = this.epoch;
    this.faqTags[this.faqCount++] = tag;
  }
}
