/**
 * What may hold a promo delivery back: its caps and its quiet hours. Both are read in the promo's
 * own time zone and by the slot's calendar day or month (the tick's scheduled time), never by a
 * window measured from when the platform answered: "once a day at 11:00" means every day, however
 * long yesterday's send took.
 */
import { addDays, inWindow, localDay, minuteOfDay, parseClock, zonedInstant } from "../core/clock.js";
import type { DeliveryCap } from "../db/mod.js";
import type { Promo } from "../rules/schema.js";

/** The caps on one delivery of `promo` for `slot`. A manual send (`/promo send`) is the owner's call: no daily cap. */
export function capsFor(promo: Promo, slot: number, manual = false): DeliveryCap[] {
  const zone = promo.time_zone;
  const day = localDay(slot, zone);
  const caps: DeliveryCap[] = [];
  if (promo.max_per_day !== undefined && !manual) {
    caps.push({
      promo: promo.id,
      from: zonedInstant(day, 0, zone),
      to: zonedInstant(addDays(day, 1), 0, zone),
      max: promo.max_per_day,
      reason: "daily cap",
    });
  }
  if (promo.max_per_month !== undefined) {
    const first = `${day.slice(0, 7)}-01`;
    const next = nextMonth(first);
    const days = Math.round((Date.parse(next) - Date.parse(first)) / 86_400_000);
    caps.push({
      // The platform's limit is on the group, so every push to it counts: all promos, broadcasts.
      from: zonedInstant(first, 0, zone),
      to: zonedInstant(next, 0, zone),
      max: promo.max_per_month === "days_in_month" ? days : promo.max_per_month,
      reason: "monthly cap",
    });
  }
  return caps;
}

/** "2026-12-01" → "2027-01-01". */
function nextMonth(first: string): string {
  const [y, m] = first.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/** When the promo's quiet hours around `now` end (epoch ms); undefined when `now` is outside them. */
export function quietUntil(promo: Promo, now: number): number | undefined {
  const q = promo.quiet_hours;
  if (!q) return undefined;
  const zone = q.time_zone ?? promo.time_zone;
  const from = parseClock(q.from);
  const to = parseClock(q.to);
  if (!inWindow(minuteOfDay(now, zone), from, to)) return undefined;
  const today = localDay(now, zone);
  const end = zonedInstant(today, to, zone);
  return end > now ? end : zonedInstant(addDays(today, 1), to, zone);
}
