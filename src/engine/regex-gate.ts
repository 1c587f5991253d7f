/**
 * A prefilter for operator regexes. Most chat messages cannot match most
 * rules' regexes, but each `test` still scans the whole message, and a busy
 * rule set has dozens. So at compile time each regex gets a set of factors,
 * strings of which any match must contain at least one ("加\s*微" needs 加;
 * "\bselling\b" needs "selling"; "[威薇]\s*[信芯]|卫星号" needs one of 威, 薇,
 * 卫星号). The message scanner looks for every factor in the same automaton
 * pass as the keywords and opens the gates whose factors occur; only those
 * regexes run. A regex we cannot read safely gets no gate and always runs, so
 * the gate never changes a verdict, it only skips tests that must fail.
 *
 * Factors are lower-case: regexes run with "i" on `plain` and `compact`, which
 * are lower-case already (see normalize.ts), so a match there is lower-case too.
 */

export type TextForm = "plain" | "compact";

/** The regexes that have a gate, with their factors; the message scanner opens them. */
export class RegexGates {
  readonly factors: { form: TextForm; factors: ReadonlySet<string> }[] = [];

  get count(): number {
    return this.factors.length;
  }

  /** A gate for a regex tested on `form`; -1 when it must always run. */
  register(form: TextForm, source: string, flags: string): number {
    // The reader knows the case folding of "i" (a superset of no flag); "u" and others change what a literal matches.
    if (flags !== "i" && flags !== "") return -1;
    const factors = requiredFactors(source);
    return factors === undefined ? -1 : this.registerFactors(form, factors);
  }

  /** A gate that opens when one of `factors` (lower-case) occurs in `form`: for detectors with a cheap hint. */
  registerFactors(form: TextForm, factors: ReadonlySet<string>): number {
    this.factors.push({ form, factors });
    return this.factors.length - 1;
  }
}

/** Larger sets gate too little to pay for themselves. */
const MAX_FACTORS = 512;
/** Cross products of exact alternatives ("[ab][cd]" → ac ad bc bd) stop growing here. */
const MAX_PRODUCT = 32;

/**
 * Lower-case strings of which every match of `source` (with the operator
 * flags, "i" without "u", on lower-case text) holds at least one; undefined
 * when the regex can match without any we can name, or uses syntax this reader
 * does not know.
 */
export function requiredFactors(source: string): Set<string> | undefined {
  try {
    const p = new Reader(source);
    const result = p.alternation();
    return p.at < source.length ? undefined : result.required;
  } catch {
    return undefined;
  }
}

/**
 * Code units of which every match of `source` holds at least one (either case
 * of an ASCII letter): the first unit of each factor. Undefined as above.
 */
export function requiredUnits(source: string): Set<number> | undefined {
  const factors = requiredFactors(source);
  if (factors === undefined) return undefined;
  const out = new Set<number>();
  for (const f of factors) {
    const c = f.charCodeAt(0);
    out.add(c);
    if (c >= 0x61 && c <= 0x7a) out.add(c - 0x20);
  }
  return out;
}

/**
 * The unit a literal code unit matches under the "i" flag without "u", as
 * found in lower-case text: an ASCII letter's lower case; itself for other
 * ASCII, surrogate halves and caseless characters from General Punctuation on
 * (symbols, dingbats such as ➕, CJK).
 * Cased non-ASCII letters (whose folding has corner cases) are not read.
 */
function literal(c: number): string | undefined {
  if (c < 0x80) {
    const lower = c | 0x20;
    return String.fromCharCode(lower >= 0x61 && lower <= 0x7a ? lower : c);
  }
  if (c >= 0xd800 && c <= 0xdfff) return String.fromCharCode(c);
  const ch = String.fromCharCode(c);
  if (ch.toLowerCase() !== ch || ch.toUpperCase() !== ch) return undefined;
  if (c >= 0x2000 || c === 0xb7) return ch;
  return undefined;
}

function range(from: number, to: number): Set<string> | undefined {
  if (to - from > MAX_FACTORS) return undefined;
  const out = new Set<string>();
  for (let c = from; c <= to; c++) {
    const u = literal(c);
    if (u === undefined) return undefined;
    out.add(u);
  }
  return out;
}

/**
 * The Han characters most frequent in chat (and 信, 天, 日 that gated regexes like to
 * require): a gate on one of them opens nearly as often as on an ASCII letter.
 */
const COMMON_HAN = new Set(
  "的一是不了人我在有他这中大来上个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后" +
    "小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动" +
    "两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等" +
    "几很业最间新什打便位因重被走电四第门相次东再平真听世气信吃菜店号今周",
);

/** How often a unit is likely to occur in chat, roughly: letters, digits, spaces and common Han most. */
function unitCost(u: number): number {
  if (u < 0x80) {
    const lower = u | 0x20;
    return (u >= 0x30 && u <= 0x39) || (lower >= 0x61 && lower <= 0x7a) || u === 0x20 ? 8 : 2;
  }
  if (u >= 0xd800 && u <= 0xdfff) return 4;
  return COMMON_HAN.has(String.fromCharCode(u)) ? 8 : 1;
}

/** How often a set of strings is likely to occur, roughly: a gate on rare strings skips more. */
function cost(factors: ReadonlySet<string>): number {
  let n = 0;
  for (const f of factors) {
    let unit = 8;
    for (let i = 0; i < f.length; i++) unit = Math.min(unit, unitCost(f.charCodeAt(i)));
    // Each further unit makes a string several times rarer.
    n += unit / 4 ** (f.length - 1);
  }
  return n;
}

function product(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> | undefined {
  if (a.size * b.size > MAX_PRODUCT) return undefined;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

const DIGITS = range(0x30, 0x39)!;
const WORD = new Set([...range(0x30, 0x39)!, ...range(0x61, 0x7a)!, "_"]);
const EMPTY: ReadonlySet<string> = new Set([""]);

/**
 * What the reader knows of a piece of pattern. `exact`: every match of it is
 * one of these strings (so neighbours can be joined to it). `required`: every
 * match contains one of these strings; undefined = nothing known.
 * `zeroWidth`: an assertion, which consumes nothing.
 */
interface Piece {
  exact?: ReadonlySet<string>;
  required?: Set<string>;
  zeroWidth?: boolean;
}

const UNKNOWN: Piece = {};
const ZERO: Piece = { exact: EMPTY, zeroWidth: true };

function exactPiece(set: Set<string> | undefined): Piece {
  return set === undefined ? UNKNOWN : { exact: set, required: set };
}

/** A recursive-descent reader of the regex grammar (Annex B, no "u"), computing factors. */
class Reader {
  at = 0;
  constructor(private readonly s: string) {}

  alternation(): Piece {
    const branches = [this.sequence()];
    while (this.s[this.at] === "|") {
      this.at++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0]!;
    let exact: Set<string> | undefined = new Set();
    let required: Set<string> | undefined = new Set();
    for (const b of branches) {
      if (exact && b.exact) for (const f of b.exact) exact.add(f);
      else exact = undefined;
      if (required && b.required) for (const f of b.required) required.add(f);
      else required = undefined;
    }
    if (exact && exact.size > MAX_PRODUCT) exact = undefined;
    if (required && required.size > MAX_FACTORS) required = undefined;
    return { exact, required };
  }

  /** The cheapest required set among the stretches that must occur; exact when every term is. */
  private sequence(): Piece {
    let best: Set<string> | undefined;
    const consider = (set: ReadonlySet<string> | undefined) => {
      if (set === undefined || set.size === 0 || set.has("")) return;
      if (best === undefined || cost(set) < cost(best)) best = new Set(set);
    };
    // The exact strings read since the last break: consecutive terms join into longer factors.
    let run: ReadonlySet<string> = EMPTY;
    let exact = true;
    while (this.at < this.s.length && this.s[this.at] !== "|" && this.s[this.at] !== ")") {
      const piece = this.atom();
      const { min, max } = this.quantifier();
      if (piece.zeroWidth) continue;
      consider(piece.required !== undefined && min >= 1 ? piece.required : undefined);
      if (piece.exact !== undefined && min === 1 && max === 1) {
        const joined = product(run, piece.exact);
        if (joined !== undefined) {
          run = joined;
          continue;
        }
        consider(run);
        run = piece.exact;
        exact = false;
        continue;
      }
      exact = false;
      if (piece.exact !== undefined && min >= 1) {
        // "x{2,}": the first copy follows what came before, the last one precedes what comes next.
        consider(product(run, piece.exact));
        run = piece.exact;
        continue;
      }
      consider(run);
      run = EMPTY;
    }
    consider(run);
    return { exact: exact ? run : undefined, required: best };
  }

  /** Repetitions allowed by the quantifier here ({1,1} when there is none). */
  private quantifier(): { min: number; max: number } {
    const c = this.s[this.at];
    let min = 1;
    let max = 1;
    if (c === "*") {
      min = 0;
      max = Infinity;
    } else if (c === "?") {
      min = 0;
    } else if (c === "+") {
      max = Infinity;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.at));
      if (!m) return { min, max };
      this.at += m[0].length - 1;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
    } else return { min, max };
    this.at++;
    if (this.s[this.at] === "?") this.at++;
    return { min, max };
  }

  private atom(): Piece {
    const c = this.s[this.at]!;
    this.at++;
    switch (c) {
      case "(":
        return this.group();
      case "[":
        return this.charClass();
      case "\\":
        return this.escape();
      case "^":
      case "$":
        return ZERO;
      case ".":
        return UNKNOWN;
      case ")":
      case "|":
      case "*":
      case "+":
      case "?":
        throw new Error("unexpected");
      default: {
        const u = literal(c.charCodeAt(0));
        return exactPiece(u === undefined ? undefined : new Set([u]));
      }
    }
  }

  private group(): Piece {
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
    return assertion ? ZERO : inner;
  }

  private charClass(): Piece {
    const negated = this.s[this.at] === "^";
    if (negated) this.at++;
    if (this.s[this.at] === "]") throw new Error("empty class");
    const out = new Set<string>();
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
      if (typeof from === "number") {
        const u = literal(from);
        if (u === undefined) known = false;
        else out.add(u);
      } else if (from === undefined) known = false;
      else for (const u of from) out.add(u);
    }
    if (this.s[this.at] !== "]") throw new Error("unclosed class");
    this.at++;
    return exactPiece(negated || !known || out.size > MAX_FACTORS ? undefined : out);
  }

  /** One class member: a code unit, or the set of an escape such as \d. */
  private classAtom(): number | ReadonlySet<string> | undefined {
    const c = this.s[this.at]!;
    this.at++;
    if (c !== "\\") return c.charCodeAt(0);
    const e = this.s[this.at]!;
    if (e === "b") {
      this.at++;
      return 0x08;
    }
    if (e === "B") throw new Error("\\B in class");
    const unit = this.escapedUnit();
    if (unit !== undefined) return unit;
    return this.escape().exact;
  }

  /** After a backslash: the code unit of a character escape (\t, \x41, \.), else undefined (nothing consumed). */
  private escapedUnit(): number | undefined {
    const c = this.s[this.at]!;
    const simple: Record<string, number> = { t: 0x09, n: 0x0a, v: 0x0b, f: 0x0c, r: 0x0d };
    if (simple[c] !== undefined) {
      this.at++;
      return simple[c];
    }
    if (c === "x" || c === "u") {
      const digits = c === "x" ? 2 : 4;
      const hex = this.s.slice(this.at + 1, this.at + 1 + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) throw new Error("hex escape");
      this.at += 1 + digits;
      return Number.parseInt(hex, 16);
    }
    // Back-references, \0, \c, \k, \p and other letters: their meaning without "u" depends on
    // the rest of the pattern (groups, what follows). Such a regex is not gated at all.
    if (/[0-9A-Za-z]/.test(c)) return undefined;
    this.at++;
    return c.charCodeAt(0);
  }

  /** After a backslash, outside a class. */
  private escape(): Piece {
    const c = this.s[this.at]!;
    switch (c) {
      case "d":
        this.at++;
        return { exact: DIGITS, required: DIGITS };
      case "w":
        this.at++;
        return { exact: WORD, required: WORD };
      case "D":
      case "W":
      case "s":
      case "S":
        this.at++;
        return UNKNOWN;
      case "b":
      case "B":
        this.at++;
        return ZERO;
    }
    const unit = this.escapedUnit();
    if (unit === undefined) throw new Error("escape");
    const u = literal(unit);
    return exactPiece(u === undefined ? undefined : new Set([u]));
  }
}
