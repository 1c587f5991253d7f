/**
 * Raid defence, per chat: a burst of joins, or of new members' messages that the rules caught,
 * switches the chat into raid mode for a while. In raid mode the engine stops welcoming, the
 * dispatcher stops posting a notice per member (one summary says what is going on), and a new
 * member whose message a rule sanctions is removed at once instead of climbing the ladder.
 * Pure and bounded: the times of the last bursts per chat, for a bounded number of chats.
 */
import { parseDuration } from "../rules/duration.js";
import type { RulePack } from "../rules/rule-pack.js";

export interface RaidSettings {
  joins: { count: number; windowMs: number };
  caught: { count: number; windowMs: number };
  newMemberMs: number;
  lastsMs: number;
  sanction: "ban" | "kick";
}

/** Chats watched at most; the one quiet longest is forgotten first. @defaultValue 10,000 */
export const RAID_CHATS = 10_000;

interface ChatWatch {
  joins: number[];
  /** Caught messages of new members: when, and whose (a raid is many accounts, not one). */
  caught: { at: number; user: string }[];
  /** Raid mode until then (epoch ms); 0 = off. */
  until: number;
}

export type RaidChange = "started" | "renewed" | undefined;

/** The pack's raid settings in milliseconds, or undefined when raid defence is off. */
export function raidSettings(pack: RulePack): RaidSettings | undefined {
  const raid = pack.raid;
  if (!raid?.enabled) return undefined;
  const ms = (d: string | number) => (parseDuration(d) ?? 0) * 1000;
  return {
    joins: { count: raid.joins.count, windowMs: ms(raid.joins.seconds) },
    caught: { count: raid.caught.count, windowMs: ms(raid.caught.seconds) },
    newMemberMs: ms(raid.new_member),
    lastsMs: ms(raid.lasts),
    sanction: raid.sanction,
  };
}

export class RaidWatch {
  private readonly chats = new Map<string, ChatWatch>();

  constructor(private readonly maxChats = RAID_CHATS) {}

  isOn(chat: string, at: number): boolean {
    const watch = this.chats.get(chat);
    return watch !== undefined && at < watch.until;
  }

  /** A member joined; says whether that started (or renewed) raid mode. */
  noteJoin(chat: string, at: number, settings: RaidSettings): RaidChange {
    return this.note(chat, at, settings, "joins");
  }

  /**
   * A new member's message was sanctioned by a rule; says whether that started (or renewed) raid
   * mode. The burst counts different members: one spammer posting three ads is the ladder's job.
   */
  noteCaught(chat: string, at: number, user: string, settings: RaidSettings): RaidChange {
    const watch = this.watch(chat);
    const { count, windowMs } = settings.caught;
    const caught = watch.caught.filter((c) => Math.abs(at - c.at) <= windowMs && c.user !== user);
    caught.push({ at, user });
    // Bounded: only the latest `count` different members can make a burst.
    watch.caught = caught.slice(-count);
    if (watch.caught.length < count) return undefined;
    return this.switchOn(watch, at, settings);
  }

  private note(chat: string, at: number, settings: RaidSettings, what: "joins"): RaidChange {
    const watch = this.watch(chat);
    const { count, windowMs } = settings[what];
    const times = watch[what];
    times.push(at);
    // Only the last `count` times can make a burst.
    if (times.length > count) times.shift();
    // Span of the last `count` times, whatever order they came in (a replayed transcript may not be in order).
    if (times.length < count || Math.max(...times) - Math.min(...times) > windowMs) return undefined;
    return this.switchOn(watch, at, settings);
  }

  private switchOn(watch: ChatWatch, at: number, settings: RaidSettings): RaidChange {
    const wasOn = at < watch.until;
    watch.until = at + settings.lastsMs;
    return wasOn ? "renewed" : "started";
  }

  private watch(chat: string): ChatWatch {
    let watch = this.chats.get(chat);
    if (watch) {
      this.chats.delete(chat); // re-inserted: the map's order is the recency order
    } else {
      watch = { joins: [], caught: [], until: 0 };
      if (this.chats.size >= this.maxChats) this.chats.delete(this.chats.keys().next().value!);
    }
    this.chats.set(chat, watch);
    return watch;
  }
}
