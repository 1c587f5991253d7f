/**
 * How many guests: "4人", "4位", "四个人", "两位", "2大1小" (adults and
 * children, 3), "4 people", "table for 4", "table for four", "party of 6", "for 2".
 */
import type { BookingText } from "./booking-text.js";
import { SMALL_NUMBER, smallNumber } from "./chinese-number.js";

const ADULTS_AND_CHILDREN = new RegExp(
  `${SMALL_NUMBER}\\s*(?:个)?\\s*大(?:人)?\\s*${SMALL_NUMBER}\\s*(?:个)?\\s*小(?:孩|朋友)?`,
);
const COUNTED = new RegExp(
  `${SMALL_NUMBER}\\s*(?:个|位)?\\s*(?:人|位|大人|客人|(?:people|persons|person|pax|guests|adults)\\b)`,
);
const EN_WORDS = [
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
];
const EN_NUMBER = `(\\d{1,3}|${EN_WORDS.join("|")})`;
const EN_COUNTED = new RegExp(`\\b${EN_NUMBER}\\s+(?:people|persons|person|pax|guests|adults)\\b`);
const EN_FOR = new RegExp(
  `\\b(?:table|party|reservation|booking|book|seats?|group)\\s+(?:for|of)\\s+${EN_NUMBER}\\b`,
);
const BARE_FOR = new RegExp(`\\bfor\\s+${EN_NUMBER}\\b(?!\\s*(?::|am|pm|a\\.m\\.|p\\.m\\.|o'?clock))`);

/** Reads (and takes from `text`) the party size; NaN for a numeral that is no number. */
export function readParty(text: BookingText): number | undefined {
  let m = text.take(ADULTS_AND_CHILDREN);
  if (m) return smallNumber(m[1]!) + smallNumber(m[2]!);
  m = text.take(COUNTED);
  if (m) return smallNumber(m[1]!);
  m = text.take(EN_COUNTED) ?? text.take(EN_FOR) ?? text.take(BARE_FOR);
  return m ? englishNumber(m[1]!) : undefined;
}

/** "4" or "four". */
function englishNumber(text: string): number {
  const word = EN_WORDS.indexOf(text);
  return word >= 0 ? word + 1 : Number(text);
}
