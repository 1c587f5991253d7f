/**
 * The pinyin spellings of a Chinese keyword, so that a keyword written once in
 * the rule files also meets the messages that spell it, or part of it, in
 * pinyin: 微信 meets "wei xin", "weixin", "wx" and "v信"; 博彩 meets "bo彩";
 * 代开发票 meets "dai开fa票"; 加微信 meets "jia wei xin" and "加wei信".
 *
 * Readings come from pinyin-pro (which reads polyphones in context: 银行 is
 * yin hang), without tones, ü written v as on a keyboard. Each variant is a
 * string in the compact form (what the automaton looks for) and a check on the
 * plain form that the hit really is that spelling: each syllable written
 * whole, separators only between syllables and characters, and a Latin part
 * at either end standing as its own word. On the compact form alone, "bo彩"
 * would fire inside "jumbo彩虹蛋糕", and "weixin" inside any run of words.
 *
 * What is generated is what spammers write and chatter does not:
 * - mixed spellings, keeping at least one character and spelling at least one
 *   in full pinyin ("bo彩", "加wei信"); an initial letter only between two
 *   characters ("加w信"), as "b彩" could be anyone's "plan b 彩虹";
 * - whole pinyin, every character spelled in full, only for keywords that
 *   name a contact app (PURE_PINYIN_WORDS: "jia wei xin", "weixin hao") and
 *   at least PURE_PINYIN_MIN letters long: "bocai" is spinach as often as 博彩;
 * - the conventional stand-ins of `PINYIN_ALIASES` (微 → v) and abbreviations
 *   of `PINYIN_ABBREVIATIONS` (微信 → wx, vx).
 * Keywords of one character get none: "piao" alone is in "fapiao" and "piaoliang".
 */
import { pinyin } from "pinyin-pro";
import { PINYIN_ABBREVIATIONS, PINYIN_ALIASES, PURE_PINYIN_MIN, PURE_PINYIN_WORDS } from "./evasion.js";

export interface PinyinVariant {
  /** What the compact form holds where the variant occurs: lower-case pinyin and characters, no separators. */
  compact: string;
  /** Source of a regex (flag "u") that the plain form matches where the variant really occurs. */
  check: string;
  /** The pieces it is made of: characters kept, and the Latin letters written for a character (a syllable, initial or alias). */
  pieces: readonly { text: string; latin: boolean }[];
}

/**
 * A mixed spelling spells at most this many characters ("dai开fa票",
 * "加wei信"); whole pinyin is generated on its own. More would add variants
 * by the thousand for long keywords and nothing that spammers write.
 */
const MAX_SPELLED = 2;

const RE_HAN = /^\p{Script=Han}$/u;
/** What `compact` drops: anything but letters and digits. Separators between syllables and characters. */
const SEPARATORS = "[^\\p{L}\\p{Nd}\\p{Nl}]*";

/** One piece of a variant: a character kept, or Latin letters written for one character (or copied from the keyword). */
interface Piece {
  text: string;
  latin: boolean;
  /** An initial letter, allowed only between two kept characters. */
  initial: boolean;
  /** A conventional stand-in (PINYIN_ALIASES, PINYIN_ABBREVIATIONS): may stand at an edge however short. */
  alias?: boolean;
}

/**
 * Pinyin variants of a keyword given in compact form (normalizeKeyword): none
 * when it has no Chinese character or only one unit.
 */
export function pinyinVariants(keyword: string): PinyinVariant[] {
  const out = new Map<string, PinyinVariant>();
  const pure = PURE_PINYIN_WORDS.some((w) => keyword.includes(w));
  for (const base of abbreviated(keyword)) {
    for (const pieces of spellings(base, pure)) {
      const variant = accept(pieces, pure);
      if (variant !== undefined && variant.compact !== keyword) out.set(variant.check, variant);
    }
  }
  return [...out.values()];
}

/** The keyword, and the keyword with each abbreviation applied ("加微信" → "加wx", "加vx"), as unit lists. */
function abbreviated(keyword: string): Piece[][] {
  const bases: Piece[][] = [toPieces(keyword, [])];
  for (const [word, shorts] of Object.entries(PINYIN_ABBREVIATIONS)) {
    const at = keyword.indexOf(word);
    if (at < 0) continue;
    for (const short of shorts) {
      bases.push([
        ...toPieces(keyword.slice(0, at), []),
        { text: short, latin: true, initial: false, alias: true },
        ...toPieces(keyword.slice(at + word.length), []),
      ]);
    }
  }
  return bases;
}

/** One piece per character; Latin letters and digits copied from the keyword are one piece per run. */
function toPieces(text: string, into: Piece[]): Piece[] {
  for (const ch of text) {
    const last = into[into.length - 1];
    if (!RE_HAN.test(ch) && last !== undefined && last.latin) last.text += ch;
    else into.push({ text: ch, latin: !RE_HAN.test(ch), initial: false });
  }
  return into;
}

/** Every way of writing the keyword's characters: kept, in full pinyin, as an initial, or as an alias. */
function spellings(base: Piece[], pure: boolean): Piece[][] {
  const han = base.map((p) => !p.latin);
  const word = base.map((p) => p.text).join("");
  const readings = readingsOf(word, base);
  if (readings === undefined) return [];
  const options: Piece[][] = base.map((p, i) => {
    if (!han[i]) return [p];
    const full = readings[i]!;
    const choices: Piece[] = [p];
    if (full.length > 0) {
      choices.push({ text: full, latin: true, initial: false });
      if (full.length > 1) choices.push({ text: full[0]!, latin: true, initial: true });
    }
    for (const alias of PINYIN_ALIASES[p.text] ?? [])
      choices.push({ text: alias, latin: true, initial: false, alias: true });
    return choices;
  });
  const results: Piece[][] = [];
  const pick: Piece[] = [];
  // Mixed spellings: at most MAX_SPELLED characters spelled, the rest kept. Pruned as it goes, so a
  // long keyword costs a few hundred variants, not 3^n.
  const walk = (i: number, spelled: number) => {
    if (i === options.length) {
      if (spelled > 0) results.push([...pick]);
      return;
    }
    for (const choice of options[i]!) {
      const spells = han[i]! && choice.latin ? 1 : 0;
      if (spelled + spells > MAX_SPELLED) continue;
      pick.push(choice);
      walk(i + 1, spelled + spells);
      pick.pop();
    }
  };
  // An abbreviation already spells part of the keyword.
  walk(0, base.some((p) => p.alias) ? 1 : 0);
  // Whole pinyin: every character spelled in full or by its alias ("jia v xin").
  if (pure) {
    const whole = (i: number) => {
      if (i === options.length) {
        results.push([...pick]);
        return;
      }
      for (const choice of options[i]!) {
        if (han[i]! && (!choice.latin || choice.initial)) continue;
        pick.push(choice);
        whole(i + 1);
        pick.pop();
      }
    };
    whole(0);
  }
  return results;
}

/** Toneless readings, one per piece ("" for Latin pieces), in the context of the whole word; undefined if they do not line up. */
function readingsOf(word: string, base: Piece[]): string[] | undefined {
  const chars = pinyin(word, { toneType: "none", type: "all", v: true });
  const perChar = new Map<number, string>();
  let at = 0;
  for (const c of chars) {
    if (c.isZh) perChar.set(at, c.pinyin.toLowerCase());
    at += c.origin.length;
  }
  if (at !== word.length) return undefined;
  const out: string[] = [];
  at = 0;
  for (const p of base) {
    const reading = p.latin ? "" : perChar.get(at);
    if (reading === undefined || !/^[a-z]*$/.test(reading)) return undefined;
    out.push(reading);
    at += p.text.length;
  }
  return out;
}

/** The variant these pieces spell, or undefined when it is not one spammers write rather than chatter (see above). */
function accept(pieces: Piece[], pure: boolean): PinyinVariant | undefined {
  const kept = pieces.map((p) => !p.latin);
  const anyKept = kept.some(Boolean);
  for (let i = 0; i < pieces.length; i++) {
    if (pieces[i]!.initial && !(kept[i - 1] === true && kept[i + 1] === true)) return undefined;
  }
  const compact = pieces.map((p) => p.text).join("");
  if (anyKept && !(edgeOk(pieces) && edgeOk([...pieces].reverse()))) return undefined;
  if (!anyKept) {
    // Whole pinyin: long enough, or an abbreviation as it is written.
    const abbreviation = pieces.length === 1 && pieces[0]!.alias === true;
    if (!abbreviation && (!pure || pieces.length < 2 || compact.length < PURE_PINYIN_MIN)) return undefined;
  }
  let check = pieces[0]!.latin ? "(?<![a-z])" : "";
  pieces.forEach((p, i) => {
    if (i > 0) check += SEPARATORS;
    check += escapeRegex(p.text);
  });
  if (pieces[pieces.length - 1]!.latin) check += "(?![a-z])";
  return { compact, check, pieces: pieces.map((p) => ({ text: p.text, latin: p.latin })) };
}

/**
 * The Latin letters at the start of a mixed variant are two or more, or a
 * conventional stand-in ("v信"): one letter there ("e彩") is too often a word
 * or a list label of its own.
 */
function edgeOk(pieces: Piece[]): boolean {
  let letters = 0;
  for (const p of pieces) {
    if (!p.latin) break;
    if (p.alias) return true;
    letters += p.text.length;
  }
  return letters === 0 || letters >= 2;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
