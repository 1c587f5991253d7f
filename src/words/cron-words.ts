/**
 * A promo's cron schedule as the merchant would say it: "工作日 11:00", "每周五 18:00",
 * "weekdays at 11:00". The shapes promos nearly always have (a time or a few, on every day,
 * weekdays, weekends, some days of the week, or one day of the month) are written here, the
 * way a Chinese reader expects; anything else goes to cronstrue, whose Chinese is correct but
 * stiff ("在11:00, 星期一至星期五").
 */
import { createRequire } from "node:module";
import { zhOrEn } from "./localized.js";
import type { Locale } from "./templates.js";
import { toTaiwan } from "./traditional.js";

interface Cronstrue {
  toString(expression: string, options: { locale: string; use24HourTimeFormat: boolean }): string;
}
// cronstrue's locales are in its CommonJS i18n bundle only.
const cronstrue = createRequire(import.meta.url)("cronstrue/i18n") as Cronstrue;

const CRONSTRUE_LOCALE: Record<Locale, string> = { "zh-CN": "zh_CN", "zh-TW": "zh_TW", en: "en" };

const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const ZH_DAYS = ["日", "一", "二", "三", "四", "五", "六"];
const EN_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** A whole number field ("11"), else undefined. */
function single(field: string, max: number): number | undefined {
  if (!/^\d{1,2}$/.test(field)) return undefined;
  const n = Number(field);
  return n <= max ? n : undefined;
}

/** "11" or "11,17": the hours, else undefined. */
function hoursOf(field: string): number[] | undefined {
  const hours = field.split(",").map((h) => single(h, 23));
  return hours.every((h) => h !== undefined) ? (hours as number[]) : undefined;
}

/** The days of the week of a day-of-week field (0–7, names, ranges, lists), else undefined. */
function weekdaysOf(field: string): Set<number> | undefined {
  if (field === "*" || field === "?") return new Set([0, 1, 2, 3, 4, 5, 6]);
  const day = (s: string) => {
    const named = DAY_NAMES.indexOf(s.toLowerCase());
    if (named >= 0) return named;
    const n = single(s, 7);
    return n === undefined ? undefined : n % 7;
  };
  const days = new Set<number>();
  for (const item of field.split(",")) {
    const [from, to, ...rest] = item.split("-");
    if (rest.length > 0 || from === undefined) return undefined;
    const a = day(from);
    const b = to === undefined ? a : day(to);
    if (a === undefined || b === undefined) return undefined;
    // 5-7 and 6-0 both reach Sunday.
    const end = to !== undefined && b < a ? b + 7 : b;
    for (let d = a; d <= end; d++) days.add(d % 7);
  }
  return days;
}

/** The days part, in Chinese and English, or undefined for a shape not written here. */
function daysPhrase(dayOfMonth: string, dayOfWeek: string): { zh: string; en: string } | undefined {
  const dom = dayOfMonth === "*" || dayOfMonth === "?" ? undefined : single(dayOfMonth, 31);
  if (dom !== undefined) {
    if (dayOfWeek !== "*" && dayOfWeek !== "?") return undefined;
    return { zh: `每月 ${dom} 日`, en: `day ${dom} of every month` };
  }
  if (dayOfMonth !== "*" && dayOfMonth !== "?") return undefined;
  const days = weekdaysOf(dayOfWeek);
  if (!days || days.size === 0) return undefined;
  const has = (...ds: number[]) => ds.every((d) => days.has(d));
  if (days.size === 7) return { zh: "每天", en: "every day" };
  if (days.size === 5 && has(1, 2, 3, 4, 5)) return { zh: "工作日", en: "weekdays" };
  if (days.size === 2 && has(0, 6)) return { zh: "周末", en: "weekends" };
  // Monday first, Sunday last: the week as people in China count it.
  const ordered = [...days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  if (ordered.length === 1) return { zh: `每周${ZH_DAYS[ordered[0]!]}`, en: `every ${EN_DAYS[ordered[0]!]}` };
  return {
    zh: `每周${ordered.map((d) => ZH_DAYS[d]).join("、")}`,
    en: ordered.map((d) => EN_DAYS[d]!.slice(0, 3)).join(", "),
  };
}

/** The schedule in words, in `locale`; never throws (an expression nobody can read is shown as written). */
export function cronInWords(expression: string, locale: Locale): string {
  let fields = expression.trim().split(/\s+/);
  // BullMQ also takes a leading seconds field; a promo at second 0 reads like the 5-field form.
  if (fields.length === 6 && fields[0] === "0") fields = fields.slice(1);
  if (fields.length === 5) {
    const [minuteField, hourField, dom, month, dow] = fields as [string, string, string, string, string];
    const minute = single(minuteField, 59);
    const hours = hoursOf(hourField);
    const days = month === "*" ? daysPhrase(dom, dow) : undefined;
    if (minute !== undefined && hours && days) {
      const clocks = hours.map((h) => `${String(h).padStart(2, "0")}:${String(minute).padStart(2, "0")}`);
      const zh = `${days.zh} ${clocks.join("、")}`;
      const en = `${days.en} at ${clocks.length > 1 ? `${clocks.slice(0, -1).join(", ")} and ${clocks.at(-1)}` : clocks[0]}`;
      return locale === "zh-TW" ? toTaiwan(zh) : zhOrEn(locale, zh, en);
    }
  }
  try {
    const said = cronstrue.toString(expression, {
      locale: CRONSTRUE_LOCALE[locale],
      use24HourTimeFormat: true,
    });
    // cronstrue joins Chinese clauses with ASCII ", " and pads some words with spaces.
    return locale === "en"
      ? said
      : said
          .replace(/,\s*/g, "，")
          .replace(/\s{2,}/g, " ")
          .trim();
  } catch {
    return expression;
  }
}
