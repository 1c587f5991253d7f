/**
 * What the engine remembers between events: recent messages per member (for
 * flood and repeat), first-seen times, names, active warnings, mutes, FAQ
 * cooldowns. All in process memory and synchronous, so deciding stays fast and
 * pure of I/O; `qunguan start` hydrates it from SQLite at boot and the
 * dispatcher persists what changes, so a restart keeps warning counts and
 * sanctions.
 *
 * A bot runs for months and meets millions of members, so every table is
 * bounded (see `MemoryLimits`):
 * - TTL: a member's recent messages are dropped once the newest is older than
 *   the longest flood/repeat window of the rules (they can no longer count),
 *   and an FAQ cooldown once it is older than the longest cooldown.
 * - Size cap: past `maxMembers`, the least recently seen member is forgotten
 *   (CLOCK, an approximation of LRU that costs one flag write per message).
 *   Members under an active mute or with unexpired warnings are passed over
 *   while others can go; they are in SQLite anyway and come back at the next
 *   start. A forgotten member who comes back is seen as new (first-seen time).
 * Time is the events' time (the newest seen), never the wall clock.
 */

import { foldName } from "./text/fold-name.js";

import { WaveMemory } from "./wave-memory.js";

/** Messages remembered per member; flood and repeat thresholds above this cannot fire. */
export const RECENT_MESSAGES_KEPT = 64;

export interface MemoryLimits {
  /** Members (chat × user) remembered at most. @defaultValue 250,000 */
  maxMembers: number;
  /** FAQ cooldowns (chat × FAQ) remembered at most. @defaultValue 100,000 */
  maxFaqCooldowns: number;
  /**
   * How long recent messages are kept after a member's newest one. The engine
   * sets it from its rules (twice the longest flood/repeat window, so events a
   * little out of order still count). @defaultValue 1 hour
   */
  activityTtlMs: number;
  /** How long an FAQ answer's time is kept; the engine sets it to the longest cooldown. @defaultValue 1 day */
  faqCooldownTtlMs: number;
}

export const DEFAULT_MEMORY_LIMITS: MemoryLimits = {
  maxMembers: 250_000,
  maxFaqCooldowns: 100_000,
  activityTtlMs: 3_600_000,
  faqCooldownTtlMs: 86_400_000,
};

/** Entries the TTL sweep examines per recorded message: the sweep keeps pace with any arrival rate. */
const SWEEP_STEPS = 2;

interface Warning {
  at: number;
  expiresAt: number | undefined;
}

/** A member's recent messages, newest last, in a ring that grows up to RECENT_MESSAGES_KEPT. */
interface Recent {
  at: number[];
  hash: number[];
  /** Where the next message goes once the ring is full (then also the oldest). */
  next: number;
}

interface MemberState {
  /** Its key in the map, so the CLOCK hand can walk values without building [key, value] pairs. */
  key: string;
  firstSeenAt?: number;
  /** Display name and platform-admin flag as last seen: for commands that target by name, and to shield admins. */
  name?: string;
  admin?: boolean;
  /** `name` folded (fold-name.ts), computed when the name changes: compared with staff names on every message. */
  foldedName?: string;
  /** How the name looked (`looks`) when this member was last flagged as looking like staff: flagged once per name. */
  flaggedAs?: string;
  /** Undefined when the member sent nothing within the activity TTL. */
  recent: Recent | undefined;
  warnings: Warning[];
  mutedUntil?: number;
  /** Used since the CLOCK hand last passed: spared once. */
  touched: boolean;
}

export class EngineMemory {
  /** The same text from many members (spam waves), for `repeat_across`. */
  readonly waves = new WaveMemory();
  private readonly members = new Map<string, MemberState>();
  /**
   * Per chat × FAQ: when it was last answered in full, and who has been served since (the member
   * answered, then those given a pointer to that answer), for the pointer rules within the cooldown.
   */
  private readonly faqAnswers = new Map<string, { at: number; touched: boolean; served: string[] }>();
  private readonly limits: MemoryLimits;
  /**
   * Per chat, its members last seen as platform admins (owner or admin): user → how the name looks. A
   * few per chat, so a message's name is compared with them without walking every member.
   */
  private readonly staff = new Map<string, Map<string, string>>();
  /** The newest event time seen: "now" for expiry. */
  private now = Number.NEGATIVE_INFINITY;
  /**
   * The members in the order they came, for the CLOCK hand (an index into it):
   * walking an array costs less than a Map iterator. Forgotten members leave a
   * hole (undefined); the array is compacted when holes outnumber members.
   */
  private ring: (MemberState | undefined)[] = [];
  private hand = 0;
  /** The FAQ CLOCK hand: a live iterator, which survives insertions and deletions (FAQ times change rarely). */
  private faqHand: Iterator<[string, { at: number; touched: boolean }]> | undefined;

  // The engine asks about the same member several times per message (seen,
  // name, flood, repeat, mute, warnings): remember the last one looked up
  // rather than building and hashing the key each time. A state is never
  // replaced in the map while it stays there; eviction forgets this cache.
  private lastChat: string | undefined;
  private lastUser: string | undefined;
  private lastState: MemberState | undefined;

  constructor(limits: Partial<MemoryLimits> = {}) {
    this.limits = { ...DEFAULT_MEMORY_LIMITS, ...limits };
  }

  /** Sets the TTLs from the rules (called by the engine for each rule set). */
  setWindows(windows: { activityTtlMs?: number; faqCooldownTtlMs?: number }): void {
    if (windows.activityTtlMs !== undefined) this.limits.activityTtlMs = windows.activityTtlMs;
    if (windows.faqCooldownTtlMs !== undefined) this.limits.faqCooldownTtlMs = windows.faqCooldownTtlMs;
  }

  /** Entry counts, for soak runs and tests. */
  sizes(): { members: number; activeMembers: number; faqCooldowns: number } {
    let active = 0;
    for (const m of this.members.values()) if (m.recent !== undefined) active++;
    return { members: this.members.size, activeMembers: active, faqCooldowns: this.faqAnswers.size };
  }

  private member(chat: string, user: string): MemberState {
    if (chat === this.lastChat && user === this.lastUser) return this.lastState!;
    const key = `${chat}\u0000${user}`;
    let state = this.members.get(key);
    if (state === undefined) {
      // A newcomer starts untouched: a member seen once is the first to go (strangers who
      // pass by once cannot push out the regulars), and one seen again is spared a turn.
      state = { key, recent: undefined, warnings: [], touched: false };
      this.members.set(key, state);
      this.ring.push(state);
      if (this.members.size > this.limits.maxMembers) this.evictMember(state);
    } else {
      state.touched = true;
    }
    this.lastChat = chat;
    this.lastUser = user;
    this.lastState = state;
    return state;
  }

  private tick(at: number): void {
    if (at > this.now) this.now = at;
  }

  /** A member that holds a sanction still running, which a restart would restore but eviction would not. */
  private sanctioned(m: MemberState): boolean {
    if (m.mutedUntil !== undefined && m.mutedUntil > this.now) return true;
    for (const w of m.warnings) if (w.expiresAt === undefined || w.expiresAt > this.now) return true;
    return false;
  }

  /** The next member under the CLOCK hand (wrapping around, skipping holes), or undefined when there are none. */
  private nextMember(): MemberState | undefined {
    if (this.members.size === 0) return undefined;
    for (;;) {
      if (this.hand >= this.ring.length) {
        this.hand = 0;
        if (this.ring.length > 2 * this.members.size + 1024)
          this.ring = this.ring.filter((m) => m !== undefined);
      }
      const m = this.ring[this.hand++];
      if (m !== undefined) return m;
    }
  }

  /**
   * Forgets one member other than `keep` (the one being added): the first the
   * hand finds neither recently used nor sanctioned (after two turns, any).
   */
  private evictMember(keep: MemberState): void {
    const limit = 2 * this.members.size + 2;
    for (let i = 0; i < limit; i++) {
      const m = this.nextMember();
      if (m === undefined) return;
      if (m === keep) continue;
      if (i < limit - 1 && (m.touched || this.sanctioned(m))) {
        m.touched = false;
        continue;
      }
      this.forget(m);
      return;
    }
  }

  private forget(m: MemberState): void {
    this.members.delete(m.key);
    if (m.admin) {
      const at = m.key.indexOf("\u0000");
      const staff = this.staff.get(m.key.slice(0, at));
      if (staff?.delete(m.key.slice(at + 1)) && staff.size === 0) this.staff.delete(m.key.slice(0, at));
    }
    // The hand has just passed it.
    this.ring[this.hand - 1] = undefined;
    if (m === this.lastState) {
      this.lastChat = undefined;
      this.lastUser = undefined;
      this.lastState = undefined;
    }
  }

  /**
   * Advances the hands a few entries: drops recent messages past the activity
   * TTL and FAQ times past the cooldown TTL. Amortised over recorded
   * messages, so a quiet member's history goes within a few turns of the hand.
   */
  private sweep(): void {
    const activityBefore = this.now - this.limits.activityTtlMs;
    for (let i = 0; i < SWEEP_STEPS && i < this.members.size; i++) {
      const m = this.nextMember();
      if (m === undefined) break;
      const recent = m.recent;
      if (recent !== undefined && newest(recent) < activityBefore) m.recent = undefined;
    }
    if (this.faqAnswers.size === 0) return;
    const faqBefore = this.now - this.limits.faqCooldownTtlMs;
    for (let i = 0; i < SWEEP_STEPS && i < this.faqAnswers.size; i++) {
      let step = this.faqHand?.next();
      if (step === undefined || step.done) {
        this.faqHand = this.faqAnswers.entries();
        step = this.faqHand.next();
      }
      if (step.done) break;
      const [key, answer] = step.value;
      if (answer.at < faqBefore) this.faqAnswers.delete(key);
    }
  }

  /** First sight of a member in a chat (a join, or their first message); later sightings keep the first. */
  markSeen(chat: string, user: string, at: number): void {
    this.tick(at);
    const m = this.member(chat, user);
    if (m.firstSeenAt === undefined || at < m.firstSeenAt) m.firstSeenAt = at;
  }

  /** Remembers how a member looked when last seen. */
  noteMember(chat: string, user: string, name: string, admin: boolean): void {
    const m = this.member(chat, user);
    if (m.name !== name || m.foldedName === undefined) m.foldedName = foldName(name);
    m.name = name;
    m.admin = admin;
    const staff = this.staff.get(chat);
    if (admin) {
      if (staff === undefined) this.staff.set(chat, new Map([[user, looks(m)]]));
      else staff.set(user, looks(m));
    } else if (staff?.delete(user) && staff.size === 0) this.staff.delete(chat);
  }

  /**
   * A platform admin of the chat, other than `user`, whose name reads like `user`'s last seen
   * one (equal once folded: Traditional, full-width, look-alike letters, spaces), or undefined.
   */
  staffLookingLike(chat: string, user: string): string | undefined {
    const staff = this.staff.get(chat);
    if (staff === undefined) return undefined;
    const m = this.members.get(`${chat}\u0000${user}`);
    if (m?.name === undefined) return undefined;
    const look = looks(m);
    for (const [id, name] of staff) if (id !== user && name === look) return id;
    return undefined;
  }

  /** Records that `user` was flagged for their current name; false when they already were for this one. */
  flagOnce(chat: string, user: string): boolean {
    const m = this.member(chat, user);
    if (m.name === undefined || m.flaggedAs === looks(m)) return false;
    m.flaggedAs = looks(m);
    return true;
  }

  /** A member seen in the chat: their name and whether they were a platform admin. */
  known(chat: string, user: string): { name: string; admin: boolean } | undefined {
    const m = this.members.get(`${chat}\u0000${user}`);
    return m?.name === undefined ? undefined : { name: m.name, admin: m.admin ?? false };
  }

  /** The members of a chat last seen as platform admins (owner or admin of the group), for /admins. */
  platformAdmins(chat: string): { id: string; name: string }[] {
    const prefix = `${chat}\u0000`;
    const found: { id: string; name: string }[] = [];
    for (const [key, m] of this.members) {
      if (m.admin && m.name !== undefined && key.startsWith(prefix))
        found.push({ id: key.slice(prefix.length), name: m.name });
    }
    return found;
  }

  /** A member of the chat by display name (case-insensitive), for "/warn @Alice" where the platform gives no id. */
  findByName(chat: string, name: string): string | undefined {
    const wanted = name.toLowerCase();
    const prefix = `${chat}\u0000`;
    for (const [key, m] of this.members) {
      if (key.startsWith(prefix) && m.name?.toLowerCase() === wanted) return key.slice(prefix.length);
    }
    return undefined;
  }

  /** Every member of the chat whose last seen name `matches`: "/kick 老板娘" must see that two go by that name. */
  findAllByName(chat: string, matches: (name: string) => boolean): string[] {
    const prefix = `${chat}\u0000`;
    const found: string[] = [];
    for (const [key, m] of this.members) {
      if (key.startsWith(prefix) && m.name !== undefined && matches(m.name))
        found.push(key.slice(prefix.length));
    }
    return found;
  }

  firstSeen(chat: string, user: string): number | undefined {
    return this.member(chat, user).firstSeenAt;
  }

  recordMessage(chat: string, user: string, at: number, textHash: number): void {
    this.tick(at);
    const m = this.member(chat, user);
    let recent = m.recent;
    if (recent === undefined || newest(recent) < this.now - this.limits.activityTtlMs) {
      recent = { at: [], hash: [], next: 0 };
      m.recent = recent;
    }
    if (recent.at.length < RECENT_MESSAGES_KEPT) {
      recent.at.push(at);
      recent.hash.push(textHash);
    } else {
      recent.at[recent.next] = at;
      recent.hash[recent.next] = textHash;
      recent.next = (recent.next + 1) % RECENT_MESSAGES_KEPT;
    }
    this.sweep();
  }

  /** Messages of the member at or after `since`, counting the one just recorded. */
  countSince(chat: string, user: string, since: number): number {
    const recent = this.member(chat, user).recent;
    if (recent === undefined) return 0;
    const { at } = recent;
    const n = at.length;
    const last = recent.next === 0 ? n - 1 : recent.next - 1;
    let count = 0;
    for (let k = 0; k < n; k++) {
      const i = last - k < 0 ? last - k + n : last - k;
      if (at[i]! < since) break;
      count++;
    }
    return count;
  }

  countSameTextSince(chat: string, user: string, textHash: number, since: number): number {
    const recent = this.member(chat, user).recent;
    if (recent === undefined) return 0;
    const { at, hash } = recent;
    const n = at.length;
    const last = recent.next === 0 ? n - 1 : recent.next - 1;
    let count = 0;
    for (let k = 0; k < n; k++) {
      const i = last - k < 0 ? last - k + n : last - k;
      if (at[i]! < since) break;
      if (hash[i] === textHash) count++;
    }
    return count;
  }

  activeWarnings(chat: string, user: string, now: number): number {
    const m = this.member(chat, user);
    if (m.warnings.length === 0) return 0;
    m.warnings = m.warnings.filter((w) => w.expiresAt === undefined || w.expiresAt > now);
    return m.warnings.length;
  }

  addWarning(chat: string, user: string, at: number, expiresAt: number | undefined): void {
    this.member(chat, user).warnings.push({ at, expiresAt });
  }

  /** Revokes the newest warning; false when there was none. */
  removeLatestWarning(chat: string, user: string): boolean {
    return this.member(chat, user).warnings.pop() !== undefined;
  }

  clearWarnings(chat: string, user: string): void {
    this.member(chat, user).warnings = [];
  }

  setMute(chat: string, user: string, until: number | undefined): void {
    this.member(chat, user).mutedUntil = until;
  }

  isMuted(chat: string, user: string, now: number): boolean {
    const until = this.member(chat, user).mutedUntil;
    return until !== undefined && until > now;
  }

  lastFaqAnswer(chat: string, faq: string): number | undefined {
    const answer = this.faqAnswers.get(`${chat}\u0000${faq}`);
    if (answer === undefined) return undefined;
    answer.touched = true;
    return answer.at;
  }

  /** Members served by the FAQ's latest answer: the one answered first, then those pointed to it. */
  faqServed(chat: string, faq: string): readonly string[] {
    return this.faqAnswers.get(`${chat}\u0000${faq}`)?.served ?? [];
  }

  /** A member was given a pointer to the FAQ's latest answer. */
  addFaqServed(chat: string, faq: string, user: string): void {
    this.faqAnswers.get(`${chat}\u0000${faq}`)?.served.push(user);
  }

  /** The FAQ was answered in full at `at`, to `user` (when known). */
  setFaqAnswer(chat: string, faq: string, at: number, user?: string): void {
    this.tick(at);
    const key = `${chat}\u0000${faq}`;
    const served = user === undefined ? [] : [user];
    const answer = this.faqAnswers.get(key);
    if (answer !== undefined) {
      answer.at = at;
      answer.touched = true;
      answer.served = served;
      return;
    }
    this.faqAnswers.set(key, { at, touched: false, served });
    if (this.faqAnswers.size > this.limits.maxFaqCooldowns) this.evictFaqAnswer();
  }

  /** Forgets the oldest FAQ time the hand finds not recently used (CLOCK, like members). */
  private evictFaqAnswer(): void {
    const limit = 2 * this.faqAnswers.size + 2;
    for (let i = 0; i < limit; i++) {
      let step = this.faqHand?.next();
      if (step === undefined || step.done) {
        this.faqHand = this.faqAnswers.entries();
        step = this.faqHand.next();
      }
      if (step.done) return;
      const [key, answer] = step.value;
      if (answer.touched && i < limit - 1) {
        answer.touched = false;
        continue;
      }
      this.faqAnswers.delete(key);
      return;
    }
  }

  /** Forgets message history older than `before`; first-seen times, warnings and mutes stay. */
  prune(before: number): void {
    for (const m of this.members.values()) {
      if (m.recent !== undefined && newest(m.recent) < before) m.recent = undefined;
    }
  }
}

/**
 * How a member's name looks, for telling it from staff's: folded, or as written (lower case) when
 * folding leaves nothing (emoji only), so only the very same emoji read alike. The prefix keeps
 * the two kinds of key apart.
 */
function looks(m: MemberState): string {
  return m.foldedName ? `f:${m.foldedName}` : `w:${(m.name ?? "").toLowerCase()}`;
}

function newest(recent: Recent): number {
  const n = recent.at.length;
  return recent.at[recent.next === 0 ? n - 1 : recent.next - 1]!;
}

/** FNV-1a over UTF-16 units: a cheap fingerprint for "same text again". */
export function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
