/**
 * Words spelled out so that no keyword meets them, read back as the words they
 * spell, on the `plain` form:
 *
 * - letters one by one: "c a s i n o", "e.s.c.o.r.t", "W e C h a t" → "casino",
 *   "escort", "wechat" (three or more single letters, each standing alone,
 *   separated by spaces, dots, dashes or emoji);
 * - numbers in English words, five or more in a row: "one three eight one six…",
 *   "plus four four seven nine…" → "13816…", "+44 79…" (a phone number read
 *   aloud; five words is more than any count or time of day chatter says);
 * - digits for letters inside a word: "c4sino b0nus", "w0rk fr0m h0me" (below);
 * - Zhuyin (Bopomofo) for pinyin: "ㄅㄞ家樂" → "bai家乐", so the pinyin spellings
 *   of keywords meet it.
 *
 * Each runs only when a cheap test says the text may hold its form, so ordinary
 * chatter pays one regex test per form.
 */

import { DIGIT_WORDS } from "./evasion.js";

/** Three single letters, each with a non-letter on both sides. */
const RE_MAY_SPELL =
  /(?:^|[^\p{L}\p{N}])\p{Ll}[^\p{L}\p{N}]{1,3}\p{Ll}[^\p{L}\p{N}]{1,3}\p{Ll}(?![\p{L}\p{N}])/u;

/**
 * A run of single Latin letters separated by one to three non-letters (spaces, dots, emoji), but
 * not by a link's slashes, colons, @ or spaced dots: "5 u 8 . c c / a b" and "w w w . x x x . c o m"
 * stay links for the link detector to read ("www . xxx . com"), not words. A dot alone joins
 * ("e.s.c.o.r.t").
 */
const RE_SPELLED = /(?<![\p{L}\p{N}])[a-z](?:(?:[^\p{L}\p{N}\n/:@.]{1,3}|\.)[a-z](?![\p{L}\p{N}])){2,}/gu;
const RE_SEPARATORS = /[^a-z]+/g;

/** Reads letters spelled one by one as one word. */
function joinSpelledLetters(plain: string): string {
  if (!RE_MAY_SPELL.test(plain)) return plain;
  return plain.replace(RE_SPELLED, (run) => run.replace(RE_SEPARATORS, ""));
}

/** The digit words, and a bare "o" for zero among them ("one o five…"). */
const NUMBER_WORDS: Readonly<Record<string, string>> = { ...DIGIT_WORDS, o: "0" };
const NUMBER_WORD = "(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine)";
const RE_MAY_NUMBER = /\b(?:one|two|three|four|five|six|seven|eight|nine)\b/;
/** Five or more number words ("double" repeats the next), after an optional "plus". */
const RE_NUMBER_RUN = new RegExp(
  `\\b(?:plus[\\s,-]+)?(?:(?:double|triple)[\\s-]+)?${NUMBER_WORD}(?:[\\s,-]+(?:(?:double|triple)[\\s-]+)?${NUMBER_WORD}){4,}\\b`,
  "g",
);

/** Reads a number spoken digit by digit as its digits. */
function readNumberWords(plain: string): string {
  if (!RE_MAY_NUMBER.test(plain)) return plain;
  return plain.replace(RE_NUMBER_RUN, (run) => {
    let digits = "";
    let times = 1;
    for (const word of run.split(/[\s,-]+/)) {
      if (word === "plus") digits += "+";
      else if (word === "double") times = 2;
      else if (word === "triple") times = 3;
      else {
        digits += NUMBER_WORDS[word]!.repeat(times);
        times = 1;
      }
    }
    // Only the letter o among them is not a number: "o o o o o" is laughter, not zeros.
    return /[1-9]/.test(digits) ? digits : run;
  });
}

// Zhuyin → pinyin. Initials and finals are read one symbol at a time, with the
// few spelling rules pinyin applies (ㄨㄟ after an initial is "ui", ㄧ opening a
// syllable is "y"…); tone marks end a syllable.
const ZHUYIN_INITIALS: Readonly<Record<string, string>> = {
  ㄅ: "b",
  ㄆ: "p",
  ㄇ: "m",
  ㄈ: "f",
  ㄉ: "d",
  ㄊ: "t",
  ㄋ: "n",
  ㄌ: "l",
  ㄍ: "g",
  ㄎ: "k",
  ㄏ: "h",
  ㄐ: "j",
  ㄑ: "q",
  ㄒ: "x",
  ㄓ: "zh",
  ㄔ: "ch",
  ㄕ: "sh",
  ㄖ: "r",
  ㄗ: "z",
  ㄘ: "c",
  ㄙ: "s",
};
const ZHUYIN_FINALS: Readonly<Record<string, string>> = {
  ㄚ: "a",
  ㄛ: "o",
  ㄜ: "e",
  ㄝ: "e",
  ㄞ: "ai",
  ㄟ: "ei",
  ㄠ: "ao",
  ㄡ: "ou",
  ㄢ: "an",
  ㄣ: "en",
  ㄤ: "ang",
  ㄥ: "eng",
  ㄦ: "er",
  ㄧ: "i",
  ㄨ: "u",
  ㄩ: "v",
};
/** Medial + final pairs that pinyin spells its own way (after an initial; alone they take y/w). */
const ZHUYIN_PAIRS: Readonly<Record<string, [afterInitial: string, alone: string]>> = {
  ㄧㄚ: ["ia", "ya"],
  ㄧㄝ: ["ie", "ye"],
  ㄧㄠ: ["iao", "yao"],
  ㄧㄡ: ["iu", "you"],
  ㄧㄢ: ["ian", "yan"],
  ㄧㄣ: ["in", "yin"],
  ㄧㄤ: ["iang", "yang"],
  ㄧㄥ: ["ing", "ying"],
  ㄨㄚ: ["ua", "wa"],
  ㄨㄛ: ["uo", "wo"],
  ㄨㄞ: ["uai", "wai"],
  ㄨㄟ: ["ui", "wei"],
  ㄨㄢ: ["uan", "wan"],
  ㄨㄣ: ["un", "wen"],
  ㄨㄤ: ["uang", "wang"],
  ㄨㄥ: ["ong", "weng"],
  ㄩㄝ: ["ue", "yue"],
  ㄩㄢ: ["uan", "yuan"],
  ㄩㄣ: ["un", "yun"],
  ㄩㄥ: ["iong", "yong"],
};
const ZHUYIN_ALONE: Readonly<Record<string, string>> = { ㄧ: "yi", ㄨ: "wu", ㄩ: "yu" };
const RE_ZHUYIN_RUN = /[\u3105-\u312f\u31a0-\u31bfˊˇˋ˙]+/g;
const RE_MAY_ZHUYIN = /[\u3105-\u312f]/;
const TONE_MARKS = "ˊˇˋ˙";

function zhuyinToPinyin(run: string): string {
  let out = "";
  let i = 0;
  while (i < run.length) {
    const ch = run[i]!;
    if (TONE_MARKS.includes(ch)) {
      i++;
      continue;
    }
    let syllable = "";
    const initial = ZHUYIN_INITIALS[ch];
    if (initial !== undefined) {
      syllable = initial;
      i++;
    }
    const pair = ZHUYIN_PAIRS[run.slice(i, i + 2)];
    if (pair !== undefined) {
      syllable += initial !== undefined ? pair[0] : pair[1];
      i += 2;
    } else if (ZHUYIN_FINALS[run[i] ?? ""] !== undefined) {
      const final = run[i]!;
      syllable +=
        initial === undefined && ZHUYIN_ALONE[final] !== undefined
          ? ZHUYIN_ALONE[final]
          : ZHUYIN_FINALS[final];
      i++;
    } else if (initial !== undefined) {
      // ㄓ ㄔ ㄕ ㄖ ㄗ ㄘ ㄙ alone carry the vowel "i" (ㄓ = zhi).
      if ("ㄓㄔㄕㄖㄗㄘㄙ".includes(ch)) syllable += "i";
    } else {
      i++;
      continue;
    }
    out += syllable;
  }
  return out;
}

/** Reads Zhuyin as pinyin. Runs before look-alikes are folded, as the letters it writes make a word Latin. */
export function readZhuyin(plain: string): string {
  if (!RE_MAY_ZHUYIN.test(plain)) return plain;
  return plain.replace(RE_ZHUYIN_RUN, zhuyinToPinyin);
}

// Digits for letters inside a word ("c4sino", "w0rk fr0m h0me", "s3xy"). Only a word of letters
// with single digits between them is read so: handles keep their digit runs ("cake520", "bake66"),
// a digit at either end stays ("tangtang1", and times and quantities: "7pm", "5kg", "3rd"). A
// digit opening a word is never read, as compaction can glue one to the word after it ("0-www").
const LEET: Readonly<Record<string, string>> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t" };
const RE_MAY_LEET = /[a-z][013457][a-z]/;
const RE_LEET_WORD = /(?<![\p{L}\p{N}_])[a-z](?:[a-z]|[013457](?=[a-z]))*[a-z](?![\p{L}\p{N}_])/gu;

function readLeet(plain: string): string {
  if (!RE_MAY_LEET.test(plain)) return plain;
  return plain.replace(RE_LEET_WORD, (word) => {
    let letters = 0;
    for (const ch of word) if (ch >= "a" && ch <= "z") letters++;
    if (letters === word.length || letters < 2) return word;
    let out = "";
    for (const ch of word) out += LEET[ch] ?? ch;
    return out;
  });
}

/** A leet digit between two letters of the compact form, where words have run together. */
const RE_LEET_JOINED = /(?<=[a-z])[013457](?=[a-z])/g;

/**
 * The same reading on the compact form: joining words ("e1 x" → "e1x") can put a digit between
 * letters that no word held, and reading it there keeps normalisation idempotent.
 */
export function readLeetCompact(compact: string): string {
  if (!RE_MAY_LEET.test(compact)) return compact;
  return compact.replace(RE_LEET_JOINED, (d) => LEET[d]!);
}

/** `plain` with spelled-out letters, numbers and leet read back (see the top of this file; Zhuyin apart). Idempotent. */
export function readSpelledOut(plain: string): string {
  return readLeet(readNumberWords(joinSpelledLetters(plain)));
}
