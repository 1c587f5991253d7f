/**
 * The folded fast matcher against a slow reference. The reference folds each
 * string with plain string operations, one rule at a time, in the order the
 * rules reference and normalize.ts describe them, and then looks for every
 * keyword by substring search; the engine's matcher (tables, one automaton, a
 * check per pinyin candidate) must find exactly the same keywords, on
 * thousands of seeded random strings mixing Han, pinyin, look-alikes, spaces,
 * symbols and digits. (A seeded loop rather than fast-check: the same strings
 * every run, and a failure names its seed and string.)
 */
import unhomoglyph from "unhomoglyph";
import { describe, expect, it } from "vitest";
import { mulberry32 as random } from "../../../bench/corpus.js";
import { MessageScannerBuilder } from "../../../src/engine/message-scanner.js";
import { ScanState } from "../../../src/engine/scan-state.js";
import { HANDWRITTEN_LOOKALIKES } from "../../../src/engine/text/evasion.js";
import { LATIN_LOOKALIKES } from "../../../src/engine/text/lookalikes.js";
import { normalize, normalizeKeyword } from "../../../src/engine/text/normalize.js";
import { type PinyinVariant, pinyinVariants } from "../../../src/engine/text/pinyin-variants.js";
import { defaultPack } from "../../helpers/rules.js";

// ---------------------------------------------------------------------------
// The slow reference.
// ---------------------------------------------------------------------------

/** Look-alikes the random strings use, written out by hand: what each passes for. */
const LOOKALIKE = new Map(
  Object.entries({ е: "e", о: "o", а: "a", с: "c", і: "i", р: "p", ο: "o", α: "a", ν: "v", х: "x" }),
);

/**
 * plain, for the characters the random strings use (no Traditional forms):
 * each character decomposed, marks dropped, lower-cased; invisible characters
 * dropped; whitespace collapsed and trimmed; then, inside any word holding an
 * ASCII letter, look-alikes read as Latin.
 */
function referencePlain(s: string): string {
  let out = "";
  for (const ch of s) {
    if (/[\p{Cf}\p{Cc}]/u.test(ch) && !/\s/u.test(ch)) continue;
    out += ch.normalize("NFKD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
  }
  out = out.replace(/\s+/gu, " ").trim();
  out = out.replace(/[^\s\p{P}\p{S}\p{Script=Han}]+/gu, (word) =>
    /[a-z]/.test(word) || /^\p{Script=Latin}+$/u.test(word)
      ? [...word].map((c) => LOOKALIKE.get(c) ?? c).join("")
      : word,
  );
  return referenceLeet(referenceJoinSpelled(out));
}

const LEET_DIGIT = new Map(Object.entries({ "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t" }));

/**
 * Digits for letters: a whole word (letters, digits, underscores) of at least two a–z letters
 * and some digits, each digit among 0 1 3 4 5 7 with a letter after it, ending in a letter,
 * opening with a letter, reads its digits as letters.
 */
function referenceLeet(s: string): string {
  return s.replace(/[\p{L}\p{N}_]+/gu, (word) => {
    const chars = [...word];
    const letters = chars.filter((c) => /^[a-z]$/.test(c)).length;
    const shape = chars.every(
      (c, i) => /^[a-z]$/.test(c) || (LEET_DIGIT.has(c) && /^[a-z]$/.test(chars[i + 1] ?? "") && i > 0),
    );
    if (!shape || letters < 2 || letters === chars.length) return word;
    return chars.map((c) => LEET_DIGIT.get(c) ?? c).join("");
  });
}

/**
 * Letters spelled one by one read as one word: the single letters (an a–z with no letter or
 * digit on either side), grouped while one to three other characters (no / : @) part them; groups of
 * three or more lose what parts them.
 */
function referenceJoinSpelled(s: string): string {
  const chars = [...s];
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  const single = chars.map(
    (c, i) => /^[a-z]$/.test(c) && !isWordChar(chars[i - 1]) && !isWordChar(chars[i + 1]),
  );
  const drop = new Set<number>();
  let group: number[] = [];
  const close = () => {
    if (group.length >= 3)
      for (let g = 0; g + 1 < group.length; g++)
        for (let j = group[g]! + 1; j < group[g + 1]!; j++) drop.add(j);
    group = [];
  };
  for (let i = 0; i < chars.length; i++) {
    if (!single[i]) continue;
    const last = group[group.length - 1];
    const gap = chars.slice((last ?? i) + 1, i);
    if (
      last !== undefined &&
      (gap.length > 3 || (gap.join("") !== "." && gap.some((c) => isWordChar(c) || "/:@.".includes(c))))
    )
      close();
    group.push(i);
  }
  close();
  return chars.filter((_, i) => !drop.has(i)).join("");
}

const NUMERAL = "零0〇0○0一1幺1壹1二2贰2三3叁3四4肆4五5伍5六6陆6七7柒7八8捌8九9玖9";
const NUMERAL_DIGIT = new Map<string, string>();
for (let i = 0; i < NUMERAL.length; i += 2) NUMERAL_DIGIT.set(NUMERAL[i]!, NUMERAL[i + 1]!);
const DIGIT_LETTER = new Map(Object.entries({ o: "0", i: "1", l: "1" }));

/** compact from plain, one rule at a time. */
function referenceCompact(plain: string): string {
  // Letters, digits and ideographs stay (look-alikes as Latin); so do the symbols read in context.
  let s = [...plain]
    .map((c) => LOOKALIKE.get(c) ?? c)
    .filter((c) => /[\p{L}\p{Nd}\p{Nl}]/u.test(c) || "+➕√∨○".includes(c))
    .join("");
  // A plus sign before v/w/q/扣/微 (or a look-alike of 微) is 加; a v-shaped symbol after 加 is v.
  s = s.replace(/[+➕](?=[vwq扣微薇威徽嶶溦徾])/gu, "加").replace(/[+➕]/gu, "");
  s = s.replace(/(?<=加)[√∨]/gu, "v").replace(/[√∨]/gu, "");
  // Runs of digits, numerals and o/i/l.
  s = s.replace(
    /[0-9零〇○一幺壹二贰三叁四肆五伍六陆七柒八捌九玖oil]+/gu,
    (run, at: number, whole: string) => {
      const lead = /^[oil]*/.exec(run)![0].length;
      const trail = lead === run.length ? 0 : /[oil]*$/.exec(run)![0].length;
      const core = run.slice(lead, run.length - trail);
      const afterLatin = lead > 0 || /[a-z]/.test(whole[at - 1] ?? "");
      const numerals = core.length >= 5 || (afterLatin && core.length >= 3);
      const letters = [...core].filter((c) => DIGIT_LETTER.has(c)).length;
      const lettersToo = core.length >= 5 && 2 * letters < core.length;
      const folded = [...core]
        .map((c) => {
          if (DIGIT_LETTER.has(c)) return lettersToo ? DIGIT_LETTER.get(c)! : c;
          if (NUMERAL_DIGIT.has(c)) return numerals ? NUMERAL_DIGIT.get(c)! : c === "○" ? "" : c;
          return c;
        })
        .join("");
      return run.slice(0, lead) + folded + run.slice(run.length - trail);
    },
  );
  // 薇/威… before 信 (or a look-alike of it) is 微; 芯… after 微 or v is 信.
  s = s.replace(/[薇威徽嶶溦徾](?=[信芯伈訫㐰])/gu, "微").replace(/(?<=[微v])[芯伈訫㐰]/gu, "信");
  // A leet digit that joining words put between two letters reads as its letter.
  const chars = [...s];
  const letter = (c: string | undefined) => c !== undefined && /^[a-z]$/.test(c);
  return chars
    .map((c, i) =>
      LEET_DIGIT.has(c) && letter(chars[i - 1]) && letter(chars[i + 1]) ? LEET_DIGIT.get(c)! : c,
    )
    .join("");
}

/**
 * Whether `plain` shows the variant: its pieces in order with only separators
 * (what compact drops) between them, each piece written whole, and a Latin
 * piece at either end not glued to other Latin letters.
 */
function referenceShows(v: PinyinVariant, plain: string): boolean {
  const kept: number[] = [];
  for (let i = 0; i < plain.length; i++) if (/[\p{L}\p{Nd}\p{Nl}]/u.test(plain[i]!)) kept.push(i);
  const letters = v.pieces.map((p) => p.text).join("");
  for (let j = 0; j + letters.length <= kept.length; j++) {
    let k = j;
    let ok = true;
    for (const piece of v.pieces) {
      for (let c = 0; c < piece.text.length && ok; c++) {
        if (plain[kept[k]!] !== piece.text[c]) ok = false;
        // Within a piece, no separator.
        else if (c > 0 && kept[k]! !== kept[k - 1]! + 1) ok = false;
        k++;
      }
      if (!ok) break;
    }
    if (!ok) continue;
    const start = kept[j]!;
    const end = kept[k - 1]!;
    if (v.pieces[0]!.latin && /[a-z]/.test(plain[start - 1] ?? "")) continue;
    if (v.pieces[v.pieces.length - 1]!.latin && /[a-z]/.test(plain[end + 1] ?? "")) continue;
    return true;
  }
  return false;
}

/** Keywords (by index) that the reference finds: the keyword itself in compact, or a pinyin variant in compact that plain shows. */
function referenceHits(text: string, keywords: readonly Keyword[]): number[] {
  const plain = referencePlain(text);
  const compact = referenceCompact(plain);
  const hits: number[] = [];
  keywords.forEach((k, i) => {
    if (
      compact.includes(k.compact) ||
      k.variants.some((v) => compact.includes(v.compact) && referenceShows(v, plain))
    )
      hits.push(i);
  });
  return hits;
}

// ---------------------------------------------------------------------------
// The fast matcher, and the random strings.
// ---------------------------------------------------------------------------

interface Keyword {
  compact: string;
  variants: PinyinVariant[];
}

/** Every keyword with a Chinese character in the default pack's moderation rules. */
function packKeywords(): string[] {
  const out = new Set<string>();
  const visit = (c: unknown): void => {
    if (Array.isArray(c)) c.forEach(visit);
    else if (c !== null && typeof c === "object") {
      for (const [key, value] of Object.entries(c)) {
        if (key === "keywords") {
          const words = Array.isArray(value) ? value : (value as { words: string[] }).words;
          for (const w of words) if (/\p{Script=Han}/u.test(w)) out.add(w);
        } else visit(value);
      }
    }
  };
  for (const rule of defaultPack().moderation) visit(rule.match);
  return [...out];
}

function fastMatcher(words: readonly string[]) {
  const builder = new MessageScannerBuilder();
  words.forEach((w, id) => builder.keyword(w, id));
  const scanner = builder.build();
  const state = new ScanState(
    Int32Array.from(words, (_, i) => i),
    words.length,
    0,
    0,
  );
  return (text: string): number[] => {
    state.reset();
    scanner.scan(normalize(text), state);
    const hits: number[] = [];
    for (let i = 0; i < words.length; i++) if (state.counts[i]! > 0) hits.push(i);
    return hits;
  };
}

const SEPARATORS = [" ", " ", "  ", ".", "-", "_", "❤", "~", "\u200b", "，", "！", "😀", ":"];
const LATIN = [
  "we",
  "box",
  "jumbo",
  "wax",
  "hello",
  "plan",
  "b",
  "ok",
  "lol",
  "Jia",
  "WEI",
  "XIN",
  "v",
  "q",
  "x",
  "ma",
];
const SYMBOLS = ["+", "➕", "√", "○", "〇", "薇", "芯", "加", "威"];
const DIGITS = ["1", "3", "8", "0", "O", "o", "I", "l", "１", "③", "一", "二", "三", "壹", "五", "八"];
const LOOKS = [...LOOKALIKE.keys(), "Е", "О"];

function generator(seed: number, keywords: readonly string[]) {
  const rand = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const syllables = [
    ...new Set(keywords.flatMap((k) => pinyinVariants(normalizeKeyword(k)).flatMap((v) => v.pieces))),
  ]
    .filter((p) => p.latin)
    .map((p) => p.text);
  const han = [...new Set(keywords.join("").match(/\p{Script=Han}/gu) ?? [])];
  const spelled = keywords.map((k) => pinyinVariants(normalizeKeyword(k))).filter((vs) => vs.length > 0);
  /** A keyword spelled in one of its pinyin variants, with separators (or none) between the pieces. */
  const spelling = (): string =>
    pick(pick(spelled))
      .pieces.map((p) => p.text)
      .join(rand() < 0.4 ? "" : pick(SEPARATORS));
  const token = (): string => {
    const r = rand();
    if (r < 0.08) return pick(keywords);
    if (r < 0.2) return spelling();
    if (r < 0.4) return pick(syllables);
    if (r < 0.55) return pick(han);
    if (r < 0.7) return pick(SEPARATORS);
    if (r < 0.78) return pick(DIGITS);
    if (r < 0.85) return pick(LATIN);
    if (r < 0.92) return pick(LOOKS);
    if (r < 0.96) return pick(SYMBOLS);
    // A syllable with a look-alike in it ("wеi" with a Cyrillic е).
    return pick(syllables).replace(/[eoac]/, (c) => ({ e: "е", o: "о", a: "а", c: "с" })[c]!);
  };
  return (): string => {
    let s = "";
    const n = 1 + Math.floor(rand() * 12);
    for (let i = 0; i < n; i++) s += token();
    return rand() < 0.2 ? s.toUpperCase() : s;
  };
}

describe("folding against a slow reference", () => {
  const words = packKeywords();
  const keywords: Keyword[] = words.map((w) => {
    const compact = normalizeKeyword(w);
    return { compact, variants: pinyinVariants(compact) };
  });

  it("the pack has the keywords the random strings are made of", () => {
    expect(words.length).toBeGreaterThan(300);
    expect(words).toContain("加微信");
    expect(words).toContain("博彩");
  });

  it("compact is the reference fold of the reference plain, on 5,000 random strings", () => {
    const next = generator(15, words);
    for (let i = 0; i < 5000; i++) {
      const s = next();
      const t = normalize(s);
      const plain = referencePlain(s);
      expect({ s, plain: t.plain }).toEqual({ s, plain });
      expect({ s, compact: t.compact }).toEqual({ s, compact: referenceCompact(plain) });
    }
  });

  it("the engine's matcher finds exactly the keywords the reference finds, on 3,000 random strings", () => {
    const fast = fastMatcher(words);
    const next = generator(1015, words);
    let withPinyin = 0;
    let total = 0;
    for (let i = 0; i < 3000; i++) {
      const s = next();
      const expected = referenceHits(s, keywords);
      expect({ s, hits: fast(s).map((h) => words[h]) }).toEqual({ s, hits: expected.map((h) => words[h]) });
      total += expected.length;
      const plain = referencePlain(s);
      if (expected.some((h) => !referenceCompact(plain).includes(keywords[h]!.compact))) withPinyin++;
    }
    // The strings exercise what they are meant to: many hits, a good share by pinyin alone.
    expect(total).toBeGreaterThan(1000);
    expect(withPinyin).toBeGreaterThan(300);
  });
});

describe("look-alikes come from Unicode's confusables", () => {
  const prototype = (c: string) => unhomoglyph(c).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

  it("every entry is Unicode's reading of the letter or its capital, or one of the handwritten few", () => {
    for (const [from, to] of LATIN_LOOKALIKES) {
      const fromUnicode = prototype(from) === to || prototype(from.toUpperCase()) === to;
      expect({ from, to, ok: fromUnicode || HANDWRITTEN_LOOKALIKES[from] === to }).toEqual({
        from,
        to,
        ok: true,
      });
    }
  });

  it("covers the scripts spammers borrow from, and none that are real text here", () => {
    expect(LATIN_LOOKALIKES.size).toBeGreaterThan(250);
    for (const [from, to] of Object.entries({
      е: "e",
      о: "o",
      а: "a",
      ο: "o",
      ν: "v",
      ꮃ: "w",
      օ: "o",
      ı: "i",
    }))
      expect(LATIN_LOOKALIKES.get(from)).toBe(to);
    // Bopomofo ㄧ is written for 一 in Taiwan; Arabic ا and Hebrew ו cannot hide inside a Latin word.
    for (const c of ["ㄧ", "ا", "ו", "〇", "口"]) expect(LATIN_LOOKALIKES.has(c)).toBe(false);
  });
});
