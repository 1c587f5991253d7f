/**
 * Short texts written next to the code that uses them (usage lines, labels): a Simplified
 * Chinese and an English form, and a zh-TW form only where Taiwan says it differently from
 * the converted Simplified one.
 */
import type { Locale } from "./templates.js";
import { toTaiwan } from "./traditional.js";

export interface LocalizedText {
  "zh-CN": string;
  en: string;
  /** @defaultValue the zh-CN text converted (toTaiwan) */
  "zh-TW"?: string;
}

/** The text for `locale`. */
export function inLocale(text: LocalizedText, locale: Locale): string {
  if (locale === "zh-TW") return text["zh-TW"] ?? toTaiwan(text["zh-CN"]);
  return text[locale];
}

/** Picks between a Chinese and an English form; zh-TW gets the Chinese one converted. */
export function zhOrEn(locale: Locale, zh: string, en: string): string {
  return inLocale({ "zh-CN": zh, en }, locale);
}
