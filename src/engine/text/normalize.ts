/**
 * The text normaliser every rule reads through. It runs on every chat
 * message, so all the Unicode work (NFKC, case folding, Traditional →
 * Simplified, mark stripping) is done once at module load (tens of ms) into
 * per-code-unit tables; a message is then one table-driven pass per form.
 * Text that needs no change comes back as the same string, without copying.
 *
 * The per-character NFKC is deliberately not the string-level one: marks are
 * stripped rather than composed (é → e, zalgo text goes), which is what
 * matching needs, and it costs a table lookup instead of an ICU call.
 */
import { Buffer } from "node:buffer";
import { Locale } from "opencc-js/t2cn";
import {
  CHINESE_NUMERALS,
  DIGIT_LETTERS,
  HANDLE_NUMERAL_MIN,
  NUMERAL_RUN_MIN,
  PLUS_FOLLOWERS,
  PLUS_SIGNS,
  V_SYMBOLS,
  WEI_ALIASES,
  XIN_ALIASES,
} from "./evasion.js";
import { LATIN_LOOKALIKES } from "./lookalikes.js";
import { readLeetCompact, readSpelledOut, readZhuyin } from "./spelled-out.js";

/**
 * The engine scans at most this many UTF-16 units of normalised text (`plain`,
 * and `compact` made from it): the first 4,000 after invisible characters are
 * dropped and spaces collapsed, so padding a message with zero-width
 * characters cannot push an advert out of sight. Longer text is cut (the rules
 * reference says so), which bounds the cost of any message: a 1 MB message
 * costs what a 4 KB one does.
 */
export const MAX_SCAN_CHARS = 4000;

/**
 * Raw text read at most to fill MAX_SCAN_CHARS: text that is nearly all
 * invisible characters stops being read here, so it too costs a bounded time.
 */
export const MAX_READ_CHARS = 16 * MAX_SCAN_CHARS;

export interface NormalizedText {
  /** The raw text that `plain` was made from: a prefix of the message, whole unless `truncated`. */
  raw: string;
  /** The message went on past `raw` (it was cut to MAX_SCAN_CHARS normalised or MAX_READ_CHARS raw units). */
  truncated: boolean;
  /**
   * NFKC (full-width → half-width), lower-case, Traditional → Simplified,
   * zero-width/control/bidi/combining marks removed, runs of whitespace
   * collapsed to one space, trimmed. Word boundaries kept. Inside a word
   * that mixes ASCII letters with look-alikes from other scripts ("wеchat"
   * with a Cyrillic е), the look-alikes are read as the Latin letters they
   * pass for; a word wholly in another script ("привет") stays as it is.
   */
  plain: string;
  /**
   * `plain` with evasion folded: only letters, digits and CJK ideographs kept,
   * homoglyph aliases folded to one spelling, Chinese numerals read as digits
   * inside long runs or after Latin letters (a handle: "abc一二三"), the
   * letters o/i/l read as digits inside digit runs ("138 OO12 3456"),
   * look-alikes from other scripts folded to Latin (Unicode's confusables).
   * Keywords are matched against this.
   */
  compact: string;
}

// ---------------------------------------------------------------------------
// Traditional → Simplified, per character.
//
// Phrase-level OpenCC conversion measured ~250–370k msgs/s on a 40-char
// message: too slow to run on every message. Per-character mapping is a table
// lookup, and keywords go through the same mapping, so the rare phrase-only
// differences (乾隆, 著名) cannot make a keyword and a message disagree.
// ---------------------------------------------------------------------------

type DictGroups = readonly (readonly (string | readonly (readonly [string, string])[])[])[];

/** Single-character entries of OpenCC dictionaries (phrases are skipped). */
function charEntries(groups: DictGroups | undefined): Map<string, string> {
  const map = new Map<string, string>();
  const add = (src: string, dst: string | undefined) => {
    if (dst === undefined || src.length === 0 || dst.length === 0) return;
    if (src.codePointAt(0)! > 0xffff ? src.length !== 2 : src.length !== 1) return;
    if (dst.codePointAt(0)! > 0xffff ? dst.length !== 2 : dst.length !== 1) return;
    if (!map.has(src)) map.set(src, dst);
  };
  for (const group of groups ?? []) {
    for (const dict of group) {
      if (typeof dict === "string") {
        for (const entry of dict.split("|")) {
          const [src, dst] = entry.split(" ");
          if (src !== undefined) add(src, dst);
        }
      } else {
        for (const [src, dst] of dict) add(src, dst);
      }
    }
  }
  return map;
}

function buildTraditionalToSimplified(): Map<string, string> {
  const toCn = charEntries(Locale.to["cn"]);
  // Hong Kong and Taiwan variant spellings (綫, 爲) first map to the standard
  // Traditional form, which `toCn` then simplifies, as OpenCC's hk/tw → cn do.
  const variants = [charEntries(Locale.from["hk"]), charEntries(Locale.from["tw"])];
  // A character that is itself some Traditional character's simplification
  // (么, 台, 才, 吃) is Simplified text already: never remap it.
  const simplified = new Set(toCn.values());
  const out = new Map<string, string>();
  const sources = new Set<string>(toCn.keys());
  for (const v of variants) for (const k of v.keys()) sources.add(k);
  for (const src of sources) {
    if (simplified.has(src)) continue;
    for (const v of variants) {
      const standard = v.get(src) ?? src;
      const result = toCn.get(standard) ?? standard;
      if (result !== src) {
        out.set(src, result);
        break;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// `plain` tables: one code per UTF-16 code unit.
// ---------------------------------------------------------------------------

const P_KEEP = 0;
const P_DROP = 1;
const P_SPACE = 2;
const P_SURROGATE = 3;
/** Codes from here on index `PLAIN_REPL`. */
const P_REPL = 4;

const PLAIN_CODE = new Uint16Array(0x10000);
const PLAIN_REPL: string[] = [];
/** 1 where `PLAIN_REPL[i]` holds a look-alike of a Latin letter (filled once the tables are built). */
const REPL_LOOKALIKE = new Uint8Array(0x10000);
/** 1 for each code unit that is a look-alike of a Latin letter. */
const IS_LOOKALIKE = new Uint8Array(0x10000);
/** Astral code points whose `plain` form differs: "" drops them. */
const ASTRAL_PLAIN = new Map<number, string>();

const RE_MARK_OR_FORMAT = /[\p{M}\p{Cc}\p{Cf}]/gu;
const RE_WHITESPACE = /\s+/gu;
/** Invisible characters that Unicode calls letters or symbols; used to pad blank names and split words. */
const INVISIBLE = new Set([0x115f, 0x1160, 0x3164, 0xffa0, 0xfeff, 0x180e]);

/**
 * The `plain` form of one character: compatibility-decomposed, marks
 * stripped (é → e, and zalgo goes), recomposed (Hangul), lower-cased,
 * simplified.
 */
function foldChar(ch: string, t2s: Map<string, string>): string {
  // Most characters are already in their folded form; skip the slow path for them.
  if (ch.normalize("NFKD") === ch && ch.toLowerCase() === ch && !t2s.has(ch)) return ch;
  let r = ch.normalize("NFKD").replace(RE_MARK_OR_FORMAT, "").normalize("NFC").toLowerCase();
  let mapped = "";
  for (const c of r) mapped += t2s.get(c) ?? c;
  r = mapped;
  if (r.length > 0 && r.trim().length === 0) return " ";
  return r.replace(RE_WHITESPACE, "");
}

/** CJK unified ideographs and Hangul syllables, which NFKC and case folding leave alone. */
function isPlainIdeograph(cp: number): boolean {
  return (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3);
}

function buildPlainTables(t2s: Map<string, string>): void {
  const replIndex = new Map<string, number>();
  const reWhite = /^\s$/u;
  const reDrop = /^[\p{M}\p{Cc}\p{Cf}]$/u;
  for (let cp = 0; cp < 0x10000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) {
      PLAIN_CODE[cp] = P_SURROGATE;
      continue;
    }
    const ch = String.fromCharCode(cp);
    if (isPlainIdeograph(cp)) {
      // Fast path for load time: these never change under NFKC or case folding.
      const simple = t2s.get(ch);
      if (simple === undefined) continue;
      PLAIN_CODE[cp] = P_REPL + PLAIN_REPL.length;
      PLAIN_REPL.push(simple);
      continue;
    }
    if (INVISIBLE.has(cp)) {
      PLAIN_CODE[cp] = P_DROP;
    } else if (reWhite.test(ch) || cp === 0x85 || cp === 0x2800) {
      // NEL and the braille blank are line/space stand-ins.
      PLAIN_CODE[cp] = P_SPACE;
    } else if (reDrop.test(ch)) {
      PLAIN_CODE[cp] = P_DROP;
    } else {
      const r = foldChar(ch, t2s);
      if (r === ch) PLAIN_CODE[cp] = P_KEEP;
      else if (r === "") PLAIN_CODE[cp] = P_DROP;
      else if (r === " ") PLAIN_CODE[cp] = P_SPACE;
      else {
        let idx = replIndex.get(r);
        if (idx === undefined) {
          idx = PLAIN_REPL.length;
          PLAIN_REPL.push(r);
          replIndex.set(r, idx);
        }
        PLAIN_CODE[cp] = P_REPL + idx;
      }
    }
  }
  // Astral blocks that NFKC folds to ASCII or unified ideographs: math
  // alphanumerics (𝐀 𝟏), enclosed alphanumerics (🄰), segmented digits,
  // modifier letters, CJK compatibility ideographs. Emoji stay as they are.
  const ranges: readonly (readonly [number, number])[] = [
    [0x10780, 0x107ba],
    [0x1d400, 0x1d7ff],
    [0x1ee00, 0x1eeff],
    [0x1f100, 0x1f1e5],
    [0x1fbf0, 0x1fbf9],
    [0x2f800, 0x2fa1f],
  ];
  for (const [from, to] of ranges) {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCodePoint(cp);
      const r = foldChar(ch, t2s);
      if (r !== ch) ASTRAL_PLAIN.set(cp, r === " " ? "" : r);
    }
  }
  for (const [src, dst] of t2s) {
    const cp = src.codePointAt(0)!;
    if (cp > 0xffff && !ASTRAL_PLAIN.has(cp)) ASTRAL_PLAIN.set(cp, dst);
  }
  // Tag characters and supplementary variation selectors are invisible.
  for (let cp = 0xe0000; cp <= 0xe007f; cp++) ASTRAL_PLAIN.set(cp, "");
  for (let cp = 0xe0100; cp <= 0xe01ef; cp++) ASTRAL_PLAIN.set(cp, "");
}

// ---------------------------------------------------------------------------
// `compact` tables, applied to `plain` text.
// ---------------------------------------------------------------------------

const C_DROP = 0;
const C_KEEP = 1;
/** Kept in the first pass; resolved in context by `foldEvasions`. */
const C_SPECIAL = 2;
const C_SURROGATE = 3;
/** A Chinese numeral: kept as it is unless it stands in a long run of numerals and digits. */
const C_NUMERAL = 4;
/** A letter that passes for a digit (o, i, l): kept as a letter unless it stands inside a run of digits. */
const C_DIGIT_LETTER = 6;
/**
 * An ASCII digit: kept, and counted towards a numeral run. Codes above
 * C_DIGIT_LETTER are the replacement code unit itself (the ASCII form of a
 * look-alike or digit).
 */
const C_DIGIT = 5;

const COMPACT_CODE = new Uint8Array(0x10000);

function buildCompactTable(): void {
  const reWord = /^[\p{L}\p{Nd}\p{Nl}]$/u;
  const reDigit = /^\p{Nd}$/u;
  let digitZero = -1;
  for (let cp = 0; cp < 0x10000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) {
      COMPACT_CODE[cp] = C_SURROGATE;
      continue;
    }
    if (isPlainIdeograph(cp)) {
      COMPACT_CODE[cp] = C_KEEP;
      continue;
    }
    const ch = String.fromCharCode(cp);
    if (reDigit.test(ch)) {
      // Decimal digits come in contiguous 0–9 blocks: fold every script's digits to ASCII.
      if (digitZero < 0 || cp - digitZero >= 10) digitZero = cp;
      COMPACT_CODE[cp] = cp < 0x80 ? C_DIGIT : 0x30 + cp - digitZero;
    } else {
      digitZero = -1;
      COMPACT_CODE[cp] = reWord.test(ch) && !INVISIBLE.has(cp) ? C_KEEP : C_DROP;
    }
  }
  for (const [from, to] of LATIN_LOOKALIKES) COMPACT_CODE[from.charCodeAt(0)] = to.charCodeAt(0);
  for (const ch of Object.keys(DIGIT_LETTERS)) COMPACT_CODE[ch.charCodeAt(0)] = C_DIGIT_LETTER;
  for (const ch of PLUS_SIGNS + V_SYMBOLS + WEI_ALIASES + XIN_ALIASES)
    COMPACT_CODE[ch.charCodeAt(0)] = C_SPECIAL;
  for (const ch of Object.keys(CHINESE_NUMERALS)) COMPACT_CODE[ch.charCodeAt(0)] = C_NUMERAL;
  // "○" is a symbol, dropped unless it stands for zero in a run: always resolve it in context.
  COMPACT_CODE["○".charCodeAt(0)] = C_SPECIAL;
}

buildPlainTables(buildTraditionalToSimplified());
markLookalikes();

/**
 * Which `PLAIN_REPL` entries write a look-alike of a Latin letter. Kept
 * look-alikes become replacements by themselves, so that plain text without
 * any stays on the fast path and `toPlain` notes the rare text with one.
 */
function markLookalikes(): void {
  for (const ch of LATIN_LOOKALIKES.keys()) {
    const cp = ch.charCodeAt(0);
    IS_LOOKALIKE[cp] = 1;
    if (PLAIN_CODE[cp] !== P_KEEP) continue;
    PLAIN_CODE[cp] = P_REPL + PLAIN_REPL.length;
    PLAIN_REPL.push(ch);
  }
  PLAIN_REPL.forEach((r, idx) => {
    for (let j = 0; j < r.length; j++) if (IS_LOOKALIKE[r.charCodeAt(j)] === 1) REPL_LOOKALIKE[idx] = 1;
  });
}
buildCompactTable();

// ---------------------------------------------------------------------------
// Passes.
// ---------------------------------------------------------------------------

// Output goes to one reusable code-unit buffer and becomes a string in one
// native call: measured faster than concatenating slices, joining arrays or
// String.fromCharCode. (The passes never run nested, so sharing it is safe.)

let buffer = new Uint16Array(4096);
let bufferBytes = Buffer.from(buffer.buffer);

/** Grows the buffer to hold `units` code units, keeping its content; returns it. */
function reserve(units: number): Uint16Array {
  if (units > buffer.length) {
    const grown = new Uint16Array(Math.max(units, buffer.length * 2));
    grown.set(buffer);
    buffer = grown;
    bufferBytes = Buffer.from(buffer.buffer);
  }
  return buffer;
}

function output(k: number): string {
  return bufferBytes.toString("utf16le", 0, 2 * k);
}

/** Astral marks and format characters (Brahmic vowel signs, musical notation controls). */
const RE_ASTRAL_DROP = /^[\p{M}\p{Cf}\p{Cc}]$/u;

/**
 * The `plain` form of the surrogate at `s[i]`: undefined when the pair stays
 * as it is, "" when dropped (and a lone surrogate, which is garbage that
 * would upset later regexes and encoders, is dropped).
 */
function astralPlain(s: string, i: number): string | undefined {
  const c = s.charCodeAt(i);
  const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
  if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) return "";
  const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  const r = ASTRAL_PLAIN.get(cp);
  if (r !== undefined) return r;
  // Emoji (U+1Fxxx) and ideographs (U+2xxxx) skip the regex: only rare scripts pay for it.
  if (cp < 0x1f000 && RE_ASTRAL_DROP.test(s.slice(i, i + 2))) return "";
  return undefined;
}

/** How many units of its input the last `toPlain` read (less than the input's length when it hit its limit). */
let consumed = 0;
/** The last `toPlain` wrote a look-alike of a Latin letter (see `foldMixedScript`). */
let lookalike = false;

/**
 * The `plain` form of `s`, at most `limit` units long (never ending inside a
 * surrogate pair); sets `consumed` to the number of units of `s` read.
 */
function toPlain(s: string, limit: number): string {
  const n = s.length;
  // Most messages are already plain: find how far that holds before copying anything.
  let i = 0;
  while (i < n && i < limit) {
    const c = s.charCodeAt(i);
    const code = PLAIN_CODE[c];
    if (code === P_KEEP || (c === 0x20 && i > 0 && s.charCodeAt(i - 1) !== 0x20)) i++;
    else if (code === P_SURROGATE && i + 2 <= limit && astralPlain(s, i) === undefined) i += 2;
    else break;
  }
  lookalike = false;
  if (i === n && (n === 0 || s.charCodeAt(n - 1) !== 0x20)) {
    consumed = n;
    return s;
  }
  let out = reserve(Math.min(n, limit) + 16);
  for (let j = 0; j < i; j++) out[j] = s.charCodeAt(j);
  let k = i;
  let any = i > 0;
  let lastSpace = i > 0 && s.charCodeAt(i - 1) === 0x20;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    const code = PLAIN_CODE[c]!;
    if (code === P_KEEP) {
      if (k >= limit) break;
      out[k++] = c;
      any = true;
      lastSpace = false;
      continue;
    }
    if (code === P_SPACE) {
      if (any && !lastSpace) {
        if (k >= limit) break;
        out[k++] = 0x20;
        lastSpace = true;
      }
      continue;
    }
    if (code === P_DROP) continue;
    let repl: string | undefined;
    if (code === P_SURROGATE) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      // A lone surrogate is dropped.
      if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) continue;
      repl = astralPlain(s, i);
      if (repl === undefined) {
        if (k + 2 > limit) break;
        out[k++] = c;
        out[k++] = d;
        i++;
        any = true;
        lastSpace = false;
        continue;
      }
      if (repl === "") {
        i++;
        continue;
      }
      if (k + repl.length > limit) break;
      for (let j = 0; j < repl.length; j++) if (IS_LOOKALIKE[repl.charCodeAt(j)] === 1) lookalike = true;
      i++;
    } else {
      repl = PLAIN_REPL[code - P_REPL]!;
      if (k + repl.length > limit) break;
      if (REPL_LOOKALIKE[code - P_REPL] === 1) lookalike = true;
    }
    any = true;
    lastSpace = false;
    if (repl.length === 1) {
      out[k++] = repl.charCodeAt(0);
    } else {
      out = reserve(k + repl.length + 16);
      for (let j = 0; j < repl.length; j++) out[k++] = repl.charCodeAt(j);
    }
  }
  consumed = i;
  if (lastSpace) k--;
  return output(k);
}

const RE_LETTER = /^\p{L}$/u;

/** What the previous compact character was, for the triggers of `foldEvasions` in `toCompact`. */
const K_OTHER = 0;
/** An ASCII letter other than the digit letters. */
const K_LATIN = 1;
/** An ASCII digit or a Chinese numeral. */
const K_DIGIT = 2;
const K_DIGIT_LETTER = 3;

/** The class of a kept code unit that is neither a digit, a numeral nor a digit letter. */
function keptClass(c: number): number {
  return c - 0x61 < 26 && c >= 0x61 ? K_LATIN : K_OTHER;
}

function toCompact(p: string): string {
  const n = p.length;
  /**
   * Some character needs `foldEvasions`: a context-dependent alias, a numeral
   * in a long run or after a Latin letter, a digit letter next to a digit.
   */
  let special = false;
  /** Length of the current run of numerals and digits, and whether it holds a numeral. */
  let run = 0;
  let numeral = false;
  let prev = K_OTHER;
  /** The current run of digits and numerals follows a Latin letter (numerals in it may be a handle's digits). */
  let afterLatin = false;
  // Find how far the text is already compact before copying anything.
  let i = 0;
  for (; i < n; i++) {
    const c = p.charCodeAt(i);
    const code = COMPACT_CODE[c];
    if (code === C_KEEP) {
      run = 0;
      numeral = false;
      prev = keptClass(c);
    } else if (code === C_DIGIT || code === C_NUMERAL) {
      run++;
      if (prev !== K_DIGIT) afterLatin = prev === K_LATIN || prev === K_DIGIT_LETTER;
      if (code === C_NUMERAL) {
        numeral = true;
        if (afterLatin) special = true;
      }
      if ((numeral && run >= NUMERAL_RUN_MIN) || prev === K_DIGIT_LETTER) special = true;
      prev = K_DIGIT;
    } else if (code === C_DIGIT_LETTER) {
      if (prev === K_DIGIT) special = true;
      run = 0;
      numeral = false;
      prev = K_DIGIT_LETTER;
    } else break;
  }
  if (i === n && !special) return p;
  const out = reserve(n + 16);
  for (let j = 0; j < i; j++) out[j] = p.charCodeAt(j);
  let k = i;
  for (; i < n; i++) {
    const c = p.charCodeAt(i);
    const code = COMPACT_CODE[c]!;
    if (code === C_KEEP) {
      out[k++] = c;
      run = 0;
      numeral = false;
      prev = keptClass(c);
    } else if (code === C_DROP) {
      // dropped
    } else if (code === C_DIGIT || code === C_NUMERAL) {
      out[k++] = c;
      run++;
      if (prev !== K_DIGIT) afterLatin = prev === K_LATIN || prev === K_DIGIT_LETTER;
      if (code === C_NUMERAL) {
        numeral = true;
        if (afterLatin) special = true;
      }
      if ((numeral && run >= NUMERAL_RUN_MIN) || prev === K_DIGIT_LETTER) special = true;
      prev = K_DIGIT;
    } else if (code === C_DIGIT_LETTER) {
      out[k++] = c;
      if (prev === K_DIGIT) special = true;
      run = 0;
      numeral = false;
      prev = K_DIGIT_LETTER;
    } else if (code === C_SPECIAL) {
      out[k++] = c;
      special = true;
      prev = K_OTHER;
    } else if (code === C_SURROGATE) {
      // `plain` holds no lone surrogates. Astral CJK ideographs (Ext. B+) are
      // words; other astral characters (emoji) are not.
      const cp = p.codePointAt(i)!;
      i++;
      if (cp >= 0x20000 && cp <= 0x3ffff && RE_LETTER.test(p.slice(i - 1, i + 1))) {
        out[k++] = c;
        out[k++] = p.charCodeAt(i);
        run = 0;
        numeral = false;
        prev = K_OTHER;
      }
    } else {
      // A look-alike or a non-ASCII digit: its ASCII form.
      out[k++] = code;
      if (code <= 0x39) {
        run++;
        if (prev !== K_DIGIT) afterLatin = prev === K_LATIN || prev === K_DIGIT_LETTER;
        if (prev === K_DIGIT_LETTER) special = true;
        prev = K_DIGIT;
      } else {
        run = 0;
        numeral = false;
        if (COMPACT_CODE[code] === C_DIGIT_LETTER) {
          if (prev === K_DIGIT) special = true;
          prev = K_DIGIT_LETTER;
        } else prev = K_LATIN;
      }
    }
  }
  return output(special ? foldEvasions(out, k) : k);
}

/** What `foldEvasions` does with a code unit (0: nothing). */
const F_PLUS = 1;
const F_V_SYMBOL = 2;
const F_WEI = 3;
const F_XIN = 4;
/** Kinds from F_NUMERAL on make up digit runs. */
const F_NUMERAL = 5;
const F_DIGIT = 6;
const F_DIGIT_LETTER = 7;
const FOLD_KIND = new Uint8Array(0x10000);
/** Digit value of each Chinese numeral. */
const NUMERAL_VALUE = new Uint8Array(0x10000);
const PLUS_NEXT = new Uint8Array(0x10000);
/** The digit each digit letter stands for inside a run of digits. */
const DIGIT_OF_LETTER = new Uint16Array(0x10000);

function isLatin(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

function buildFoldTables(): void {
  for (const ch of PLUS_SIGNS) FOLD_KIND[ch.charCodeAt(0)] = F_PLUS;
  for (const ch of V_SYMBOLS) FOLD_KIND[ch.charCodeAt(0)] = F_V_SYMBOL;
  for (const ch of WEI_ALIASES) FOLD_KIND[ch.charCodeAt(0)] = F_WEI;
  for (const ch of XIN_ALIASES) FOLD_KIND[ch.charCodeAt(0)] = F_XIN;
  for (const [ch, digit] of Object.entries(CHINESE_NUMERALS)) {
    FOLD_KIND[ch.charCodeAt(0)] = F_NUMERAL;
    NUMERAL_VALUE[ch.charCodeAt(0)] = digit.charCodeAt(0);
  }
  for (let c = 0x30; c <= 0x39; c++) FOLD_KIND[c] = F_DIGIT;
  for (const [ch, digit] of Object.entries(DIGIT_LETTERS)) {
    FOLD_KIND[ch.charCodeAt(0)] = F_DIGIT_LETTER;
    DIGIT_OF_LETTER[ch.charCodeAt(0)] = digit.charCodeAt(0);
  }
  for (const ch of PLUS_FOLLOWERS) PLUS_NEXT[ch.charCodeAt(0)] = 1;
}

buildFoldTables();

const JIA = "加".charCodeAt(0);
const WEI = "微".charCodeAt(0);
const XIN = "信".charCodeAt(0);
const CIRCLE = "○".charCodeAt(0);

/**
 * Resolves the context-dependent aliases in `buf[0, k)`, in place (the text
 * only shrinks); returns the new length. Runs only on the rare text that
 * holds one. Three sweeps, each reading the previous one's result, so that
 * what a sweep drops can never leave a pair the next application would fold
 * differently (normalising twice gives the same as normalising once):
 * plus signs and v-symbols, then numeral runs, then 微/信 look-alikes.
 */
function foldEvasions(buf: Uint16Array, k: number): number {
  let w = 0;
  for (let r = 0; r < k; r++) {
    const c = buf[r]!;
    const kind = FOLD_KIND[c]!;
    if (kind === F_PLUS) {
      // "+v", "➕微": a plus sign before a contact word means 加; otherwise it is a symbol.
      if (r + 1 < k && PLUS_NEXT[buf[r + 1]!] === 1) buf[w++] = JIA;
    } else if (kind === F_V_SYMBOL) {
      if (w > 0 && buf[w - 1] === JIA) buf[w++] = 0x76;
    } else {
      buf[w++] = c;
    }
  }
  k = w;
  w = 0;
  for (let r = 0; r < k; r++) {
    const c = buf[r]!;
    const kind = FOLD_KIND[c]!;
    if (kind !== F_NUMERAL && kind !== F_DIGIT && kind !== F_DIGIT_LETTER) {
      buf[w++] = c;
      continue;
    }
    // A run of digits, numerals and digit letters. Digit letters at its ends
    // stay letters ("lol", "hello2025"): only those inside a run of digits are read as digits.
    let end = r + 1;
    while (end < k && FOLD_KIND[buf[end]!]! >= F_NUMERAL) end++;
    let from = r;
    while (from < end && FOLD_KIND[buf[from]!] === F_DIGIT_LETTER) from++;
    let to = end;
    while (to > from && FOLD_KIND[buf[to - 1]!] === F_DIGIT_LETTER) to--;
    let letters = 0;
    for (let m = from; m < to; m++) if (FOLD_KIND[buf[m]!] === F_DIGIT_LETTER) letters++;
    const core = to - from;
    // Numerals right after a Latin letter are the digits of a handle ("abc一二三"),
    // elsewhere only a long run reads as a number ("一个", "一二三" stay words).
    const afterLatin = from > r || (r > 0 && isLatin(buf[r - 1]!));
    const numerals = core >= NUMERAL_RUN_MIN || (afterLatin && core >= HANDLE_NUMERAL_MIN);
    const digitLetters = core >= NUMERAL_RUN_MIN && 2 * letters < core;
    for (let m = r; m < end; m++) {
      const d = buf[m]!;
      const dk = FOLD_KIND[d];
      if (dk === F_DIGIT) buf[w++] = d;
      else if (dk === F_DIGIT_LETTER)
        buf[w++] = digitLetters && m >= from && m < to ? DIGIT_OF_LETTER[d]! : d;
      else if (numerals) buf[w++] = NUMERAL_VALUE[d]!;
      // "○" is a symbol, only a letter when it stands for zero.
      else if (d !== CIRCLE) buf[w++] = d;
    }
    r = end - 1;
  }
  k = w;
  for (let r = 0; r < k; r++) {
    const kind = FOLD_KIND[buf[r]!]!;
    if (kind === F_WEI) {
      const next = r + 1 < k ? buf[r + 1]! : 0;
      if (next === XIN || FOLD_KIND[next] === F_XIN) buf[r] = WEI;
    } else if (kind === F_XIN) {
      const prev = r > 0 ? buf[r - 1]! : 0;
      if (prev === WEI || prev === 0x76) buf[r] = XIN;
    }
  }
  return k;
}

/** `text` cut to at most `max` units, never inside a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** A word: letters and digits of any script but the East Asian ones (whose characters are words of their own). */
const RE_WORD =
  /(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}])[\p{L}\p{Nd}])+/gu;
const RE_ASCII_LETTER = /[a-z]/;
/** A word wholly in Latin-script letters that are not ASCII: small capitals ("ᴅᴍ ᴍᴇ") are no language of their own. */
const RE_LATIN_SCRIPT_WORD = /^\p{Script=Latin}+$/u;

/**
 * Reads the look-alikes inside words that also hold ASCII letters as the
 * Latin letters they pass for ("wеchat" with a Cyrillic е → "wechat"), and
 * so are words wholly in Latin-script look-alikes ("ᴅᴍ ᴍᴇ" in small capitals).
 * A word wholly in another script is left alone: "привет" is Russian, not a
 * disguise. Runs only on the rare text where `toPlain` wrote a look-alike.
 * The result holds no look-alike in a mixed word, so folding twice changes
 * nothing more.
 */
function foldMixedScript(plain: string): string {
  if (!lookalike) return plain;
  return plain.replace(RE_WORD, (word) => {
    if (!RE_ASCII_LETTER.test(word) && !RE_LATIN_SCRIPT_WORD.test(word)) return word;
    let out = "";
    for (const ch of word) out += LATIN_LOOKALIKES.get(ch) ?? ch;
    return out;
  });
}

export function normalize(text: string): NormalizedText {
  const input = cut(text, MAX_READ_CHARS);
  const plain = readSpelledOut(foldMixedScript(readZhuyin(toPlain(input, MAX_SCAN_CHARS))));
  const raw = consumed === input.length ? input : input.slice(0, consumed);
  return { raw, truncated: raw.length < text.length, plain, compact: readLeetCompact(toCompact(plain)) };
}

/** Normalises an operator's keyword the same way as `compact`, so keywords and messages meet in one form. */
export function normalizeKeyword(keyword: string): string {
  return readLeetCompact(
    toCompact(readSpelledOut(foldMixedScript(readZhuyin(toPlain(keyword, Number.POSITIVE_INFINITY))))),
  );
}

/** Like `plain`, for operator-written text (FAQ keywords, English words). */
export function normalizePlain(text: string): string {
  return readSpelledOut(foldMixedScript(readZhuyin(toPlain(text, Number.POSITIVE_INFINITY))));
}
