/**
 * Personal data in chat messages: phone numbers (mainland, Taiwan, Hong Kong,
 * North American, national numbers after a trunk 0, any written with
 * +country code or 00, and spelled out in English words: pii-spelled.ts), ID
 * numbers (mainland, Hong Kong, Taiwan), bank card numbers and home addresses
 * (pii-address.ts). The rule's reading is strict (a
 * checksum, or a word saying what the number is: pii-context.ts); the greedy
 * reading redaction uses takes every such shape. Numbers are found by one table-driven pass over
 * the raw text that reads every digit spelling (ASCII, full-width, circled,
 * Chinese numerals) and skips the separators people put between digit groups,
 * so offsets are exact positions in the text searched and redaction can mask
 * exactly what was found.
 */
import type { NormalizedText } from "../text/normalize.js";
import { addressHint, addressHintRaw, hasAddress, scanAddresses } from "./pii-address.js";
import { CARD_CONTEXT, contextBefore, ID_CONTEXT, ORDER_CONTEXT, phoneCueAround } from "./pii-context.js";
import { scanSpelledPhones } from "./pii-spelled.js";

export type PiiKind = "phone" | "id_card" | "bank_card" | "address";

/** Offsets are UTF-16 positions in `text.raw` (the string searched). */
export interface PiiHit {
  kind: PiiKind;
  start: number;
  end: number;
}

const ALL_KINDS: readonly PiiKind[] = ["phone", "id_card", "bank_card", "address"];

// ---------------------------------------------------------------------------
// Character classes for the number scanner.
// ---------------------------------------------------------------------------

/** Letters and other word characters: a number cannot continue across one. */
const K_BREAK = 0;
/** Spaces, punctuation, symbols, emoji: may stand between digit groups. */
const K_SEP = 1;
/** Invisible (zero-width, combining, variation selectors): ignored altogether. */
const K_IGNORE = 2;
const K_DIGIT = 3;
const K_SURROGATE = 4;
/** x/X: the check character of an ID number, when it closes a run of 17 digits. */
const K_X = 5;

const KIND = new Uint8Array(0x10000);
const DIGIT = new Uint8Array(0x10000);

/** Chinese numerals as read digit by digit, Simplified and Traditional financial forms included. */
const NUMERAL_DIGITS = "零0〇0○0一1幺1壹1二2贰2貳2三3叁3參3四4肆4五5伍5六6陆6陸6七7柒7八8捌8九9玖9";

function buildTables(): void {
  const reDigit = /^\p{Nd}$/u;
  const reIgnore = /^[\p{M}\p{Cf}]$/u;
  const reSep = /^[\s\p{P}\p{S}\p{Z}\p{No}\p{Cc}]$/u;
  let digitZero = -1;
  for (let cp = 0; cp < 0x10000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) {
      KIND[cp] = K_SURROGATE;
      continue;
    }
    // CJK ideographs and Hangul are word characters; skip the regex work for them.
    if ((cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3)) continue;
    const ch = String.fromCharCode(cp);
    if (reDigit.test(ch)) {
      // Decimal digits come in contiguous 0–9 blocks (ASCII, full-width, other scripts).
      if (digitZero < 0 || cp - digitZero >= 10) digitZero = cp;
      KIND[cp] = K_DIGIT;
      DIGIT[cp] = cp - digitZero;
      continue;
    }
    digitZero = -1;
    if (reIgnore.test(ch) || cp === 0x115f || cp === 0x1160 || cp === 0x3164 || cp === 0xffa0) {
      KIND[cp] = K_IGNORE;
    } else if (reSep.test(ch)) {
      // Circled and parenthesised digits (①, ⑴, ⒈, ¹) are digits in disguise.
      const folded = ch.normalize("NFKC").replace(/[().,]/g, "");
      if (folded.length === 1 && folded >= "0" && folded <= "9") {
        KIND[cp] = K_DIGIT;
        DIGIT[cp] = folded.charCodeAt(0) - 0x30;
      } else {
        KIND[cp] = K_SEP;
      }
    }
  }
  // Dingbat circled digits have no compatibility decomposition.
  for (const first of [0x2776, 0x2780, 0x278a, 0x24f5]) {
    for (let d = 1; d <= 9; d++) {
      KIND[first + d - 1] = K_DIGIT;
      DIGIT[first + d - 1] = d;
    }
  }
  KIND[0x24ff] = K_DIGIT; // ⓿
  DIGIT[0x24ff] = 0;
  for (let i = 0; i < NUMERAL_DIGITS.length; i += 2) {
    const cp = NUMERAL_DIGITS.charCodeAt(i);
    KIND[cp] = K_DIGIT;
    DIGIT[cp] = NUMERAL_DIGITS.charCodeAt(i + 1) - 0x30;
  }
  for (const ch of "xXｘＸ") KIND[ch.charCodeAt(0)] = K_X;
}

buildTables();

/** Kind and digit value of an astral code point. */
function astralKind(cp: number): number {
  if (cp >= 0x1d7ce && cp <= 0x1d7ff) return K_DIGIT; // mathematical digits
  if (cp >= 0x1fbf0 && cp <= 0x1fbf9) return K_DIGIT; // segmented digits
  if (cp >= 0x1f101 && cp <= 0x1f10a) return K_DIGIT; // "0," … "9,"
  if (cp >= 0x1f3fb && cp <= 0x1f3ff) return K_IGNORE; // skin tones
  if (cp >= 0xe0000 && cp <= 0xe01ef) return K_IGNORE; // tags, variation selectors
  if (cp >= 0x1f000 && cp <= 0x1faff) return K_SEP; // emoji and pictographs
  return K_BREAK; // ideographs (Ext. B+), mathematical letters, other scripts
}

function astralDigit(cp: number): number {
  if (cp >= 0x1d7ce && cp <= 0x1d7ff) return (cp - 0x1d7ce) % 10;
  if (cp >= 0x1fbf0) return cp - 0x1fbf0;
  return cp - 0x1f101;
}

// ---------------------------------------------------------------------------
// Number scanner.
// ---------------------------------------------------------------------------

/** Runs shorter than this are never judged: a Hong Kong ID (six digits and a check digit) is the shortest. */
const MIN_JUDGED = 7;

/** Most separators allowed between two digits of one number ("138 - 1234", "1❤️3"). */
const MAX_GAP = 3;

/** The current run of digits: value (10 = X) and code-unit span of each digit, first digit of each group. */
let runValue = new Uint8Array(64);
let runStart = new Int32Array(64);
let runEnd = new Int32Array(64);
let groupFirst = new Int32Array(64);

function ensureCapacity(n: number): void {
  if (n < runValue.length) return;
  const size = Math.max(n + 1, runValue.length * 2);
  const grow = <T extends Uint8Array | Int32Array>(a: T, b: T): T => {
    b.set(a);
    return b;
  };
  runValue = grow(runValue, new Uint8Array(size));
  runStart = grow(runStart, new Int32Array(size));
  runEnd = grow(runEnd, new Int32Array(size));
  groupFirst = grow(groupFirst, new Int32Array(size));
}

interface ScanOptions {
  phone: boolean;
  id: boolean;
  card: boolean;
  /** Every shape, validated or not, and no grouping check: see `RawScanOptions.greedy`. */
  greedy: boolean;
  /** Stop at the first hit (for `hasPii`). */
  first: boolean;
  /**
   * The text was cut from a longer one: a run still open at its end may go on
   * in the part not seen, so it is not judged (else cutting "1 3 8 … 9 9"
   * could make a phone number that the whole text does not hold).
   */
  openEnd: boolean;
}

/** Finds phone and ID numbers in `s`, appending hits to `out`; returns whether any was found. */
function scanNumbers(s: string, opts: ScanOptions, out: PiiHit[] | undefined): boolean {
  const n = s.length;
  let digits = 0;
  let groups = 0;
  let gap = 0;
  let found = false;
  let lastNumeral = false;
  for (let i = 0; i < n; i++) {
    if (digits === 0) {
      // Outside a number only a digit (or an astral one) matters: skip ahead in a tight loop.
      while (i < n) {
        const k = KIND[s.charCodeAt(i)];
        if (k === K_DIGIT || k === K_SURROGATE) break;
        i++;
      }
      if (i === n) break;
    }
    const c = s.charCodeAt(i);
    let kind = KIND[c]!;
    let value = DIGIT[c]!;
    let width = 1;
    if (kind === K_SURROGATE) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        kind = astralKind(cp);
        if (kind === K_DIGIT) value = astralDigit(cp);
        width = 2;
      } else {
        kind = K_IGNORE;
      }
    } else if (kind === K_X) {
      // An ID's check character: right after its 17th digit, and not part of a word ("2x3", "3xl").
      const next = i + 1 < n ? KIND[s.charCodeAt(i + 1)]! : K_SEP;
      if (digits >= 17 && gap === 0 && next !== K_BREAK && next !== K_DIGIT && next !== K_X) {
        kind = K_DIGIT;
        value = 10;
      } else {
        kind = K_BREAK;
      }
    }
    if (kind === K_DIGIT) {
      // A switch between Chinese numerals and digits starts a group: in "李四13812345678" the 四
      // ends a name, it does not make the number twelve digits long.
      const numeral = c >= 0x3000;
      if (digits === 0 || gap > 0 || numeral !== lastNumeral) {
        ensureCapacity(groups);
        groupFirst[groups++] = digits;
      }
      lastNumeral = numeral;
      ensureCapacity(digits);
      runValue[digits] = value;
      runStart[digits] = i;
      runEnd[digits] = i + width;
      digits++;
      gap = 0;
      if (value === 10) {
        // Nothing follows a check character.
        if (digits >= MIN_JUDGED && judgeRun(s, digits, groups, opts, out)) found = true;
        digits = 0;
        groups = 0;
      }
    } else if (digits > 0) {
      if (kind === K_SEP) {
        if (++gap > MAX_GAP) {
          if (digits >= MIN_JUDGED && judgeRun(s, digits, groups, opts, out)) found = true;
          digits = 0;
          groups = 0;
          gap = 0;
        }
      } else if (kind === K_BREAK) {
        if (digits >= MIN_JUDGED && judgeRun(s, digits, groups, opts, out)) found = true;
        digits = 0;
        groups = 0;
        gap = 0;
      }
    }
    if (found && opts.first) return true;
    i += width - 1;
  }
  if (digits >= MIN_JUDGED && !opts.openEnd && judgeRun(s, digits, groups, opts, out)) found = true;
  return found;
}

function groupSize(g: number, digits: number, groups: number): number {
  return (g + 1 < groups ? groupFirst[g + 1]! : digits) - groupFirst[g]!;
}

/** The separator text between group g-1 and group g. */
function gapText(s: string, g: number): string {
  const first = groupFirst[g]!;
  return s.slice(runEnd[first - 1]!, runStart[first]!);
}

/**
 * Judges one run of digit groups: finds the group-aligned stretches that
 * read as a phone, ID or card number. Rare path: only runs of 7+ digits get
 * here (prices, times, counts and table numbers are shorter).
 */
function judgeRun(
  s: string,
  digits: number,
  groups: number,
  opts: ScanOptions,
  out: PiiHit[] | undefined,
): boolean {
  let found = false;
  for (let a = 0; a < groups; a++) {
    let total = 0;
    let hitEnd = -1;
    let hitKind: PiiKind = "phone";
    let hitTotal = 0;
    for (let b = a; b < groups; b++) {
      total += groupSize(b, digits, groups);
      if (total > MAX_NUMBER_DIGITS) break;
      const kind = readStretch(s, a, b, total, digits, groups, opts);
      if (kind !== undefined) {
        hitEnd = b;
        hitKind = kind;
        hitTotal = total;
      }
    }
    if (hitEnd < 0) {
      if (opts.greedy && opts.phone && numeralPhoneInside(s, a, digits, groups, out)) found = true;
      continue;
    }
    found = true;
    if (!out) return true;
    const firstDigit = groupFirst[a]!;
    const lastDigit = (hitEnd + 1 < groups ? groupFirst[hitEnd + 1]! : digits) - 1;
    let start = runStart[firstDigit]!;
    let end = runEnd[lastDigit]!;
    if (hitKind === "phone" && start > 0) {
      // "+86 …", "+852 …": the plus sign belongs to the number.
      if (isPlus(s.charCodeAt(start - 1))) start--;
      // "(646) 555-0199", "(+852) 6123 4567": so is the bracket opening the area or country code.
      const open = start > 0 ? s.charCodeAt(start - 1) : 0;
      if ((open === 0x28 || open === 0xff08) && /[)）]/.test(s.slice(start, end))) start--;
    } else if (hitKind === "id_card" && hitTotal < 18) {
      // Taiwan and Hong Kong IDs: the letters in front, and the bracket closing the check digit.
      start -= idLetters(s, start);
      if (isCloseBracket(s.charCodeAt(end))) end++;
    }
    out.push({ kind: hitKind, start, end });
    if (opts.first) return true;
    a = hitEnd;
  }
  return found;
}

/**
 * For storage: a mobile number in Chinese numerals that a name or word in
 * numerals runs into ("李四一三八…", "一三八…八号"), at either end of a group
 * of numerals too long to be one number.
 */
function numeralPhoneInside(
  s: string,
  a: number,
  digits: number,
  groups: number,
  out: PiiHit[] | undefined,
): boolean {
  const size = groupSize(a, digits, groups);
  const first = groupFirst[a]!;
  if (size <= 11 || size > 40 || s.charCodeAt(runStart[first]!) < 0x3000) return false;
  for (const at of [first + size - 11, first]) {
    if (runValue[at] !== 1 || runValue[at + 1]! < 3 || runValue[at + 1]! > 9 || hasCheckCharacter(at, 11))
      continue;
    out?.push({ kind: "phone", start: runStart[at]!, end: runEnd[at + 10]! });
    return true;
  }
  return false;
}

/** Bank cards have up to 19 digits, the longest number read. */
const MAX_NUMBER_DIGITS = 19;

/** What the digits of groups a..b (`total` digits) read as, if anything. */
function readStretch(
  s: string,
  a: number,
  b: number,
  total: number,
  digits: number,
  groups: number,
  opts: ScanOptions,
): PiiKind | undefined {
  const first = groupFirst[a]!;
  if (opts.id && isIdStretch(s, a, b, total, digits, groups, opts.greedy)) return "id_card";
  if (opts.phone && isPhoneStretch(s, a, b, total, digits, groups, opts.greedy)) return "phone";
  if (
    opts.card &&
    total >= 13 &&
    cardLayout(a, b, digits, groups, opts.greedy) &&
    standsAlone(s, a, b, groups) &&
    isCardNumber(s, first, total, opts.greedy)
  ) {
    return "bank_card";
  }
  return undefined;
}

function isIdStretch(
  s: string,
  a: number,
  b: number,
  total: number,
  digits: number,
  groups: number,
  broad: boolean,
): boolean {
  const first = groupFirst[a]!;
  const start = runStart[first]!;
  if (total === 18) {
    if (isIdNumber(first)) return true;
    // A checksum typed wrong is still someone's ID when they say it is; storage masks every such
    // run but a serial number after an order or receipt word ("流水号 2403…").
    if (!idShaped(first) || !idLayout(a, b, digits, groups) || !standsAlone(s, a, b, groups)) return false;
    if (idContextBefore(s, start)) return true;
    return broad && !contextBefore(s, start, ORDER_CONTEXT);
  }
  if (total === 9 && a === b) return isTaiwanId(s, first, broad);
  if (total === 7) return isHongKongId(s, a, b, digits, groups);
  return false;
}

function isPhoneStretch(
  s: string,
  a: number,
  b: number,
  total: number,
  digits: number,
  groups: number,
  broad: boolean,
): boolean {
  const first = groupFirst[a]!;
  const start = runStart[first]!;
  const d = (k: number) => runValue[first + k]!;
  if (hasCheckCharacter(first, total)) return false;
  // Mainland mobile, optionally after 86 / 0086.
  if (
    (total === 11 || total === 13 || total === 15) &&
    isPhoneNumber(first, total) &&
    (broad ? !timeInside(s, a, b) : phoneGroupingOk(s, a, b, digits, groups))
  ) {
    return true;
  }
  const alone = broad || standsAlone(s, a, b, groups);
  if (!alone) return false;
  // Any number written with "+" and a country code: E.164 has at most 15 digits.
  const plus = start > 0 && isPlus(s.charCodeAt(start - 1));
  if (plus && total >= 10 && total <= 15 && d(0) !== 0) return true;
  // Taiwan mobile 09xx-xxx-xxx, and 00886 9xx xxx xxx / 00852 xxxx xxxx dialled from abroad.
  if (total === 10 && d(0) === 0 && d(1) === 9) return true;
  if (total === 14 && startsWith(first, "008869")) return true;
  if (total === 13 && startsWith(first, "00852") && d(5) >= 2) return true;
  // Hong Kong 852 xxxx xxxx without the plus, and bare 8-digit mobiles: only beside a phone cue,
  // since an 8-digit run is as often an order or a voucher number.
  if (total === 11 && startsWith(first, "852") && d(3) >= 2) {
    if (a < b && groupSize(a, digits, groups) === 3 && areaInBrackets(s, a, digits, groups)) return true;
    return broad || phoneCueAround(s, start, stretchEnd(b, digits, groups));
  }
  // "0044 20 7946 0958": a country code after the international prefix 00, as "+" would stand.
  if (total >= 12 && total <= 17 && d(0) === 0 && d(1) === 0 && d(2) !== 0 && a < b) {
    const prefix = groupSize(a, digits, groups);
    if (
      prefix >= 2 &&
      prefix <= 5 &&
      dialSeparators(s, a, b) &&
      standsAlone(s, a, b, groups) &&
      !timeOrDateNext(s, a, b, groups) &&
      !contextBefore(s, start, ORDER_CONTEXT)
    )
      return true;
  }
  // North American (646) 555-0199 / 646-555-0199 and national numbers after a trunk 0 elsewhere
  // ((020) 7946 0958, 03-1234-5678, 021-6234 5678).
  if (total >= 10 && total <= 12 && isDialledNumber(s, a, b, total, digits, groups, broad)) return true;
  if (total === 8 && (d(0) === 5 || d(0) === 6 || d(0) === 9) && hongKongLayout(a, b, digits, groups)) {
    // An order or voucher word right before wins over a cue further off ("打电话问了，订单号 9123 4567");
    // storage masks the shape even without a cue, but keeps such a number, which staff need to read.
    if (contextBefore(s, start, ORDER_CONTEXT)) return false;
    return broad || phoneCueAround(s, start, stretchEnd(b, digits, groups));
  }
  return false;
}

/**
 * A number in a national dialling layout: North American NXX-NXX-XXXX (after
 * an optional 1), or a trunk 0 and 9–11 more digits. An area code in brackets
 * is how only phone numbers are written, and so is a 1 before the three
 * groups; otherwise digits in such groups are as often an order or a
 * reference, so the rule wants a phone word nearby, and storage masks the
 * grouped shapes without one. An order word right before makes it no phone.
 */
function isDialledNumber(
  s: string,
  a: number,
  b: number,
  total: number,
  digits: number,
  groups: number,
  broad: boolean,
): boolean {
  const first = groupFirst[a]!;
  const start = runStart[first]!;
  const sizes: number[] = [];
  for (let g = a; g <= b; g++) sizes.push(groupSize(g, digits, groups));
  const northAmerican = northAmericanLayout(first, total, sizes);
  const trunk = northAmerican === undefined && trunkLayout(first, sizes);
  if (northAmerican === undefined && !trunk) return false;
  if (!dialSeparators(s, a, b) || contextBefore(s, start, ORDER_CONTEXT)) return false;
  // The area code's group: after the country code 1, if one is written apart.
  const area = northAmerican === "country" ? a + 1 : a;
  if (sizes.length > 1 && areaInBrackets(s, area, digits, groups)) return true;
  if (northAmerican === "country") return true;
  const cue = phoneCueAround(s, start, stretchEnd(b, digits, groups));
  if (sizes.length === 1) return cue;
  return cue || (broad && sameSeparators(s, a, b));
}

/**
 * NXX NXX XXXX (area code and exchange start with 2–9) as 3-3-4, 3-7 or one
 * run, or the same after a 1 written as its own group ("country").
 */
function northAmericanLayout(first: number, total: number, sizes: number[]): "bare" | "country" | undefined {
  let from = 0;
  let rest = sizes;
  if (total === 11) {
    if (runValue[first] !== 1 || sizes[0] !== 1 || sizes.length < 3) return undefined;
    from = 1;
    rest = sizes.slice(1);
  } else if (total !== 10) {
    return undefined;
  }
  const area = runValue[first + from]!;
  const exchange = runValue[first + from + 3]!;
  if (area < 2 || area > 9 || exchange < 2 || exchange > 9) return undefined;
  const layout = rest.join("-");
  if (layout !== "3-3-4" && layout !== "3-7" && (from === 1 || layout !== "10")) return undefined;
  return from === 1 ? "country" : "bare";
}

/** A trunk 0 and 9–11 more digits, solid or in two to five groups of two to eight digits (06 12 34 56 78). */
function trunkLayout(first: number, sizes: number[]): boolean {
  if (runValue[first] !== 0 || runValue[first + 1] === 0) return false;
  if (sizes.length > 5) return false;
  if (sizes.length === 1) return true;
  return sizes[0]! <= 5 && sizes.every((n) => n >= 2 && n <= 8);
}

/** "(646) 555…", "（020）7946…": the group's digits between brackets. */
function areaInBrackets(s: string, g: number, digits: number, groups: number): boolean {
  const first = groupFirst[g]!;
  const before = runStart[first]! > 0 ? s.charCodeAt(runStart[first]! - 1) : 0;
  if (before !== 0x28 && before !== 0xff08) return false;
  const after = runEnd[first + groupSize(g, digits, groups) - 1]!;
  return isCloseBracket(s.charCodeAt(after));
}

/**
 * Whether groups a..b are separated as dialled numbers are: spaces, dashes,
 * dots, brackets. A colon or slash makes them a time or a date ("00:00 2026-12-03").
 */
function dialSeparators(s: string, a: number, b: number): boolean {
  for (let g = a + 1; g <= b; g++) if (!/^[\s\-.()（）–—－]+$/.test(gapText(s, g))) return false;
  return true;
}

/**
 * A time among groups a..b: a colon between two of them and other separators
 * elsewhere ("18:00 138 1234" is a time and the start of a mobile number;
 * "138:1234:5678" is one number).
 */
function timeInside(s: string, a: number, b: number): boolean {
  if (a === b || !sameSeparators(s, a, b)) {
    for (let g = a + 1; g <= b; g++) if (/[:：]/.test(gapText(s, g))) return true;
  }
  return false;
}

/** Whether a colon or slash joins groups a..b to the digits around them ("18:00 138…", "00:00:00"). */
function timeOrDateNext(s: string, a: number, b: number, groups: number): boolean {
  if (a > 0 && /[:/：]/.test(gapText(s, a))) return true;
  return b + 1 < groups && /[:/：]/.test(gapText(s, b + 1));
}

/** Whether the separators between groups a..b are all one string ("646-555-0199", "646.555.0199"). */
function sameSeparators(s: string, a: number, b: number): boolean {
  const gap = gapText(s, a + 1);
  for (let g = a + 2; g <= b; g++) if (gapText(s, g) !== gap) return false;
  return true;
}

/** The code-unit end of group b (the last of a stretch). */
function stretchEnd(b: number, digits: number, groups: number): number {
  return runEnd[groupFirst[b]! + groupSize(b, digits, groups) - 1]!;
}

function isPlus(c: number): boolean {
  return c === 0x2b || c === 0xff0b;
}

function isCloseBracket(c: number): boolean {
  return c === 0x29 || c === 0xff09;
}

function startsWith(first: number, prefix: string): boolean {
  for (let k = 0; k < prefix.length; k++)
    if (runValue[first + k] !== prefix.charCodeAt(k) - 0x30) return false;
  return true;
}

function hasCheckCharacter(first: number, total: number): boolean {
  for (let k = first; k < first + total; k++) if (runValue[k] === 10) return true;
  return false;
}

/** 8 digits as one group or 4 + 4. */
function hongKongLayout(a: number, b: number, digits: number, groups: number): boolean {
  return a === b || (b === a + 1 && groupSize(a, digits, groups) === 4);
}

/**
 * How card numbers are written: one solid run, groups of four with a shorter
 * last one (4-4-4-4, 4-4-4-4-3), Amex and Diners 4-6-5 / 4-6-4; for storage,
 * also one digit at a time.
 */
function cardLayout(a: number, b: number, digits: number, groups: number, broad: boolean): boolean {
  if (a === b) return true;
  const n = b - a + 1;
  if (n === 3 && groupSize(a, digits, groups) === 4 && groupSize(a + 1, digits, groups) === 6) {
    const last = groupSize(b, digits, groups);
    if (last === 5 || last === 4) return true;
  }
  if (n >= 3) {
    let fours = true;
    for (let g = a; g < b; g++) if (groupSize(g, digits, groups) !== 4) fours = false;
    if (fours) return true;
  }
  if (broad) {
    for (let g = a; g <= b; g++) if (groupSize(g, digits, groups) !== 1) return false;
    return true;
  }
  return false;
}

/**
 * 13–19 digits read as a card. A card word (卡号, card) makes it one whatever
 * the checksum, unless an order, voucher or membership word stands there too
 * ("会员卡号", "订单退款到卡号"): then only a Luhn-valid one is. After an order
 * word alone it is no card for the rule, and storage masks it only when Luhn
 * passes (staff need order numbers). With no word, the rule wants Luhn and a
 * first digit 2–9; storage masks any (but a Telegram chat id "-100…").
 */
function isCardNumber(s: string, first: number, total: number, broad: boolean): boolean {
  if (hasCheckCharacter(first, total)) return false;
  const start = runStart[first]!;
  if (runValue[first] === 0) return false;
  const cardWord = contextBefore(s, start, CARD_CONTEXT);
  const orderWord = contextBefore(s, start, ORDER_CONTEXT);
  const luhn = luhnValid(first, total);
  if (cardWord) return broad || !orderWord || luhn;
  if (orderWord) return broad && luhn;
  if (broad)
    return !(total === 13 && start > 0 && s.charCodeAt(start - 1) === 0x2d && startsWith(first, "100"));
  // Cards start with 2–9 (a leading 1 is a mobile number with digits too many).
  return luhn && runValue[first]! >= 2;
}

function luhnValid(first: number, total: number): boolean {
  let sum = 0;
  for (let k = 0; k < total; k++) {
    let v = runValue[first + total - 1 - k]!;
    if (k % 2 === 1) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return sum % 10 === 0;
}

/**
 * Whether groups a..b stand on their own rather than being a slice of a
 * longer grouped number: the whole run, or separators at the cut unlike
 * those inside ("2024-11-22 0912 345 678").
 */
function standsAlone(s: string, a: number, b: number, groups: number): boolean {
  if (a === 0 && b === groups - 1) return true;
  if (a === b) return true;
  const inner = new Set<string>();
  for (let g = a + 1; g <= b; g++) inner.add(gapText(s, g));
  if (a > 0 && inner.has(gapText(s, a))) return false;
  if (b + 1 < groups && inner.has(gapText(s, b + 1))) return false;
  return true;
}

/** 1[3-9] and nine more digits, after an optional 86 or 0086 country code. */
function isPhoneNumber(first: number, total: number): boolean {
  let p = first;
  if (total === 13) {
    if (runValue[p] !== 8 || runValue[p + 1] !== 6) return false;
    p += 2;
  } else if (total === 15) {
    if (runValue[p] !== 0 || runValue[p + 1] !== 0 || runValue[p + 2] !== 8 || runValue[p + 3] !== 6)
      return false;
    p += 4;
  }
  if (runValue[p] !== 1) return false;
  const second = runValue[p + 1]!;
  if (second < 3 || second > 9) return false;
  for (let k = p + 2; k < first + total; k++) if (runValue[k] === 10) return false;
  return true;
}

/**
 * Whether groups a..b stand on their own rather than being a slice of a
 * longer grouped number ("138 1234 5678 9999", "1 3 8 … 9 9"): one solid
 * group, the usual 3-4-4 layout, or separators at the cut unlike those inside.
 */
function phoneGroupingOk(s: string, a: number, b: number, digits: number, groups: number): boolean {
  if (a === b) return true;
  let from = a;
  const total = groupFirst[b]! + groupSize(b, digits, groups) - groupFirst[a]!;
  // A country code written as its own group is not part of the layout.
  if (total > 11 && groupSize(a, digits, groups) === total - 11) from++;
  if (from === b) return true;
  if (
    b - from === 2 &&
    groupSize(from, digits, groups) === 3 &&
    groupSize(from + 1, digits, groups) === 4 &&
    groupSize(b, digits, groups) === 4
  ) {
    return true;
  }
  const inner = new Set<string>();
  for (let g = a + 1; g <= b; g++) inner.add(gapText(s, g));
  if (a > 0 && inner.has(gapText(s, a))) return false;
  if (b + 1 < groups && inner.has(gapText(s, b + 1))) return false;
  return true;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character for each remainder of the weighted sum mod 11 (10 = X). */
const ID_CHECK = [1, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2];

/** 17 digits and a check character (ISO 7064 MOD 11-2), a plausible region and birth date. */
function isIdNumber(first: number): boolean {
  if (runValue[first] === 0) return false;
  let sum = 0;
  for (let k = 0; k < 17; k++) {
    const v = runValue[first + k]!;
    if (v === 10) return false;
    sum += v * ID_WEIGHTS[k]!;
  }
  if (ID_CHECK[sum % 11] !== runValue[first + 17]) return false;
  const d = (k: number) => runValue[first + k]!;
  const year = d(6) * 1000 + d(7) * 100 + d(8) * 10 + d(9);
  const month = d(10) * 10 + d(11);
  const day = d(12) * 10 + d(13);
  return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** How IDs are written: solid, region-birth date-rest (6-8-4), or one digit at a time. */
function idLayout(a: number, b: number, digits: number, groups: number): boolean {
  if (a === b) return true;
  if (b === a + 2 && groupSize(a, digits, groups) === 6 && groupSize(a + 1, digits, groups) === 8)
    return true;
  for (let g = a; g <= b; g++) if (groupSize(g, digits, groups) !== 1) return false;
  return true;
}

/** 17 digits and a last digit or X, not starting with 0: what storage treats as an ID whatever its checksum. */
function idShaped(first: number): boolean {
  if (runValue[first] === 0) return false;
  for (let k = 0; k < 17; k++) if (runValue[first + k] === 10) return false;
  return true;
}

/** An ID word, and no order word ("订单id") that would make the number a serial. */
function idContextBefore(s: string, start: number): boolean {
  return contextBefore(s, start, ID_CONTEXT) && !contextBefore(s, start, ORDER_CONTEXT);
}

/** A Latin letter's place in the alphabet (0 = A), half- or full-width, either case; -1 for none. */
function letterIndex(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61;
  if (c >= 0xff21 && c <= 0xff3a) return c - 0xff21;
  if (c >= 0xff41 && c <= 0xff5a) return c - 0xff41;
  return -1;
}

function isAsciiLetter(c: number): boolean {
  return letterIndex(c) >= 0;
}

/** Capital letters, as Hong Kong IDs are written (half- or full-width). */
function isAsciiUpper(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0xff21 && c <= 0xff3a);
}

function isAsciiWordChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19) || c === 0x5f;
}

/** How many letters (one or two, standing as a word's start) come right before `start`. */
function idLetters(s: string, start: number): number {
  if (start < 1 || !isAsciiLetter(s.charCodeAt(start - 1))) return 0;
  if (start < 2 || !isAsciiWordChar(s.charCodeAt(start - 2))) return 1;
  if (isAsciiUpper(s.charCodeAt(start - 2)) && isAsciiUpper(s.charCodeAt(start - 1))) {
    if (start < 3 || !isAsciiWordChar(s.charCodeAt(start - 3))) return 2;
  }
  return -1;
}

/** Taiwan's letter values: A=10 … with I, O, W, X, Y, Z placed out of order. */
const TW_LETTER = [
  10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33,
];

/**
 * Taiwan ID (and resident certificate): one letter, then 1/2 (8/9 for
 * residents) and eight digits whose weighted sum with the letter's value is a
 * multiple of ten; storage masks the shape, checksum or not.
 */
function isTaiwanId(s: string, first: number, broad: boolean): boolean {
  const start = runStart[first]!;
  if (idLetters(s, start) !== 1) return false;
  const second = runValue[first]!;
  if (second !== 1 && second !== 2 && second !== 8 && second !== 9) return false;
  if (hasCheckCharacter(first, 9)) return false;
  if (broad || idContextBefore(s, start - 1)) return true;
  const code = TW_LETTER[letterIndex(s.charCodeAt(start - 1))]!;
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  for (let k = 0; k < 8; k++) sum += runValue[first + k]! * (8 - k);
  sum += runValue[first + 8]!;
  return sum % 10 === 0;
}

/**
 * Hong Kong ID: one or two capital letters, six digits and a check digit,
 * written A123456(7) (the bracket makes the shape distinctive, so the check
 * digit is not verified) or, checksum valid, A1234567.
 */
function isHongKongId(s: string, a: number, b: number, digits: number, groups: number): boolean {
  const first = groupFirst[a]!;
  const start = runStart[first]!;
  const letters = idLetters(s, start);
  if (letters < 1 || !isAsciiUpper(s.charCodeAt(start - 1))) return false;
  if (hasCheckCharacter(first, 7)) return false;
  if (b === a + 1 && groupSize(a, digits, groups) === 6) {
    const open = gapText(s, b);
    return (open === "(" || open === "（") && isCloseBracket(s.charCodeAt(runEnd[first + 6]!));
  }
  if (a !== b) return false;
  let sum = letters === 1 ? 36 * 9 : (letterIndex(s.charCodeAt(start - 2)) + 10) * 9;
  sum += (letterIndex(s.charCodeAt(start - 1)) + 10) * 8;
  for (let k = 0; k < 6; k++) sum += runValue[first + k]! * (7 - k);
  return (sum + runValue[first + 6]!) % 11 === 0;
}

// ---------------------------------------------------------------------------
// API.
// ---------------------------------------------------------------------------

/** Which number kinds a scan looks for. */
interface NumberKinds {
  phone: boolean;
  id: boolean;
  card: boolean;
}

function numberKinds(kinds: readonly PiiKind[]): NumberKinds {
  return { phone: kinds.includes("phone"), id: kinds.includes("id_card"), card: kinds.includes("bank_card") };
}

/**
 * Finds personal data in a NormalizedText, in order of position; offsets are
 * in `text.raw`.
 * @param kinds what to look for. @defaultValue all kinds
 */
export function findPii(text: NormalizedText, kinds: readonly PiiKind[] = ALL_KINDS): PiiHit[] {
  const address = kinds.includes("address") && addressHint(text.plain);
  return find(text.raw, numberKinds(kinds), address, text.truncated, false);
}

/** Whether the text holds any of `kinds`; stops at the first found. */
export function hasPii(text: NormalizedText, kinds: readonly PiiKind[]): boolean {
  const s = text.raw;
  const phone = kinds.includes("phone");
  const id = kinds.includes("id_card");
  const card = kinds.includes("bank_card");
  if (
    (phone || id || card) &&
    scanNumbers(s, { phone, id, card, greedy: false, first: true, openEnd: text.truncated }, undefined)
  )
    return true;
  if (phone && scanSpelledPhones(s, false, undefined)) return true;
  return kinds.includes("address") && addressHint(text.plain) && hasAddress(s);
}

/** Options of `findPiiIn`. */
export interface RawScanOptions {
  /** What to look for. @defaultValue all kinds */
  kinds?: readonly PiiKind[];
  /** The text was cut from a longer one, so a number running into its end is not judged. @defaultValue false */
  openEnd?: boolean;
  /**
   * Take every number shaped like personal data, validated or not: a phone
   * number that may be a slice of a longer grouped number ("1 3 8 … 7 8 9",
   * "138 1234 5678 9999"), an 18-digit ID whose checksum fails, any 13–19
   * digit card-shaped run (Luhn or not, unless an order word precedes a
   * Luhn-invalid one), Taiwan IDs by shape, Hong Kong mobiles without a cue,
   * grouped North American and trunk-0 numbers without a cue, an English house
   * number and street with no sign that it is a home.
   * For redaction, where leaving a number in clear costs more than masking a
   * few digits too many. @defaultValue false
   */
  greedy?: boolean;
}

/** `findPii` on any string, without the MAX_SCAN_CHARS cut: what redaction uses. */
export function findPiiIn(s: string, options: RawScanOptions = {}): PiiHit[] {
  const { kinds = ALL_KINDS, openEnd = false, greedy = false } = options;
  const address = kinds.includes("address") && addressHintRaw(s);
  return find(s, numberKinds(kinds), address, openEnd, greedy);
}

function find(
  s: string,
  numbers: NumberKinds,
  address: boolean,
  openEnd: boolean,
  greedy: boolean,
): PiiHit[] {
  const out: PiiHit[] = [];
  const { phone, id, card } = numbers;
  if (phone || id || card) scanNumbers(s, { phone, id, card, greedy, first: false, openEnd }, out);
  const numbersFound = out.length;
  if (phone) scanSpelledPhones(s, greedy, out);
  if (address) scanAddresses(s, out, greedy);
  if (numbersFound > 0 && out.length > numbersFound) out.sort((x, y) => x.start - y.start || y.end - x.end);
  return out;
}
