/**
 * The time a booking asks for: "19:00", "7:30pm", "7pm", "晚上7点", "七点半",
 * "18点30", "at 7". An hour without am/pm is read from the words around it
 * (晚上, 下午, 中午, tonight, dinner…); with none, 1–9 o'clock is taken as the
 * evening, a restaurant's hours. The acknowledgement repeats the time, so a
 * wrong guess is caught by the customer.
 */
import type { BookingText } from "./booking-text.js";
import { SMALL_NUMBER, smallNumber } from "./chinese-number.js";

export type TimeReading = { minute: number } | { invalid: string } | undefined;

const AM_PM = "(am|pm|a\\.m\\.|p\\.m\\.)";
const COLON = new RegExp(`(?<!\\d)(\\d{1,2})\\s*:\\s*(\\d{2})(?!\\d)(?:\\s*${AM_PM})?`);
const EN_AM_PM = new RegExp(`\\b(\\d{1,2})\\s*${AM_PM}`);
// "早一点" / "多一点" say "a bit earlier / more", not one o'clock.
const ZH_CLOCK = new RegExp(
  `(?<![早晚快慢多少有差])${SMALL_NUMBER}\\s*[点时](?:(半|一刻|三刻)|(\\d{1,2})\\s*分|(\\d{2})(?![\\d人位个])|([零一二三四五六七八九十]{1,3})(?:\\s*分|(?![人位个])))?`,
);
const EN_AT = /\bat\s+(\d{1,2})\b(?!\s*(?:people|persons|pax|guests|人|位))/;
const NOON = /\bnoon\b/;

const EVENING = /下午|傍晚|晚|夜|\bpm\b|p\.m\.|\bevening\b|\btonight\b|\bdinner\b|\bafternoon\b/;
const MIDDAY = /中午|午饭|午餐|午市|\blunch\b/;
const MORNING = /早上|上午|早晨|早饭|早餐|早茶|凌晨|\bam\b|a\.m\.|\bmorning\b|\bbreakfast\b|\bbrunch\b/;

/** Reads (and takes from `text`) the time asked for; `whole` is the message, for its am/pm words. */
export function readTime(text: BookingText, whole: string): TimeReading {
  let m = text.take(COLON);
  if (m) return clock(Number(m[1]), Number(m[2]), m[3], whole, m[0]);
  m = text.take(EN_AM_PM);
  if (m) return clock(Number(m[1]), 0, m[2], whole, m[0]);
  m = text.take(ZH_CLOCK);
  if (m) {
    const [, hour, part, digits, twoDigits, numeral] = m;
    const minutes =
      part === "半"
        ? 30
        : part === "一刻"
          ? 15
          : part === "三刻"
            ? 45
            : smallNumber(digits ?? twoDigits ?? numeral ?? "0");
    return clock(smallNumber(hour!), minutes, undefined, whole, m[0]);
  }
  if (text.take(NOON)) return { minute: 12 * 60 };
  return undefined;
}

/** "at 7", read last: its number could otherwise be a party size ("for 4 at 7"). */
export function readTimeAt(text: BookingText, whole: string): TimeReading {
  const m = text.take(EN_AT);
  return m ? clock(Number(m[1]), 0, undefined, whole, m[0]) : undefined;
}

function clock(
  hour: number,
  minute: number,
  suffix: string | undefined,
  whole: string,
  text: string,
): TimeReading {
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || hour > 23 || minute > 59) {
    return { invalid: text.trim() };
  }
  let h = hour;
  if (suffix !== undefined) {
    if (hour < 1 || hour > 12) return { invalid: text.trim() };
    h = (hour % 12) + (suffix.startsWith("p") ? 12 : 0);
  } else if (hour <= 12) {
    h = afternoonGuess(hour, whole);
  }
  return { minute: h * 60 + minute };
}

/** An hour of 12 or less without am/pm, read by the words of the message. */
function afternoonGuess(hour: number, whole: string): number {
  if (hour === 12 || hour === 0) return hour;
  if (EVENING.test(whole)) return hour + 12;
  if (MIDDAY.test(whole)) return hour <= 4 ? hour + 12 : hour;
  if (MORNING.test(whole)) return hour;
  return hour <= 9 ? hour + 12 : hour;
}
