/**
 * Times as a person in the group reads them: in the group's time zone, written the way the
 * locale writes dates ("12月3日 18:25", "Dec 3, 18:25"). Instants are stored in UTC; nothing
 * shown to a merchant or customer is.
 */
import { localParts } from "../core/clock.js";
import { DEFAULT_TIME_ZONE } from "../engine/compile.js";
import type { RulePack } from "../rules/rule-pack.js";
import { inLocale, type LocalizedText } from "./localized.js";
import type { Locale } from "./templates.js";

/**
 * The zone of a category's groups: the category's own `time_zone`, else the maintenance
 * section's (the merchant's zone, default Asia/Shanghai).
 */
export function timeZoneOf(pack: RulePack, category: string): string {
  return pack.categories[category]?.time_zone ?? pack.maintenance?.time_zone ?? DEFAULT_TIME_ZONE;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export interface LocalTimeOptions {
  /** Write the year too (a date that may be in another year than today). @defaultValue false */
  year?: boolean;
}

/** "12月3日 18:25" (zh-CN, zh-TW), "Dec 3, 18:25" (en), in `timeZone`. */
export function formatLocalTime(
  at: number,
  timeZone: string,
  locale: Locale,
  options: LocalTimeOptions = {},
): string {
  const t = localParts(at, timeZone);
  const clock = `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
  if (locale === "en") {
    return `${MONTHS[t.month - 1]} ${t.day}, ${options.year ? `${t.year}, ` : ""}${clock}`;
  }
  return `${options.year ? `${t.year}年` : ""}${t.month}月${t.day}日 ${clock}`;
}

/** Zones merchants of this bot mostly run in, by the name people there say. */
const ZONE_NAMES: Record<string, LocalizedText> = {
  "Asia/Shanghai": { "zh-CN": "北京时间", en: "Beijing time" },
  "Asia/Chongqing": { "zh-CN": "北京时间", en: "Beijing time" },
  "Asia/Taipei": { "zh-CN": "台北时间", "zh-TW": "臺北時間", en: "Taipei time" },
  "Asia/Hong_Kong": { "zh-CN": "香港时间", en: "Hong Kong time" },
  "Asia/Macau": { "zh-CN": "澳门时间", en: "Macau time" },
  "Asia/Singapore": { "zh-CN": "新加坡时间", en: "Singapore time" },
  "Asia/Tokyo": { "zh-CN": "东京时间", en: "Tokyo time" },
  UTC: { "zh-CN": "UTC", en: "UTC" },
};

/** A time zone named for people: "北京时间", "Taipei time", else its IANA id ("Europe/Berlin"). */
export function zoneName(timeZone: string, locale: Locale): string {
  const known = ZONE_NAMES[timeZone];
  return known ? inLocale(known, locale) : timeZone;
}
