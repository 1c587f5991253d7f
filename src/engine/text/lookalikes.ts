/**
 * Letters of other scripts that pass for Latin ones ("Wеchat" with a Cyrillic
 * е, "telegrаm" with a Cyrillic а, Greek ο for o, Cherokee Ꮃ for W), as one
 * table: lower-case look-alike → the ASCII letter it passes for.
 *
 * The table is derived at module load from the Unicode confusables data
 * (UTS #39 confusables.txt) that the `unhomoglyph` package ships as JSON, so
 * the list is Unicode's rather than ours and no data is fetched at run time.
 * Only entries that matter after the `plain` step are kept: a letter (not a
 * symbol or mark), outside ASCII and the CJK scripts, whose prototype is one
 * ASCII letter once lower-cased and stripped of marks. `plain` is lower-case,
 * so a lower-case letter is read through its own entry, or else through its
 * capital's (Cyrillic к is listed as ĸ, but К as K). A few look-alikes that
 * Unicode does not list (г for r, ш for w, small capitals) are added by hand
 * in evasion.ts.
 */
import { createRequire } from "node:module";
import { HANDWRITTEN_LOOKALIKES } from "./evasion.js";

const require = createRequire(import.meta.url);
/** Code point (as a one-character string) → its prototype, per Unicode's confusables.txt. */
const CONFUSABLES: Readonly<Record<string, string>> = require("unhomoglyph/data.json");

const RE_MARKS = /\p{M}/gu;
const RE_LETTER = /^\p{L}$/u;
/**
 * Scripts left out: East Asian ones are real text in our groups (Bopomofo ㄧ is
 * written for 一), and a right-to-left letter cannot sit unnoticed inside a
 * Latin word (it turns the word around on screen), so Arabic ا or Hebrew ו is
 * never a disguised l.
 */
const RE_LEFT_OUT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/** The ASCII letter a prototype stands for, or undefined when it is not one. */
function asciiLetter(prototype: string | undefined): string | undefined {
  if (prototype === undefined) return undefined;
  const folded = prototype.normalize("NFKD").replace(RE_MARKS, "").toLowerCase();
  return /^[a-z]$/.test(folded) ? folded : undefined;
}

function buildLookalikes(): Map<string, string> {
  const out = new Map<string, string>();
  const candidates = new Set<string>();
  for (const source of Object.keys(CONFUSABLES)) {
    const lower = source.toLowerCase();
    // One UTF-16 unit: the compact tables are per code unit.
    if (lower.length === 1) candidates.add(lower);
  }
  for (const ch of candidates) {
    const cp = ch.charCodeAt(0);
    if (cp < 0x80 || !RE_LETTER.test(ch) || RE_LEFT_OUT.test(ch)) continue;
    // A letter that `plain` already turns into another (fullwidth ｅ, accented é) never reaches compact as itself.
    if (ch.normalize("NFKD").replace(RE_MARKS, "") !== ch) continue;
    const upper = ch.toUpperCase();
    const letter =
      asciiLetter(CONFUSABLES[ch]) ??
      (upper.length === 1 && upper !== ch ? asciiLetter(CONFUSABLES[upper]) : undefined);
    if (letter !== undefined) out.set(ch, letter);
  }
  for (const [from, to] of Object.entries(HANDWRITTEN_LOOKALIKES)) if (!out.has(from)) out.set(from, to);
  return out;
}

/** Lower-case look-alike (one UTF-16 unit) → the ASCII letter it passes for. */
export const LATIN_LOOKALIKES: ReadonlyMap<string, string> = buildLookalikes();
