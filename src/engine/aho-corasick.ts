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
    this.lengths = Int32Array.from(keywords, (k) => k.length);
    let alphabet = 0;
    for (const k of keywords) {
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        if (this.code[c] === 0) this.code[c] = ++alphabet;
      }
    }
    // A trie first, then packed into the double array. The trie is flat (child lists in arrays,
    // one Map from parent and code to child) so that compiling 10,000 keywords makes a few large
    // objects rather than tens of thousands of small ones for the collector.
    const trie = new Trie();
    keywords.forEach((k, id) => {
      let node = 0;
      for (let i = 0; i < k.length; i++) node = trie.child(node, this.code[k.charCodeAt(i)]!);
      if (trie.ends[node] === NONE) trie.ends[node] = id;
    });
    const packed = pack(trie, alphabet);
    this.base = packed.base;
    this.check = packed.check;
    const states = packed.base.length;
    this.term = new Int32Array(states).fill(NONE);
    this.link = new Int32Array(states).fill(NONE);
    this.fail = new Int32Array(states);
    for (let t = 0; t < trie.size; t++) this.term[packed.at[t]!] = trie.ends[t]!;
    this.linkFailures(trie, packed.at);
    this.out = this.term.map((t, s) => (t !== NONE ? s : this.link[s]!));
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

/** A trie over alphabet codes: node 0 is the root; each node's children are a linked list. */
class Trie {
  size = 1;
  /** First child of each node, and next sibling of each node (NONE ends a list). */
  first: number[] = [NONE];
  next: number[] = [NONE];
  /** Alphabet code on the edge into each node. */
  code: number[] = [0];
  /** Keyword that ends at each node, or NONE. */
  ends: number[] = [NONE];
  private readonly edges = new Map<number, number>();

  /** The child of `node` along `c`, made if missing. */
  child(node: number, c: number): number {
    const key = node * 0x10000 + c;
    let child = this.edges.get(key);
    if (child === undefined) {
      child = this.size++;
      this.edges.set(key, child);
      this.first.push(NONE);
      this.next.push(this.first[node]!);
      this.first[node] = child;
      this.code.push(c);
      this.ends.push(NONE);
    }
    return child;
  }
}

/**
 * Places trie nodes in a double array: the children of a state sit at
 * base[state] + code, and check[] names their parent. First fit, searched
 * from the lowest free cell. `at` maps trie node → state.
 */
function pack(trie: Trie, alphabet: number): { base: Int32Array; check: Int32Array; at: Int32Array } {
  let size = Math.max(1024, trie.size * 2 + alphabet + 1);
  let base = new Int32Array(size);
  let check = new Int32Array(size).fill(NONE);
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
  };
  const queue: number[] = [0];
  for (let q = 0; q < queue.length; q++) {
    const t = queue[q]!;
    if (trie.first[t] === NONE) continue;
    let low = Number.POSITIVE_INFINITY;
    let high = 0;
    for (let child = trie.first[t]!; child !== NONE; child = trie.next[child]!) {
      low = Math.min(low, trie.code[child]!);
      high = Math.max(high, trie.code[child]!);
    }
    let b = Math.max(firstFree - low, 0);
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
      b++;
    }
    const state = at[t]!;
    base[state] = b;
    for (let child = trie.first[t]!; child !== NONE; child = trie.next[child]!) {
      const cell = b + trie.code[child]!;
      check[cell] = state;
      at[child] = cell;
      if (cell > top) top = cell;
      queue.push(child);
    }
    while (check[firstFree] !== NONE) firstFree++;
  }
  // Room past the last state for any code, so base + code never reads out of bounds.
  const length = top + alphabet + 2;
  grow(length);
  return { base: base.slice(0, length), check: check.slice(0, length), at };
}
