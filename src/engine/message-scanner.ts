/**
 * One Aho–Corasick automaton for everything a rule set looks for as literal
 * text: the keywords of every condition, the FAQ words, and the factors that
 * open regex gates. A message costs one pass over `plain` and one over
 * `compact` (one in all when they are the same string), however many rules,
 * FAQs and regexes the operators wrote; the findings land in a ScanState.
 *
 * Keywords with CJK characters are matched on the compact form (separators and
 * look-alikes folded: "加 V 信" meets "加v信"). Other keywords (Latin, digits,
 * symbols, emoji) need word boundaries, or "bet" would fire inside "alphabet":
 * they are matched on both forms, and count only where the neighbours are not
 * of the same class. Regex factors are plain substrings of the form their
 * regex reads.
 *
 * A moderation keyword with Chinese characters is also looked for in its
 * pinyin spellings (pinyin-variants.ts: "wei xin", "bo彩", "加wei信") on the
 * compact form. Such a hit is only a candidate: it counts once its check, a
 * regex on the plain form that wants whole syllables and Latin ends standing
 * as words, holds. Candidates are rare (the message must hold the pinyin), so
 * the regexes cost nothing on ordinary chatter. The variants of the last
 * compile's keywords are cached (pinyin-variant-cache.ts), so a reload spells
 * out only the keywords it adds.
 */
import { AhoCorasick } from "./aho-corasick.js";
import type { TextForm } from "./regex-gate.js";
import type { ScanState } from "./scan-state.js";
import { type NormalizedText, normalizeKeyword, normalizePlain } from "./text/normalize.js";
import { pinyinVariantCache } from "./text/pinyin-variant-cache.js";

/** CJK ideographs, kana, hangul and their punctuation: such keywords meet messages on the compact form. */
const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

/** What a finding stands for (the low two bits of a payload; the rest is the id). */
const HIT_WORD = 0;
const HIT_FAQ = 1;
const HIT_GATE = 2;

/** The four payload lists of a pattern: which form it is found on, and whether it needs word boundaries. */
const PLAIN_FREE = 0;
const PLAIN_BOUNDED = 1;
const COMPACT_FREE = 2;
const COMPACT_BOUNDED = 3;

/** Which forms a walk reports for. */
const ON_PLAIN = 1;
const ON_COMPACT = 2;

/** Collects patterns, then builds the scanner once. */
export class MessageScannerBuilder {
  private readonly index = new Map<string, number>();
  // What each pattern stands for, as (pattern, list, payload) triples in three flat arrays: a rule
  // set of 10,000 keywords then makes a few arrays, not one per pattern and list.
  private readonly entryPattern: number[] = [];
  private readonly entryList: number[] = [];
  private readonly entryPayload: number[] = [];
  private readonly keywordPatterns = new Set<string>();
  /** Pinyin variants, as (pattern, payload, check) triples. */
  private readonly pinyinPattern: number[] = [];
  private readonly pinyinPayload: number[] = [];
  private readonly pinyinCheck: string[] = [];

  /** A moderation keyword; a hit counts word `id` in the ScanState. Chinese ones are also found in pinyin. */
  keyword(keyword: string, id: number): void {
    const payload = (id << 2) | HIT_WORD;
    this.literal(keyword, payload);
    const compact = normalizeKeyword(keyword);
    if (!CJK.test(compact)) return;
    for (const variant of pinyinVariantCache.variants(compact)) {
      this.pinyinPattern.push(this.patternIndex(variant.compact));
      this.pinyinPayload.push(payload);
      this.pinyinCheck.push(variant.check);
    }
  }

  /** An FAQ word; a hit notes FAQ tag `tag` in the ScanState. */
  faqWord(word: string, tag: number): void {
    this.literal(word, (tag << 2) | HIT_FAQ);
  }

  /** A regex factor (already in the lower-case form the text takes); a hit opens gate `gate`. */
  factor(form: TextForm, factor: string, gate: number): void {
    if (factor.length > 0)
      this.add(factor, form === "plain" ? PLAIN_FREE : COMPACT_FREE, (gate << 2) | HIT_GATE);
  }

  build(): MessageScanner {
    pinyinVariantCache.endCompile();
    return new MessageScanner(
      [...this.index.keys()],
      { pattern: this.entryPattern, list: this.entryList, payload: this.entryPayload },
      this.keywordPatterns.size,
      { pattern: this.pinyinPattern, payload: this.pinyinPayload, check: this.pinyinCheck },
    );
  }

  private literal(keyword: string, payload: number): void {
    const plain = normalizePlain(keyword);
    const compact = normalizeKeyword(keyword);
    if (!CJK.test(plain)) {
      // Latin words, digits, symbols, emoji: whole words, on the plain form as written ("% off",
      // "ele.me", "add me") and on the compact form without separators ("off", "eleme", "addme"),
      // each looked for in both texts. On the compact form alone, "earn $" would become "earn" and
      // fire inside "learned". A keyword that normalises to nothing can match nothing.
      for (const pattern of plain === compact ? [plain] : [plain, compact]) {
        if (pattern.length === 0) continue;
        this.keywordPatterns.add(pattern);
        this.add(pattern, PLAIN_BOUNDED, payload);
        this.add(pattern, COMPACT_BOUNDED, payload);
      }
    } else if (compact.length > 0) {
      this.keywordPatterns.add(compact);
      this.add(compact, COMPACT_FREE, payload);
    }
  }

  /** Adds what a pattern stands for on one list. (A payload listed twice is harmless: findings are sets.) */
  private add(pattern: string, list: number, payload: number): void {
    const p = this.patternIndex(pattern);
    this.entryPattern.push(p);
    this.entryList.push(list);
    this.entryPayload.push(payload);
  }

  private patternIndex(pattern: string): number {
    let p = this.index.get(pattern);
    if (p === undefined) {
      p = this.index.size;
      this.index.set(pattern, p);
    }
    return p;
  }
}

export class MessageScanner {
  private readonly ac: AhoCorasick;
  /** Payloads of pattern p's list L are `payloads[offsets[4p + L], offsets[4p + L + 1])`. */
  private readonly offsets: Int32Array;
  private readonly payloads: Int32Array;
  /** Pinyin variants of pattern p are entries `[pinyinOffsets[p], pinyinOffsets[p + 1])`. */
  private readonly pinyinOffsets: Int32Array;
  private readonly pinyinPayloads: Int32Array;
  private readonly pinyinSources: string[];
  /** The compiled checks, made on a variant's first candidate hit (most are never needed). */
  private readonly pinyinChecks: (RegExp | undefined)[];
  /** The scan in which each pattern last became a candidate, so a hostile message repeating many costs each once. */
  private readonly candidateStamp: Uint32Array;
  private scanEpoch = 0;

  /** @param size distinct keyword patterns (FAQ words included, regex factors not) */
  constructor(
    patterns: readonly string[],
    entries: { pattern: readonly number[]; list: readonly number[]; payload: readonly number[] },
    readonly size: number,
    pinyin: { pattern: readonly number[]; payload: readonly number[]; check: readonly string[] } = {
      pattern: [],
      payload: [],
      check: [],
    },
  ) {
    this.ac = new AhoCorasick(patterns);
    // A counting sort of the entries by pattern and list.
    const lists = patterns.length * 4;
    this.offsets = new Int32Array(lists + 1);
    for (let e = 0; e < entries.pattern.length; e++)
      this.offsets[entries.pattern[e]! * 4 + entries.list[e]! + 1]!++;
    for (let l = 0; l < lists; l++) this.offsets[l + 1]! += this.offsets[l]!;
    const fill = this.offsets.slice(0, lists);
    this.payloads = new Int32Array(entries.pattern.length);
    for (let e = 0; e < entries.pattern.length; e++) {
      this.payloads[fill[entries.pattern[e]! * 4 + entries.list[e]!]!++] = entries.payload[e]!;
    }
    // The same counting sort for the pinyin variants, by pattern.
    const n = pinyin.pattern.length;
    this.pinyinOffsets = new Int32Array(patterns.length + 1);
    for (let e = 0; e < n; e++) this.pinyinOffsets[pinyin.pattern[e]! + 1]!++;
    for (let p = 0; p < patterns.length; p++) this.pinyinOffsets[p + 1]! += this.pinyinOffsets[p]!;
    const at = this.pinyinOffsets.slice(0, patterns.length);
    this.pinyinPayloads = new Int32Array(n);
    this.pinyinSources = new Array<string>(n);
    for (let e = 0; e < n; e++) {
      const slot = at[pinyin.pattern[e]!]!++;
      this.pinyinPayloads[slot] = pinyin.payload[e]!;
      this.pinyinSources[slot] = pinyin.check[e]!;
    }
    this.pinyinChecks = new Array<RegExp | undefined>(n).fill(undefined);
    this.candidateStamp = new Uint32Array(patterns.length);
  }

  /** Number of pinyin variants of the keywords. */
  get pinyinVariants(): number {
    return this.pinyinPayloads.length;
  }

  /** Finds every pattern in the message and records what they stand for in `state` (reset it first). */
  scan(text: NormalizedText, state: ScanState): void {
    if (this.ac.size === 0) return;
    if (++this.scanEpoch === 0xffff_ffff) {
      this.candidateStamp.fill(0);
      this.scanEpoch = 1;
    }
    let candidates: number[] | undefined;
    if (text.plain === text.compact) {
      candidates = this.walk(text.plain, ON_PLAIN | ON_COMPACT, state);
    } else {
      this.walk(text.plain, ON_PLAIN, state);
      candidates = this.walk(text.compact, ON_COMPACT, state);
    }
    if (candidates !== undefined) this.confirmPinyin(candidates, text.plain, state);
  }

  /** Counts the pinyin variants found on the compact form whose check holds on the plain form. */
  private confirmPinyin(candidates: readonly number[], plain: string, state: ScanState): void {
    for (const p of candidates) {
      for (let e = this.pinyinOffsets[p]!; e < this.pinyinOffsets[p + 1]!; e++) {
        let check = this.pinyinChecks[e];
        if (check === undefined) {
          check = new RegExp(this.pinyinSources[e]!, "u");
          this.pinyinChecks[e] = check;
        }
        if (check.test(plain)) deliver(this.pinyinPayloads[e]!, state);
      }
    }
  }

  /**
   * The automaton's transition loop, written out here rather than through `AhoCorasick.scan`'s
   * callback: this is the engine's hottest loop, and a call per match cost more than the match.
   */
  private walk(text: string, forms: number, state: ScanState): number[] | undefined {
    const { code, base, check, fail, term, link, out, lengths } = this.ac;
    const pinyin = this.pinyinOffsets;
    /** Patterns that are pinyin variants found on the compact form, to confirm on the plain form. */
    let candidates: number[] | undefined;
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
      let o = out[s]!;
      while (o !== -1) {
        const p = term[o]!;
        const end = i + 1;
        if ((forms & ON_PLAIN) !== 0) this.report(p, PLAIN_FREE, text, end, lengths[p]!, state);
        if ((forms & ON_COMPACT) !== 0) {
          this.report(p, COMPACT_FREE, text, end, lengths[p]!, state);
          if (pinyin[p] !== pinyin[p + 1] && this.candidateStamp[p] !== this.scanEpoch) {
            this.candidateStamp[p] = this.scanEpoch;
            if (candidates === undefined) candidates = [p];
            else candidates.push(p);
          }
        }
        o = link[o]!;
      }
    }
    return candidates;
  }

  /** Records pattern p's payloads for one form: the free list, then the bounded one if the match stands alone. */
  private report(p: number, free: number, text: string, end: number, length: number, state: ScanState): void {
    const { offsets, payloads } = this;
    const at = p * 4 + free;
    const from = offsets[at]!;
    const mid = offsets[at + 1]!;
    const to = offsets[at + 2]!;
    for (let j = from; j < mid; j++) deliver(payloads[j]!, state);
    if (mid === to || !atBoundary(text, end - length, end)) return;
    for (let j = mid; j < to; j++) deliver(payloads[j]!, state);
  }
}

function deliver(payload: number, state: ScanState): void {
  const id = payload >>> 2;
  const kind = payload & 3;
  if (kind === HIT_WORD) state.word(id);
  else if (kind === HIT_FAQ) state.faq(id);
  else state.gates[id] = 1;
}

/**
 * Neighbours of a Latin match must not continue the word: a letter next to a
 * letter, a digit next to a digit. An English plural ("deals", "loans",
 * "closes") still counts as the word.
 */
function atBoundary(text: string, start: number, end: number): boolean {
  if (sameClass(text.charCodeAt(start - 1), text.charCodeAt(start))) return false;
  const last = text.charCodeAt(end - 1);
  if (!sameClass(text.charCodeAt(end), last)) return true;
  if (text.charCodeAt(end) !== 115 /* s */) {
    return (
      text.charCodeAt(end) === 101 /* e */ &&
      text.charCodeAt(end + 1) === 115 &&
      !sameClass(text.charCodeAt(end + 2), last)
    );
  }
  return !sameClass(text.charCodeAt(end + 1), last);
}

function sameClass(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  const letter = (c: number) => c >= 97 && c <= 122;
  const digit = (c: number) => c >= 48 && c <= 57;
  return (letter(a) && letter(b)) || (digit(a) && digit(b));
}
