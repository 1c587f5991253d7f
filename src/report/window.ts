/** The days a report covers, as the "YYYY-MM-DD" local days the statistics tables are keyed by. */
import { localDay, minuteOfDay } from "../core/clock.js";

export interface ReportWindow {
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  until: string;
  /** Every day from `from` to `until`, in order: charts show silent days as zeros, not gaps. */
  days: string[];
  /** The zone the days are local to. */
  timeZone: string;
  /** The instants (epoch ms) the window starts at (inclusive) and ends at (exclusive): local midnights. */
  startsAt: number;
  endsAt: number;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `day` is a real calendar day written "YYYY-MM-DD". */
export function isDay(day: string): boolean {
  if (!DAY_RE.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day;
}

/** Calendar arithmetic on "YYYY-MM-DD" (done in UTC, where every day has 24 hours). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The `days` days ending with `until` (inclusive). */
export function reportWindow(until: string, days: number, timeZone: string): ReportWindow {
  if (!isDay(until)) throw new Error(`not a day (YYYY-MM-DD): ${until}`);
  if (!Number.isInteger(days) || days < 1) throw new Error(`days must be a whole number ≥ 1, got ${days}`);
  const from = addDays(until, -(days - 1));
  const list: string[] = [];
  for (let d = from; d <= until; d = addDays(d, 1)) list.push(d);
  return {
    from,
    until,
    days: list,
    timeZone,
    startsAt: startOfDay(from, timeZone),
    endsAt: startOfDay(addDays(until, 1), timeZone),
  };
}

/**
 * The instant a local day begins in `timeZone`. The zone's offset is read at a first guess and
 * again at the corrected instant, so a day next to a clock change still starts at its own
 * midnight (or, where midnight is skipped, at the first instant of the day).
 */
export function startOfDay(day: string, timeZone: string): number {
  const asUtc = Date.parse(`${day}T00:00:00Z`);
  let at = asUtc - offsetMs(asUtc, timeZone);
  at = asUtc - offsetMs(at, timeZone);
  // Midnight skipped by a clock change: the instant found lies on the previous day; move to the next.
  while (localDay(at, timeZone) < day) at += 15 * 60_000;
  return at;
}

/** The zone's offset from UTC at `at`, in ms, from the clock's cached local-time functions. */
function offsetMs(at: number, timeZone: string): number {
  const local = Date.parse(`${localDay(at, timeZone)}T00:00:00Z`) + minuteOfDay(at, timeZone) * 60_000;
  return local - Math.floor(at / 60_000) * 60_000;
}

/** Today in `timeZone`. */
export function today(timeZone: string, now = Date.now()): string {
  return localDay(now, timeZone);
}
