/**
 * Bookings as the rule pack configures them, compiled once per pack: where
 * requests are taken, how they are read, the confirmation deadline, and the
 * staff tiers that hear of them (the complaint desk's, unless bookings name
 * their own).
 */
import { type ChatRef, chatKey } from "../core/chat-event.js";
import { parseDuration } from "../rules/duration.js";
import type { RulePack } from "../rules/rule-pack.js";
import type { StaffTier } from "../rules/schema.js";
import type { BookingReadOptions } from "./read-booking.js";

export interface BookingConfig {
  categories: ReadonlySet<string>;
  /** chatKeys of single groups that take bookings whatever their category. */
  groups: ReadonlySet<string>;
  read: BookingReadOptions;
  /** Staff confirm or answer within this time (and before the table's time). */
  confirmWithinMs: number;
  tiers: readonly StaffTier[];
  /** `platform:id` of every person named in a tier. */
  staffPeople: ReadonlySet<string>;
  /** chatKeys of every staff chat. */
  staffChats: ReadonlySet<string>;
}

const cache = new WeakMap<RulePack, BookingConfig | null>();

/** The bookings of a pack, or undefined when the pack takes none. */
export function bookingConfig(pack: RulePack): BookingConfig | undefined {
  let config = cache.get(pack);
  if (config === undefined) {
    config = build(pack);
    cache.set(pack, config);
  }
  return config ?? undefined;
}

function build(pack: RulePack): BookingConfig | null {
  const b = pack.bookings;
  if (!b?.enabled) return null;
  const tiers = b.staff ?? pack.complaints?.staff ?? [];
  return {
    categories: new Set(b.categories),
    groups: new Set(b.groups.map((g) => chatKey(g))),
    read: { timeZone: b.time_zone, maxParty: b.max_party, maxDaysAhead: b.max_days_ahead },
    confirmWithinMs: (parseDuration(b.confirm_within) ?? 1800) * 1000,
    tiers,
    staffPeople: new Set(tiers.flatMap((t) => t.people.map((p) => `${p.platform}:${p.id}`))),
    staffChats: new Set(tiers.flatMap((t) => t.chats.map((g) => chatKey(g)))),
  };
}

/** Whether booking requests are taken in this chat. */
export function takesBookings(config: BookingConfig, chat: ChatRef, category: string): boolean {
  return config.categories.has(category) || (config.groups.size > 0 && config.groups.has(chatKey(chat)));
}
