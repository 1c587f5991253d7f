/**
 * What the spam classifier reads of a message. Two views of one normalised text:
 *
 * - `textFeatures`: the bag of features the naive Bayes model counts. Han text has no spaces, so
 *   it is read as character 1-, 2- and 3-grams of each Han run of `compact` (where evasions are
 *   already folded: 薇信 → 微信); Latin text as the words of `plain` and their bigrams. Numbers are
 *   reduced to their shape (`#d9-11` for a phone, `#handle` for `abc123`), so the model learns
 *   "a long number" rather than memorising one advertiser's number.
 * - `shingles`: the set of hashed character 3-grams of `compact`, for near-duplicate search.
 */
import type { NormalizedText } from "../engine/text/normalize.js";

/** Features kept per message: bounds the cost of scoring and learning a long message. */
export const MAX_FEATURES = 400;

const LATIN_WORD_MIN = 2;

function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff)
  );
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isLatinLetter(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

/** The shape token of a digit run of this length: short counts, PINs, handles, phones, card numbers. */
export function digitShape(length: number): string {
  if (length <= 4) return `#d${length}`;
  if (length <= 8) return "#d5-8";
  if (length <= 11) return "#d9-11";
  return "#d12+";
}

export const HANDLE_FEATURE = "#handle";

/** Appends until the cap; false once the cap is reached, so callers stop scanning. */
function push(out: string[], feature: string): boolean {
  if (out.length >= MAX_FEATURES) return false;
  out.push(feature);
  return out.length < MAX_FEATURES;
}

/** Character 1-, 2- and 3-grams of compact[start, end), all Han. */
function pushHanGrams(out: string[], compact: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (!push(out, compact[i]!)) return false;
    if (i + 2 <= end && !push(out, compact.slice(i, i + 2))) return false;
    if (i + 3 <= end && !push(out, compact.slice(i, i + 3))) return false;
  }
  return true;
}

/** Han grams and digit shapes from `compact`, in text order. */
function pushCompactFeatures(out: string[], compact: string): boolean {
  let i = 0;
  while (i < compact.length) {
    const code = compact.charCodeAt(i);
    let end = i + 1;
    if (isHan(code)) {
      while (end < compact.length && isHan(compact.charCodeAt(end))) end++;
      if (!pushHanGrams(out, compact, i, end)) return false;
    } else if (isDigit(code)) {
      while (end < compact.length && isDigit(compact.charCodeAt(end))) end++;
      if (!push(out, digitShape(end - i))) return false;
    }
    i = end;
  }
  return true;
}

/**
 * Latin words (`[a-z]+`, at least two letters) of `plain` and bigrams of consecutive words, plus
 * `#handle` for a token that mixes letters and digits. A run of ASCII letters and digits is one
 * token; anything else (space, Han, punctuation) ends it, and ends a bigram chain.
 */
function pushLatinFeatures(out: string[], plain: string): boolean {
  let previousWord: string | undefined;
  let i = 0;
  while (i < plain.length) {
    const code = plain.charCodeAt(i);
    if (!isLatinLetter(code) && !isDigit(code)) {
      // A space between two words keeps the chain; anything else breaks it.
      if (code !== 0x20) previousWord = undefined;
      i++;
      continue;
    }
    let end = i;
    let letters = 0;
    let digits = 0;
    for (; end < plain.length; end++) {
      const c = plain.charCodeAt(end);
      if (isLatinLetter(c)) letters++;
      else if (isDigit(c)) digits++;
      else break;
    }
    if (letters > 0 && digits > 0) {
      if (!push(out, HANDLE_FEATURE)) return false;
      previousWord = undefined;
    } else if (digits > 0) {
      previousWord = undefined; // counted by its shape from `compact`
    } else if (letters >= LATIN_WORD_MIN) {
      const word = plain.slice(i, end);
      if (!push(out, word)) return false;
      if (previousWord !== undefined && !push(out, `${previousWord} ${word}`)) return false;
      previousWord = word;
    } else {
      previousWord = undefined;
    }
    i = end;
  }
  return true;
}

/**
 * The multinomial features of a message, at most MAX_FEATURES, in a fixed order: Han grams and
 * digit shapes in text order, then Latin words, bigrams and handles in text order. A feature
 * occurring twice is listed twice (the model counts occurrences).
 */
export function textFeatures(text: NormalizedText): string[] {
  const out: string[] = [];
  if (pushCompactFeatures(out, text.compact)) pushLatinFeatures(out, text.plain);
  return out;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of text[start, end) with every ASCII digit read as 0 (see `shingles`). */
function fnv1a(text: string, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    hash ^= isDigit(code) ? 0x30 : code;
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

const SHINGLE = 3;

/**
 * The distinct character 3-shingles of `compact`, hashed (FNV-1a over UTF-16 units) and sorted
 * ascending. Digits hash alike, so the same advert with its phone number or handle rotated
 * (`abc123` → `abc124`, the usual way spammers dodge an exact-text filter) is still the same text. A text shorter than a shingle is one shingle of itself, so two identical short texts
 * still match; an empty text has none.
 */
/**
 * Calls `each` with the hash of every shingle of `compact[0, end)` in text order, duplicates
 * included: what `shingles` sorts and dedupes, for a caller that only needs to look them up.
 */
export function eachShingle(compact: string, end: number, each: (hash: number) => void): void {
  if (end === 0) return;
  if (end < SHINGLE) {
    each(fnv1a(compact, 0, end));
    return;
  }
  for (let i = 0; i + SHINGLE <= end; i++) each(fnv1a(compact, i, i + SHINGLE));
}

export function shingles(compact: string): Uint32Array {
  if (compact.length === 0) return new Uint32Array(0);
  if (compact.length < SHINGLE) return Uint32Array.of(fnv1a(compact, 0, compact.length));
  const hashes = new Uint32Array(compact.length - SHINGLE + 1);
  for (let i = 0; i < hashes.length; i++) hashes[i] = fnv1a(compact, i, i + SHINGLE);
  hashes.sort();
  let distinct = 1;
  for (let i = 1; i < hashes.length; i++) {
    if (hashes[i] !== hashes[distinct - 1]) hashes[distinct++] = hashes[i]!;
  }
  return distinct === hashes.length ? hashes : hashes.slice(0, distinct);
}

/** |a ∩ b| / |a ∪ b| of two sorted arrays of distinct values, by one merge walk; 0 when both are empty. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}
