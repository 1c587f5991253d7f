/**
 * Phone numbers spelled out in English digit words, as members write them to
 * slip past a digit filter or as they would say them: "one three eight one six
 * two two seven seven nine one", "oh nine one two, three four five, six seven
 * eight", "double seven". The digit scanner in pii.ts reads digits and Chinese
 * numerals one character each; a word is several, so this reads them apart.
 */

import { DIGIT_WORDS } from "../text/evasion.js";
import type { PiiHit } from "./pii.js";
import { contextBefore, ORDER_CONTEXT, phoneCueAround } from "./pii-context.js";

/** A digit word, "double"/"triple" and a digit word, or a short group of digits. */
const TOKEN =
  /\b(?:(double|triple)[\s-]+)?(zero|oh|one|two|three|four|five|six|seven|eight|nine)\b|\b[0-9]{1,4}\b/gi;
/** What may stand between two tokens of one number. */
const GAP = /^[\s,.\-–]{1,3}$/;
/** Any digit word: most messages have none and skip the rest. */
const ANY_WORD = /\b(?:zero|one|two|three|four|five|six|seven|eight|nine)\b/i;

/** Fewer words than this are a count or a time ("one or two", "seven thirty"), not a number read out. */
const MIN_WORDS = 4;
const MIN_DIGITS = 7;
/** E.164 has at most 15 digits. */
const MAX_DIGITS = 15;

/**
 * Finds spelled-out phone numbers in `s`, appending hits to `out` (when given);
 * returns whether any was found. The rule takes a mainland mobile (eleven
 * digits, 1[3-9]…) or any 7–15 digits beside a phone word; `greedy` (storage)
 * takes any such run; neither after an order word.
 */
export function scanSpelledPhones(s: string, greedy: boolean, out: PiiHit[] | undefined): boolean {
  if (!ANY_WORD.test(s)) return false;
  let found = false;
  let digits = "";
  let words = 0;
  let start = -1;
  let end = -1;
  const judge = () => {
    if (words >= MIN_WORDS && isPhone(s, digits, start, end, greedy)) {
      found = true;
      out?.push({ kind: "phone", start, end });
    }
    digits = "";
    words = 0;
  };
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(s); m !== null; m = TOKEN.exec(s)) {
    if (digits !== "" && !GAP.test(s.slice(end, m.index))) judge();
    if (digits === "") start = m.index;
    const word = m[2]?.toLowerCase();
    if (word === undefined) {
      digits += m[0];
    } else {
      // "oh" is a zero only inside a number, not the word that opens a sentence.
      if (word === "oh" && digits === "") continue;
      const times = m[1] === undefined ? 1 : m[1].toLowerCase() === "double" ? 2 : 3;
      digits += DIGIT_WORDS[word]!.repeat(times);
      words++;
    }
    end = m.index + m[0].length;
    if (found && out === undefined) return true;
  }
  if (digits !== "") judge();
  return found;
}

function isPhone(s: string, digits: string, start: number, end: number, greedy: boolean): boolean {
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return false;
  // "order one two three four …": an order or voucher number read out, which staff need to read.
  if (contextBefore(s, start, ORDER_CONTEXT)) return false;
  if (digits.length === 11 && /^1[3-9]/.test(digits)) return true;
  return greedy || phoneCueAround(s, start, end);
}
