/**
 * Aho–Corasick over UTF-16 code units, laid out flat for the per-message scan:
 * a code-unit → alphabet table, then a double array (base/check) of goto
 * transitions, failure links and output links, all typed arrays. A character
 * that no keyword uses costs one table read and resets to the root, which is
 * most of a chat message. (The npm package we used before did a Map lookup
 * per character and built an object per match: a third of the engine's time.)
 *
 * Reports every occurrence of every keyword, like the textbook automaton;
 * keywords are identified by their index in the constructor's list.
 */

const NONE = -1;

export class AhoCorasick {
  readonly size: number;
  /** Length of each keyword, to find where a match begins. */
  readonly lengths: Int32Array;
  // The tables are readable so that a scanner with its own loop (message-scanner.ts) can inline the walk.
  /** Alphabet code of each code unit; 0 = in no keyword. (Keywords never use all 65,536 units.) */
  readonly code = new Uint16Array(0x10000);
  readonly base: Int32Array;
  readonly check: Int32Array;
  readonly fail: Int32Array;
  /** Keyword that ends exactly at a state, or NONE (-1). */
  readonly term: Int32Array;
  /** Nearest state on the failure chain that ends a keyword, or NONE: the other keywords ending here. */
  readonly link: Int32Array;
  /** The first state whose keyword ends here: the state itself if it ends one, else `link`. One read per character. */
  readonly out: Int32Array;

  constructor(keywords: readonly string[]) {
    this.size = keywords.length;
    this.lengths = new Int32Array(keywords.length);
    let alphabet = 0;
    let units = 0;
    for (let id = 0; id < keywords.length; id++) {
      const k = keywords[id]!;
      this.lengths[id] = k.length;
      units += k.length;
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        if (this.code[c] === 0) this.code[c] = ++alphabet;
      }
    }
    // A trie first, then packed into the double array. The trie is flat (child lists in arrays,
    // one hash table from parent and code to child) so that compiling 10,000 keywords makes a few
    // large objects rather than tens of thousands of small ones for the collector.
    const trie = new Trie(units);
    for (let id = 0; id < keywords.length; id++) {
      const k = keywords[id]!;
      let node = 0;
      for (let i = 0; i < k.length; i++) node = trie.child(node, this.code[k.charCodeAt(i)]!);
      if (trie.ends[node] === NONE) trie.ends[node] = id;
    }
    const packed = pack(trie, alphabet);
    this.base = packed.base;
    this.check = packed.check;
    const states = packed.base.length;
    this.term = new Int32Array(states).fill(NONE);
    this.link = new Int32Array(states).fill(NONE);
    this.fail = new Int32Array(states);
    for (let t = 0; t < trie.size; t++) this.term[packed.at[t]!] = trie.ends[t]!;
    this.linkFailures(trie, packed.at);
    this.out = new Int32Array(states);
    for (let s = 0; s < states; s++) this.out[s] = this.term[s] !== NONE ? s : this.link[s]!;
  }

  /** Failure and output links, breadth first so a state's failure target is done before it. */
  private linkFailures(trie: Trie, at: Int32Array): void {
    const queue: number[] = [0];
    for (let q = 0; q < queue.length; q++) {
      const t = queue[q]!;
      const r = at[t]!;
      for (let child = trie.first[t]!; child !== NONE; child = trie.next[child]!) {
        const c = trie.code[child]!;
        const s = at[child]!;
        let f = 0;
        if (r !== 0) {
          f = this.fail[r]!;
          for (;;) {
            const next = this.base[f]! + c;
            if (this.check[next] === f) {
              f = next;
              break;
            }
            if (f === 0) break;
            f = this.fail[f]!;
          }
        }
        this.fail[s] = f;
        this.link[s] = this.term[f] !== NONE ? f : this.link[f]!;
        queue.push(child);
      }
    }
  }

  /** Calls `hit(keyword, end)` for each occurrence; `end` is the index after its last code unit. */
  scan(text: string, hit: (keyword: number, end: number) => void): void {
    const { code, base, check, fail, term, link } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = code[text.charCodeAt(i)]!;
      if (c === 0) {
        s = 0;
        continue;
      }
      for (;;) {
        const next = base[s]! + c;
        if (check[next] === s) {
          s = next;
          break;
        }
        if (s === 0) break;
        s = fail[s]!;
      }
      let o = term[s] !== NONE ? s : link[s]!;
      while (o !== NONE) {
        hit(term[o]!, i + 1);
        o = link[o]!;
      }
    }
  }
}

/**
 * A trie over alphabet codes: node 0 is the root; each node's children are a linked list. Edges are
 * found through an open-addressing hash table in typed arrays: a Map keyed by node and code took
 * most of a 10,000-keyword compile (its keys outgrow small integers, so each was a boxed number).
 */
class Trie {
  size = 1;
  /** First child of each node, and next sibling of each node (NONE ends a list). */
  readonly first: Int32Array;
  readonly next: Int32Array;
  /** Alphabet code on the edge into each node. */
  readonly code: Int32Array;
  /** Keyword that ends at each node, or NONE. */
  readonly ends: Int32Array;
  /**
   * Edge table, three cells per slot (parent node + 1, 0 when empty; code on the edge; child), so
   * that a probe reads one cache line: the table outgrows the caches, and separate arrays cost
   * three misses a probe.
   */
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** @param units code units in all keywords: a bound on the number of nodes and edges, to size the arrays once */
  constructor(units: number) {
    const nodes = units + 1;
    this.first = new Int32Array(nodes).fill(NONE);
    this.next = new Int32Array(nodes).fill(NONE);
    this.code = new Int32Array(nodes);
    this.ends = new Int32Array(nodes).fill(NONE);
    // At most half full.
    let capacity = 1024;
    while (capacity < nodes * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * 3);
  }

  /** The child of `node` along `c`, made if missing. */
  child(node: number, c: number): number {
    const { slots, mask } = this;
    let slot = (Math.imul(node, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & mask;
    for (;;) {
      const at = slot * 3;
      const parent = slots[at]! - 1;
      if (parent === NONE) break;
      if (parent === node && slots[at + 1] === c) return slots[at + 2]!;
      slot = (slot + 1) & mask;
    }
    const child = this.size++;
    slots[slot * 3] = node + 1;
    slots[slot * 3 + 1] = c;
    slots[slot * 3 + 2] = child;
    this.next[child] = this.first[node]!;
    this.first[node] = child;
    this.code[child] = c;
    return child;
  }
}

/**
 * Places trie nodes in a double array: the children of a state sit at
 * base[state] + code, and check[] names their parent. First fit, searched
 * from the lowest free cell. `at` maps trie node → state.
 *
 * Only bases that put the lowest child on a free cell are tried (any other
 * fails on that child), found through FreeCells: trying every base one by one
 * cost some 24 tries per node on a 10,000-keyword set, most of the packing.
 */
function pack(trie: Trie, alphabet: number): { base: Int32Array; check: Int32Array; at: Int32Array } {
  let size = Math.max(1024, trie.size * 2 + alphabet + 1);
  let base = new Int32Array(size);
  let check = new Int32Array(size).fill(NONE);
  const free = new FreeCells(size);
  const at = new Int32Array(trie.size);
  let firstFree = 1;
  let top = 0;
  const grow = (need: number) => {
    if (need < size) return;
    const bigger = Math.max(need + 1, size * 2);
    const b = new Int32Array(bigger);
    b.set(base);
    const k = new Int32Array(bigger).fill(NONE);
    k.set(check);
    base = b;
    check = k;
    size = bigger;
    free.grow(bigger);
  };
  // Breadth first; every node is queued once.
  const queue = new Int32Array(trie.size);
  let queued = 1;
  for (let q = 0; q < queued; q++) {
    const t = queue[q]!;
    if (trie.first[t] === NONE) continue;
    let low = Number.POSITIVE_INFINITY;
    let high = 0;
    for (let child = trie.first[t]!; child !== NONE; child = trie.next[child]!) {
      low = Math.min(low, trie.code[child]!);
      high = Math.max(high, trie.code[child]!);
    }
    let b = free.from(Math.max(firstFree, low)) - low;
    for (;;) {
      grow(b + high + alphabet + 1);
      let ok = true;
      for (let child = trie.first[t]!; child !== NONE; child = trie.next[child]!) {
        if (check[b + trie.code[child]!] !== NONE) {
          ok = false;
          break;
        }
      }
      if (ok) break;
      b = free.from(b + low + 1) - low;
    }
    const state = at[t]!;
    base[state] = b;
    for (let child = trie.first[t]!; child !== NONE; child = trie.next[child]!) {
      const cell = b + trie.code[child]!;
      check[cell] = state;
      free.take(cell);
      at[child] = cell;
      if (cell > top) top = cell;
      queue[queued++] = child;
    }
    firstFree = free.from(firstFree);
  }
  // Room past the last state for any code, so base + code never reads out of bounds.
  const length = top + alphabet + 2;
  grow(length);
  return { base: base.slice(0, length), check: check.slice(0, length), at };
}

/**
 * The free cells of the double array, as a disjoint-set forest: each taken
 * cell points past itself, so `from(i)` (the first free cell at or after i)
 * is a walk of a few steps, shortened as it goes.
 */
class FreeCells {
  /** next[i] = i for a free cell; for a taken one, a cell after it. */
  private next: Int32Array;

  constructor(size: number) {
    this.next = new Int32Array(size + 1);
    for (let i = 0; i <= size; i++) this.next[i] = i;
  }

  /** Makes room for `size` cells, the new ones free. */
  grow(size: number): void {
    const old = this.next;
    if (size + 1 <= old.length) return;
    this.next = new Int32Array(size + 1);
    this.next.set(old);
    for (let i = old.length; i <= size; i++) this.next[i] = i;
  }

  /** The first free cell at or after `i` (cells past the end are free). */
  from(i: number): number {
    const next = this.next;
    if (i >= next.length) return i;
    while (next[i] !== i) {
      const j = next[i]!;
      // Path halving: each cell walked through now points two steps on.
      const k = j < next.length ? next[j]! : j;
      next[i] = k;
      i = k;
      if (i >= next.length) return i;
    }
    return i;
  }

  take(cell: number): void {
    this.next[cell] = cell + 1;
  }
}
