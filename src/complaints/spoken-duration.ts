/** A deadline as customers read it: "15 分钟", "2 天", "15 minutes", "2 days". */
import { zhOrEn } from "../words/localized.js";
import type { Locale } from "../words/templates.js";

const UNITS: readonly [number, string, string][] = [
  [86_400, "天", "day"],
  [3600, "小时", "hour"],
  [60, "分钟", "minute"],
  [1, "秒", "second"],
];

export function spokenDuration(ms: number, locale: Locale): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  const [size, zh, en] = UNITS.find(([size]) => seconds % size === 0 && seconds >= size) ?? UNITS[3]!;
  const n = seconds / size;
  return zhOrEn(locale, `${n} ${zh}`, `${n} ${en}${n === 1 ? "" : "s"}`);
}
