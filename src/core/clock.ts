/**
 * Local time in a time zone, for quiet hours and daily statistics. Intl is
 * slow per call, so the zone's UTC offset is cached per hour: a message costs
 * a Map lookup.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** The zone's UTC offset in minutes at the instant `at`, cached for the hour it falls in. */
function offsetAt(at: number, timeZone: string): number {
  const hour = Math.floor(at / 3_600_000);
  const key = `${timeZone}\u0000${hour}`;
  let offsetMinutes = offsets.get(key);
  if (offsetMinutes === undefined) {
    offsetMinutes = zoneOffsetMinutes(hour * 3_600_000, timeZone);
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, offsetMinutes);
  }
  return offsetMinutes;
}

/** Minutes since local midnight (0–1439) of the instant `at` (epoch ms) in `timeZone`. */
export function minuteOfDay(at: number, timeZone: string): number {
  const local = Math.floor(at / 60_000) + offsetAt(at, timeZone);
  return ((local % 1440) + 1440) % 1440;
}

/** The local calendar day ("YYYY-MM-DD") of the instant `at` in `timeZone`. */
export function localDay(at: number, timeZone: string): string {
  return new Date(Math.floor(at / 60_000) * 60_000 + offsetAt(at, timeZone) * 60_000)
    .toISOString()
    .slice(0, 10);
}

/** Year, month (1–12), day, hour (0–23) and minute of the instant `at` in `timeZone`. */
export function localParts(
  at: number,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== "literal") p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute! };
}

function zoneOffsetMinutes(at: number, timeZone: string): number {
  const t = localParts(at, timeZone);
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  return Math.round((asUtc - Math.floor(at / 60_000) * 60_000) / 60_000);
}

/** "HH:MM" → minutes since midnight. */
export function parseClock(clock: string): number {
  const [h, m] = clock.split(":");
  return Number(h) * 60 + Number(m);
}

/** Inside a daily window [from, to); a window may wrap midnight (23:00–07:00). */
export function inWindow(minute: number, from: number, to: number): boolean {
  return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** The instant (epoch ms) at which the local day "YYYY-MM-DD" shows `minute` (minutes since midnight) in `timeZone`. */
export function zonedInstant(day: string, minute: number, timeZone: string): number {
  const wall = Date.parse(`${day}T00:00:00Z`) + minute * 60_000;
  // The offset at the wall time read as UTC is off by the offset itself; asking again at the
  // first guess lands on the right side of a daylight-saving change.
  const guess = wall - offsetAt(wall, timeZone) * 60_000;
  return wall - offsetAt(guess, timeZone) * 60_000;
}

/** The local day `days` after `day` (both "YYYY-MM-DD"). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The weekday of a local day: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}
