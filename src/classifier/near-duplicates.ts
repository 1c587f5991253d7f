/**
 * Near-duplicate search over shingle sets: "is this message nearly one an admin already judged?".
 * An inverted index maps each shingle to the entries holding it, so a lookup touches only entries
 * that share one of the query's rarest shingles with it (prefix filtering, see `nearest`; nothing
 * at all when the index is empty), and measures Jaccard exactly on those candidates alone.
 *
 * Entries live in numbered slots (at most `capacity`), so the per-lookup counters are one reused
 * typed array instead of a map per query. Beyond capacity the oldest entry is evicted, with its
 * postings, so memory is bounded by capacity × shingles per entry.
 */
import { eachShingle, jaccard } from "./features.js";

/** Bits of the filter of every stored shingle (2^20: 128 KB, a few percent full at capacity 5,000). */
const FILTER_BITS = 1 << 20;
/** The longest text `mayMatchText` reads; its distinct-shingle table has room for twice as many. */
export const MAX_FILTERED_CHARS = 512;
const SEEN_BITS = 10;
const SEEN_SLOTS = 1 << SEEN_BITS;

export interface NearDuplicateOptions {
  /** Entries kept; adding one more evicts the oldest. */
  capacity: number;
}

export interface NearMatch<T> {
  key: string;
  value: T;
  similarity: number;
}

interface Entry<T> {
  key: string;
  shingles: Uint32Array;
  value: T;
  slot: number;
  /** Order of adding: the higher, the newer (breaks exact ties). */
  sequence: number;
}

export class NearDuplicateIndex<T> {
  readonly capacity: number;
  /** Key → entry, in insertion order: the first is the oldest. */
  private entries = new Map<string, Entry<T>>();
  private slots: (Entry<T> | undefined)[] = [];
  private freeSlots: number[] = [];
  /** Shingle → slots of the entries holding it. */
  private postings = new Map<number, number[]>();
  /** Shared-shingle count per slot during one lookup; zeroed again before it returns. */
  private shared = new Uint32Array(0);
  private touched: number[] = [];
  /** The postings of one lookup's shingles, reused. */
  private probeLists: number[][] = [];
  private added = 0;
  /**
   * One bit per stored shingle hash (a Bloom filter with one hash): a text whose shingles hit too
   * few bits to reach any entry's similarity is ruled out without sorting or looking them up.
   * Deleted entries leave their bits until the next rebuild (a filter may say yes wrongly, never no).
   */
  private filter = new Uint32Array(FILTER_BITS >>> 5);
  private deletedSinceRebuild = 0;
  /** One lookup's distinct shingles (open addressing, stamped so it is never cleared) and counts. */
  private readonly seen = new Uint32Array(SEEN_SLOTS);
  private readonly seenStamp = new Uint32Array(SEEN_SLOTS);
  private stamp = 0;
  private distinct = 0;
  private distinctHits = 0;
  private readonly countShingle = (hash: number) => {
    const stamp = this.stamp;
    let slot = Math.imul(hash, 0x9e3779b1) >>> (32 - SEEN_BITS);
    while (this.seenStamp[slot] === stamp) {
      if (this.seen[slot] === hash) return; // seen in this text already
      slot = (slot + 1) & (SEEN_SLOTS - 1);
    }
    this.seenStamp[slot] = stamp;
    this.seen[slot] = hash;
    this.distinct++;
    const bit = hash & (FILTER_BITS - 1);
    if ((this.filter[bit >>> 5]! & (1 << (bit & 31))) !== 0) this.distinctHits++;
  };
  /** Bounds on the entries' shingle counts (kept loose after deletes: bounds, not exact sizes). */
  private fewest = Number.POSITIVE_INFINITY;
  private most = 0;

  constructor({ capacity }: NearDuplicateOptions) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error("capacity must be a positive integer");
    this.capacity = capacity;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Stores `shingles` (sorted, distinct, as `shingles()` makes them) under `key`, replacing an entry of the same key. */
  add(key: string, shingles: Uint32Array, value: T): void {
    this.delete(key);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
    const slot = this.freeSlots.pop() ?? this.slots.length;
    const entry: Entry<T> = { key, shingles, value, slot, sequence: this.added++ };
    this.slots[slot] = entry;
    if (this.shared.length < this.slots.length) {
      // Zero between lookups, so a bigger fresh array loses nothing.
      this.shared = new Uint32Array(Math.min(this.capacity, Math.max(16, this.slots.length * 2)));
    }
    this.entries.set(key, entry);
    this.fewest = Math.min(this.fewest, shingles.length);
    this.most = Math.max(this.most, shingles.length);
    this.setBits(shingles);
    for (const shingle of shingles) {
      const list = this.postings.get(shingle);
      if (list === undefined) this.postings.set(shingle, [slot]);
      else list.push(slot);
    }
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    for (const shingle of entry.shingles) {
      const list = this.postings.get(shingle);
      if (list === undefined) continue;
      const at = list.indexOf(entry.slot);
      if (at >= 0) {
        list[at] = list[list.length - 1]!;
        list.pop();
      }
      if (list.length === 0) this.postings.delete(shingle);
    }
    this.slots[entry.slot] = undefined;
    this.freeSlots.push(entry.slot);
    if (this.entries.size === 0) {
      this.fewest = Number.POSITIVE_INFINITY;
      this.most = 0;
    }
    // Stale bits only make the filter say yes more often; rebuilt once as many entries went as remain.
    if (++this.deletedSinceRebuild > Math.max(64, this.entries.size)) this.rebuildFilter();
    return true;
  }

  private setBits(shingles: Uint32Array): void {
    for (const hash of shingles) {
      const bit = hash & (FILTER_BITS - 1);
      this.filter[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  private rebuildFilter(): void {
    this.filter.fill(0);
    for (const entry of this.entries.values()) this.setBits(entry.shingles);
    this.deletedSinceRebuild = 0;
  }

  /**
   * Whether `compact[0, end)` (at most MAX_FILTERED_CHARS) may be within `minSimilarity` of an
   * entry, from the filter alone: J ≥ m needs |a ∩ b| ≥ m·|a ∪ b| ≥ m·|a|, so at least ⌈m·|a|⌉ of
   * the text's distinct shingles must hit the filter, and the sizes must be within m of each
   * other. An ordinary message shares a few common shingles with the samples at most, so it stops
   * here, before its shingles are sorted and looked up.
   */
  mayMatchText(compact: string, end: number, minSimilarity: number): boolean {
    if (this.entries.size === 0 || end === 0) return false;
    if (end > MAX_FILTERED_CHARS)
      throw new Error(`mayMatchText reads at most ${MAX_FILTERED_CHARS} characters`);
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.seenStamp.fill(0);
      this.stamp = 1;
    }
    this.distinct = 0;
    this.distinctHits = 0;
    eachShingle(compact, end, this.countShingle);
    const n = this.distinct;
    const m = minSimilarity;
    if (n < m * this.fewest || m * n > this.most) return false;
    return this.distinctHits >= Math.ceil(m * n - 1e-9);
  }

  /**
   * Whether a text with at most `maxShingles` distinct shingles could reach `minSimilarity` with
   * any entry: J ≤ |smaller| / |larger|, so a text too short for the smallest entry is ruled out
   * before its shingles are even made.
   */
  mayHold(maxShingles: number, minSimilarity: number): boolean {
    return this.entries.size > 0 && maxShingles >= minSimilarity * this.fewest;
  }

  /**
   * The stored entry most similar to `shingles` by Jaccard, if it reaches `minSimilarity` (ties go
   * to the most recently added); `accept` can rule entries out (e.g. a sample taught against
   * another rule).
   */
  nearest(
    shingles: Uint32Array,
    minSimilarity: number,
    accept?: (value: T) => boolean,
  ): NearMatch<T> | undefined {
    if (this.entries.size === 0 || shingles.length === 0) return undefined;
    const m = Math.max(0, minSimilarity);
    // Far longer than every entry (a long message): no entry can be similar enough.
    if (m * shingles.length > this.most) return undefined;
    // Prefix filtering: J(a, b) ≥ m needs |a ∩ b| ≥ ⌈m·|a|⌉, so any |a| − ⌈m·|a|⌉ + 1 shingles of a
    // include one that b holds. Probing only that many, the rarest first, finds every candidate
    // while skipping the long postings of common shingles; a shingle no entry holds is the rarest
    // of all and rules candidates out for free.
    const probes = shingles.length - Math.ceil(m * shingles.length) + 1;
    const lists = this.probeLists;
    let missing = 0;
    for (const shingle of shingles) {
      const list = this.postings.get(shingle);
      if (list === undefined) missing++;
      else lists.push(list);
    }
    if (missing >= probes) {
      lists.length = 0;
      return undefined;
    }
    lists.sort((x, y) => x.length - y.length);
    const touched = this.touched;
    const shared = this.shared;
    const take = Math.min(lists.length, probes - missing);
    for (let i = 0; i < take; i++) {
      for (const slot of lists[i]!) {
        if (shared[slot] === 0) {
          shared[slot] = 1;
          touched.push(slot);
        }
      }
    }
    lists.length = 0;
    let best: Entry<T> | undefined;
    let bestSimilarity = -1;
    for (const slot of touched) {
      shared[slot] = 0;
      const entry = this.slots[slot]!;
      // The size bound first: J ≤ min/max of the two sizes.
      const small = Math.min(shingles.length, entry.shingles.length);
      const large = Math.max(shingles.length, entry.shingles.length);
      if (small < m * large) continue;
      const similarity = jaccard(shingles, entry.shingles);
      if (similarity < m || (accept !== undefined && !accept(entry.value))) continue;
      if (similarity > bestSimilarity || (similarity === bestSimilarity && entry.sequence > best!.sequence)) {
        best = entry;
        bestSimilarity = similarity;
      }
    }
    touched.length = 0;
    return best === undefined ? undefined : { key: best.key, value: best.value, similarity: bestSimilarity };
  }
}
