/** A promo's first and last day, read in the promo's own time zone (not UTC). */
import { addDays, zonedInstant } from "../core/clock.js";

/** The instants a promo's dates span, read in its own time zone: [first day 00:00, last day 24:00). */
export function promoDates(p: { start?: string; end?: string; time_zone: string }): {
  from?: number;
  until?: number;
} {
  return {
    from: p.start ? zonedInstant(p.start, 0, p.time_zone) : undefined,
    until: p.end ? zonedInstant(addDays(p.end, 1), 0, p.time_zone) : undefined,
  };
}
