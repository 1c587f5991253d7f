/**
 * Small numbers as customers write them in a booking: "4", "四", "两", "俩",
 * "十二", "二十五". Dates, hours and party sizes never pass 99, so that is
 * all this reads.
 */

/** A regex source for one such number (digits, or up to three Chinese numerals). */
export const SMALL_NUMBER = "(\\d{1,3}|[零〇一二两俩三四五六七八九十]{1,3})";

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  俩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** The value of a SMALL_NUMBER match; NaN for a malformed numeral ("十十"). */
export function smallNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const ten = text.indexOf("十");
  if (ten < 0) return text.length === 1 ? (DIGITS[text] ?? Number.NaN) : Number.NaN;
  if (text.indexOf("十", ten + 1) >= 0) return Number.NaN;
  const tens = ten === 0 ? 1 : text.length > 0 && ten === 1 ? (DIGITS[text[0]!] ?? Number.NaN) : Number.NaN;
  const rest = text.slice(ten + 1);
  const ones = rest === "" ? 0 : rest.length === 1 ? (DIGITS[rest] ?? Number.NaN) : Number.NaN;
  return tens * 10 + ones;
}
