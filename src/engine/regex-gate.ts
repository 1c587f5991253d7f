/**
 * A prefilter for operator regexes. Most chat messages cannot match most
 * rules' regexes, but each `test` still scans the whole message, and a busy
 * rule set has dozens. So at compile time each regex gets the set of code
 * units of which any match must contain at least one ("加\s*微" needs 加;
 * "[威薇]\s*[信芯]|卫星号" needs one of 威薇卫); per message one table-driven
 * pass over the text opens the gates whose units occur, and only those
 * regexes run. A regex we cannot read safely gets no gate and always runs,
 * so the gate never changes a verdict, it only skips tests that must fail.
 */

/** A gate per regex; `open[id]` is 1 when its regex may match the current message. */
export class RegexGates {
  private readonly forms = { plain: new FormGates(), compact: new FormGates() };
  private count = 0;
  /** Which gates the current message opened. */
  open = new Uint8Array(0);

  /** A gate for a regex tested on `form`; -1 when it must always run. */
  register(form: "plain" | "compact", source: string, flags: string): number {
    // The reader knows the case folding of "i" (a superset of no flag); "u" and others change what a literal matches.
    if (flags !== "i" && flags !== "") return -1;
    const units = requiredUnits(source);
    if (units === undefined) return -1;
    const id = this.count++;
    this.forms[form].add(id, units);
    this.open = new Uint8Array(this.count);
    return id;
  }

  /** Opens the gates of the regexes that may match this text. */
  scan(plain: string, compact: string): void {
    if (this.count === 0) return;
    this.open.fill(0);
    this.forms.plain.scan(plain, this.open);
    this.forms.compact.scan(compact, this.open);
  }
}

/** Gates of one text form: code unit → the gates it opens. */
class FormGates {
  private index: Uint16Array | undefined;
  private readonly lists: number[][] = [];

  add(id: number, units: ReadonlySet<number>): void {
    this.index ??= new Uint16Array(0x10000);
    for (const u of units) {
      let at = this.index[u]!;
      if (at === 0) {
        this.lists.push([]);
        at = this.lists.length;
        this.index[u] = at;
      }
      this.lists[at - 1]!.push(id);
    }
  }

  scan(text: string, open: Uint8Array): void {
    const index = this.index;
    if (index === undefined) return;
    for (let i = 0; i < text.length; i++) {
      const at = index[text.charCodeAt(i)]!;
      if (at === 0) continue;
      for (const id of this.lists[at - 1]!) open[id] = 1;
    }
  }
}

/** Larger sets gate too little to pay for their lists. */
const MAX_UNITS = 512;

/**
 * Code units of which every match of `source` (with the operator flags, "i"
 * without "u") holds at least one; undefined when the regex can match without
 * any we can name, or uses syntax this reader does not know.
 */
export function requiredUnits(source: string): Set<number> | undefined {
  try {
    const p = new Reader(source);
    const units = p.alternation();
    return p.at < source.length ? undefined : units;
  } catch {
    return undefined;
  }
}

/**
 * The units a literal code unit matches under the "i" flag without "u": both
 * cases of an ASCII letter; itself for other ASCII, surrogate halves and
 * caseless characters from the CJK blocks on. Cased non-ASCII letters (whose
 * folding has corner cases) are not gated.
 */
function literal(c: number): Set<number> | undefined {
  if (c < 0x80) {
    const lower = c | 0x20;
    return lower >= 0x61 && lower <= 0x7a ? new Set([lower, lower - 0x20]) : new Set([c]);
  }
  if (c >= 0xd800 && c <= 0xdfff) return new Set([c]);
  const ch = String.fromCharCode(c);
  if (ch.toLowerCase() !== ch || ch.toUpperCase() !== ch) return undefined;
  if (c >= 0x2e80 || (c >= 0x2000 && c <= 0x206f) || c === 0xb7) return new Set([c]);
  return undefined;
}

function range(from: number, to: number): Set<number> | undefined {
  if (to - from > MAX_UNITS) return undefined;
  const out = new Set<number>();
  for (let c = from; c <= to; c++) {
    const u = literal(c);
    if (u === undefined) return undefined;
    for (const x of u) out.add(x);
  }
  return out;
}

/** How often a unit is likely to occur in chat, roughly: a gate on rare units skips more. */
function cost(units: ReadonlySet<number>): number {
  let n = 0;
  for (const u of units) n += u < 0x80 ? 8 : u >= 0xd800 && u <= 0xdfff ? 4 : 1;
  return n;
}

const DIGITS = range(0x30, 0x39)!;
const WORD = new Set([...range(0x30, 0x39)!, ...range(0x41, 0x5a)!, ...range(0x61, 0x7a)!, 0x5f]);

/** A recursive-descent reader of the regex grammar (Annex B, no "u"), computing required units. */
class Reader {
  at = 0;
  constructor(private readonly s: string) {}

  alternation(): Set<number> | undefined {
    const branches = [this.sequence()];
    while (this.s[this.at] === "|") {
      this.at++;
      branches.push(this.sequence());
    }
    const out = new Set<number>();
    for (const b of branches) {
      if (b === undefined) return undefined;
      for (const u of b) out.add(u);
    }
    return out.size > MAX_UNITS ? undefined : out;
  }

  /** The cheapest required set among the terms that must occur at least once. */
  private sequence(): Set<number> | undefined {
    let best: Set<number> | undefined;
    while (this.at < this.s.length && this.s[this.at] !== "|" && this.s[this.at] !== ")") {
      const units = this.atom();
      const min = this.quantifier();
      if (min >= 1 && units !== undefined && (best === undefined || cost(units) < cost(best))) best = units;
    }
    return best;
  }

  /** Minimum repetitions of the quantifier here (1 when there is none). */
  private quantifier(): number {
    const c = this.s[this.at];
    let min = 1;
    if (c === "*" || c === "?") min = 0;
    else if (c === "+") min = 1;
    else if (c === "{") {
      const m = /^\{(\d+)(?:,\d*)?\}/.exec(this.s.slice(this.at));
      if (!m) return 1;
      this.at += m[0].length - 1;
      min = Number(m[1]);
    } else return 1;
    this.at++;
    if (this.s[this.at] === "?") this.at++;
    return min;
  }

  private atom(): Set<number> | undefined {
    const c = this.s[this.at]!;
    this.at++;
    switch (c) {
      case "(":
        return this.group();
      case "[":
        return this.charClass();
      case "\\":
        return this.escape(false);
      case ".":
      case "^":
      case "$":
        return undefined;
      case ")":
      case "|":
      case "*":
      case "+":
      case "?":
        throw new Error("unexpected");
      default:
        return literal(c.charCodeAt(0));
    }
  }

  private group(): Set<number> | undefined {
    let assertion = false;
    if (this.s[this.at] === "?") {
      const head = this.s.slice(this.at, this.at + 3);
      if (head.startsWith("?:")) this.at += 2;
      else if (head.startsWith("?=") || head.startsWith("?!")) {
        this.at += 2;
        assertion = true;
      } else if (head === "?<=" || head === "?<!") {
        this.at += 3;
        assertion = true;
      } else if (head.startsWith("?<")) {
        const end = this.s.indexOf(">", this.at);
        if (end < 0) throw new Error("group name");
        this.at = end + 1;
      } else throw new Error("group");
    }
    const inner = this.alternation();
    if (this.s[this.at] !== ")") throw new Error("unclosed group");
    this.at++;
    // Lookarounds consume nothing: what they need is not part of the match.
    return assertion ? undefined : inner;
  }

  private charClass(): Set<number> | undefined {
    const negated = this.s[this.at] === "^";
    if (negated) this.at++;
    if (this.s[this.at] === "]") throw new Error("empty class");
    const out = new Set<number>();
    let known = true;
    while (this.at < this.s.length && this.s[this.at] !== "]") {
      const from = this.classAtom();
      if (this.s[this.at] === "-" && this.s[this.at + 1] !== "]" && this.at + 1 < this.s.length) {
        this.at++;
        const to = this.classAtom();
        if (typeof from !== "number" || typeof to !== "number") throw new Error("class range");
        const r = range(from, to);
        if (r === undefined) known = false;
        else for (const u of r) out.add(u);
        continue;
      }
      const units = typeof from === "number" ? literal(from) : from;
      if (units === undefined) known = false;
      else for (const u of units) out.add(u);
    }
    if (this.s[this.at] !== "]") throw new Error("unclosed class");
    this.at++;
    return negated || !known || out.size > MAX_UNITS ? undefined : out;
  }

  /** One class member: a code unit, or the set of an escape such as \d. */
  private classAtom(): number | Set<number> | undefined {
    const c = this.s[this.at]!;
    this.at++;
    if (c !== "\\") return c.charCodeAt(0);
    return this.escape(true);
  }

  /** After a backslash. In a class an escape may stand for one unit (returned as a number). */
  private escape(inClass: true): number | Set<number> | undefined;
  private escape(inClass: false): Set<number> | undefined;
  private escape(inClass: boolean): number | Set<number> | undefined {
    const c = this.s[this.at]!;
    this.at++;
    const unit = (u: number) => (inClass ? u : literal(u));
    switch (c) {
      case "d":
        return DIGITS;
      case "w":
        return WORD;
      case "D":
      case "W":
      case "s":
      case "S":
        return undefined;
      case "b":
        return inClass ? 0x08 : undefined;
      case "B":
        if (inClass) throw new Error("\\B in class");
        return undefined;
      case "t":
        return unit(0x09);
      case "n":
        return unit(0x0a);
      case "v":
        return unit(0x0b);
      case "f":
        return unit(0x0c);
      case "r":
        return unit(0x0d);
      case "x":
      case "u": {
        const digits = c === "x" ? 2 : 4;
        const hex = this.s.slice(this.at, this.at + digits);
        if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) throw new Error("hex escape");
        this.at += digits;
        return unit(Number.parseInt(hex, 16));
      }
      default:
        // Back-references, \0, \c, \k, \p and other letters: their meaning without "u" depends on
        // the rest of the pattern (groups, what follows). Such a regex is not gated at all.
        if (/[0-9A-Za-z]/.test(c)) throw new Error("escape");
        return unit(c.charCodeAt(0));
    }
  }
}
