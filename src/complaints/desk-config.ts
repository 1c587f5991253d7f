/**
 * The complaint desk as the rule pack configures it, compiled once per pack:
 * where it listens, what a complaint looks like, deadlines in milliseconds,
 * the staff tiers and who counts as staff.
 */
import { type ChatRef, chatKey, type Platform } from "../core/chat-event.js";
import { parseDuration } from "../rules/duration.js";
import type { RulePack } from "../rules/rule-pack.js";
import type { StaffTier } from "../rules/schema.js";
import { ComplaintMatcher } from "./complaint-matcher.js";

export interface DeskConfig {
  categories: ReadonlySet<string>;
  /** chatKeys of single groups the desk serves whatever their category. */
  groups: ReadonlySet<string>;
  matcher: ComplaintMatcher;
  firstResponseMs: number;
  resolutionMs: number;
  ratingWindowMs: number;
  tiers: readonly StaffTier[];
  /** `platform:id` of every person named in a tier. */
  staffPeople: ReadonlySet<string>;
  /** chatKeys of every staff chat. */
  staffChats: ReadonlySet<string>;
}

const cache = new WeakMap<RulePack, DeskConfig | null>();

/** The desk of a pack, or undefined when the pack has none or turns it off. */
export function deskConfig(pack: RulePack): DeskConfig | undefined {
  let config = cache.get(pack);
  if (config === undefined) {
    config = build(pack);
    cache.set(pack, config);
  }
  return config ?? undefined;
}

function build(pack: RulePack): DeskConfig | null {
  const c = pack.complaints;
  if (!c?.enabled) return null;
  const ms = (d: string | number) => (parseDuration(d) ?? 0) * 1000;
  return {
    categories: new Set(c.categories),
    groups: new Set(c.groups.map((g) => chatKey(g))),
    matcher: new ComplaintMatcher(c.match),
    firstResponseMs: ms(c.first_response),
    resolutionMs: ms(c.resolution),
    ratingWindowMs: ms(c.rating_window),
    tiers: c.staff,
    staffPeople: new Set(c.staff.flatMap((t) => t.people.map((p) => `${p.platform}:${p.id}`))),
    staffChats: new Set(c.staff.flatMap((t) => t.chats.map((g) => chatKey(g)))),
  };
}

/** Whether the desk listens in this chat. */
export function serves(config: DeskConfig, chat: ChatRef, category: string): boolean {
  return config.categories.has(category) || (config.groups.size > 0 && config.groups.has(chatKey(chat)));
}

/** A person named in a staff tier. */
export function isStaffPerson(config: DeskConfig | undefined, platform: Platform, userId: string): boolean {
  return config?.staffPeople.has(`${platform}:${userId}`) ?? false;
}

/** The tier a missed deadline goes to: one above `tier`, the last one at most. */
export function nextTier(tiers: readonly StaffTier[], tier: number): number {
  return Math.max(0, Math.min(tier + 1, tiers.length - 1));
}
