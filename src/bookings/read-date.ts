/**
 * The day a booking asks for, read relative to the local day it was asked on:
 * "12月5日", "12/5", "2026-12-05", "明天", "后天", "周五", "下周六",
 * "Dec 5", "5th of December", "tomorrow", "next friday". Traditional input
 * reads as Simplified (the text is normalised first).
 */
import { addDays, weekdayOf } from "../core/clock.js";
import type { BookingText } from "./booking-text.js";
import { SMALL_NUMBER, smallNumber } from "./chinese-number.js";

type DayReading = { date: string } | { invalid: string };
export type DateReading = DayReading | undefined;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = `(${MONTHS.join("|")})[a-z]*\\.?`;
// Not a date but a count or a time: "4-5人", "12/5 people", "19:00".
const NOT_A_COUNT = "(?![\\d:/]|\\s*(?:人|位|个|桌|people|persons|pax|guests))";

const FULL = /(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*[日号]?/;
const ZH_MONTH_DAY = new RegExp(`${SMALL_NUMBER}\\s*月\\s*${SMALL_NUMBER}\\s*[日号]?`);
const EN_MONTH_DAY = new RegExp(`\\b${MONTH}\\s*(\\d{1,2})(?:st|nd|rd|th)?\\b`);
const EN_DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?![a-z])`);
const SLASH = new RegExp(`(?<![\\d:/.])(\\d{1,2})\\s*[/-]\\s*(\\d{1,2})${NOT_A_COUNT}`);
const ZH_RELATIVE = /大后天|后天|明天|昨天|前天|昨晚|明日|明晚|明早|明儿|今天|今日|今晚|今早|今儿|今夜/;
const EN_RELATIVE = /\bday after tomorrow\b|\byesterday\b|\btomorrow\b|\btmrw?\b|\btoday\b|\btonight\b/;
const ZH_WEEKDAY = /(下下|下个?|这个?|本)?\s*(?:周|星期|礼拜)\s*([一二三四五六日天1-7])/;
const EN_WEEKDAY =
  /\b(?:(next|this|coming)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b/;
const DAY_ONLY = new RegExp(`(?<![\\d月/])${SMALL_NUMBER}\\s*[日号](?!\\s*(?:人|位|桌))`);

const ZH_OFFSETS: Readonly<Record<string, number>> = {
  大后天: 3,
  后天: 2,
  明天: 1,
  明日: 1,
  明晚: 1,
  明早: 1,
  明儿: 1,
  昨天: -1,
  昨晚: -1,
  前天: -2,
};
const ZH_WEEKDAYS = "日一二三四五六";
const EN_WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** A month-day without a year that is past by more than this is next year's ("1月3日" asked in December). */
const PAST_GRACE_DAYS = 30;

/** Reads (and takes from `text`) the day asked for; `today` is the local day of the message. */
export function readDate(text: BookingText, today: string): DateReading {
  const year = Number(today.slice(0, 4));
  let m = text.take(FULL);
  if (m) return calendarDay(Number(m[1]), Number(m[2]), Number(m[3]), m[0]);
  m = text.take(ZH_MONTH_DAY);
  if (m) return monthDay(smallNumber(m[1]!), smallNumber(m[2]!), m[0], today, year);
  m = text.take(EN_MONTH_DAY);
  if (m) return monthDay(MONTHS.indexOf(m[1]!) + 1, Number(m[2]), m[0], today, year);
  m = text.take(EN_DAY_MONTH);
  if (m) return monthDay(MONTHS.indexOf(m[2]!) + 1, Number(m[1]), m[0], today, year);
  m = text.take(SLASH);
  if (m) return monthDay(Number(m[1]), Number(m[2]), m[0], today, year);
  m = text.take(ZH_RELATIVE);
  if (m) return { date: addDays(today, ZH_OFFSETS[m[0]] ?? 0) };
  m = text.take(EN_RELATIVE);
  if (m) {
    const offset =
      m[0] === "day after tomorrow"
        ? 2
        : m[0] === "yesterday"
          ? -1
          : m[0] === "today" || m[0] === "tonight"
            ? 0
            : 1;
    return { date: addDays(today, offset) };
  }
  m = text.take(ZH_WEEKDAY);
  if (m) {
    const day = m[2] === "天" ? 0 : /\d/.test(m[2]!) ? Number(m[2]) % 7 : ZH_WEEKDAYS.indexOf(m[2]!);
    const week = m[1] === undefined ? undefined : m[1].startsWith("下下") ? 2 : m[1].startsWith("下") ? 1 : 0;
    return { date: weekday(today, day, week) };
  }
  m = text.take(EN_WEEKDAY);
  if (m) {
    const day = EN_WEEKDAYS.indexOf(m[2]!.slice(0, 3));
    return { date: weekday(today, day, m[1] === "next" ? 1 : m[1] === "this" ? 0 : undefined) };
  }
  m = text.take(DAY_ONLY);
  if (m) {
    const day = smallNumber(m[1]!);
    const month = Number(today.slice(5, 7));
    // "5号" asked on the 20th is next month's 5th.
    const thisMonth = calendarDay(year, month, day, m[0]);
    if ("date" in thisMonth && thisMonth.date < today) {
      return month === 12 ? calendarDay(year + 1, 1, day, m[0]) : calendarDay(year, month + 1, day, m[0]);
    }
    return thisMonth;
  }
  return undefined;
}

/**
 * `day` of some week: `week` 0 = this week (Monday to Sunday), 1 = next week, 2 = the week after;
 * undefined = the first such day from today on (today included).
 */
function weekday(today: string, day: number, week: number | undefined): string {
  const todayWd = weekdayOf(today);
  if (week === undefined) return addDays(today, (day - todayWd + 7) % 7);
  const monday = addDays(today, -((todayWd + 6) % 7));
  return addDays(monday, week * 7 + ((day + 6) % 7));
}

/** A month and day without a year: this year's, or next year's when this year's is long past. */
function monthDay(month: number, day: number, text: string, today: string, year: number): DayReading {
  const reading = calendarDay(year, month, day, text);
  if (!("date" in reading)) return reading;
  const past = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${reading.date}T00:00:00Z`)) / 86_400_000;
  return past > PAST_GRACE_DAYS ? calendarDay(year + 1, month, day, text) : reading;
}

function calendarDay(year: number, month: number, day: number, text: string): DayReading {
  const d = new Date(Date.UTC(year, month - 1, day));
  const valid =
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    d.getUTCFullYear() === year &&
    d.getUTCMonth() === month - 1 &&
    d.getUTCDate() === day;
  return valid ? { date: d.toISOString().slice(0, 10) } : { invalid: text.trim() };
}
