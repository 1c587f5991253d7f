/**
 * What the engine remembers between events: recent messages per member (for
 * flood and repeat), first-seen times, active warnings, mutes, FAQ cooldowns.
 * All in process memory and synchronous, so deciding stays fast and pure of
 * I/O; `qunguan start` hydrates it from SQLite at boot and the dispatcher
 * persists what changes, so a restart keeps warning counts and sanctions.
 */

/** Messages remembered per member; flood and repeat thresholds above this cannot fire. */
export const RECENT_MESSAGES_KEPT = 64;

interface Recent {
  at: number;
  textHash: number;
}

interface Warning {
  at: number;
  expiresAt: number | undefined;
}

interface MemberState {
  firstSeenAt?: number;
  /** Display name and platform-admin flag as last seen: for commands that target by name, and to shield admins. */
  name?: string;
  admin?: boolean;
  recent: Recent[];
  warnings: Warning[];
  mutedUntil?: number;
}

export class EngineMemory {
  private readonly members = new Map<string, MemberState>();
  private readonly faqAnswers = new Map<string, number>();

  // The engine asks about the same member several times per message (seen,
  // name, flood, repeat, mute, warnings): remember the last one looked up
  // rather than building and hashing the key each time. States are never
  // replaced in the map, so the remembered one stays the live one.
  private lastChat: string | undefined;
  private lastUser: string | undefined;
  private lastState: MemberState | undefined;

  private member(chat: string, user: string): MemberState {
    if (chat === this.lastChat && user === this.lastUser) return this.lastState!;
    const key = `${chat}\u0000${user}`;
    let state = this.members.get(key);
    if (!state) {
      state = { recent: [], warnings: [] };
      this.members.set(key, state);
    }
    this.lastChat = chat;
    this.lastUser = user;
    this.lastState = state;
    return state;
  }

  /** First sight of a member in a chat (a join, or their first message); later sightings keep the first. */
  markSeen(chat: string, user: string, at: number): void {
    const m = this.member(chat, user);
    if (m.firstSeenAt === undefined || at < m.firstSeenAt) m.firstSeenAt = at;
  }

  /** Remembers how a member looked when last seen. */
  noteMember(chat: string, user: string, name: string, admin: boolean): void {
    const m = this.member(chat, user);
    m.name = name;
    m.admin = admin;
  }

  /** A member seen in the chat: their name and whether they were a platform admin. */
  known(chat: string, user: string): { name: string; admin: boolean } | undefined {
    const m = this.members.get(`${chat}\u0000${user}`);
    return m?.name === undefined ? undefined : { name: m.name, admin: m.admin ?? false };
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

  firstSeen(chat: string, user: string): number | undefined {
    return this.member(chat, user).firstSeenAt;
  }

  recordMessage(chat: string, user: string, at: number, textHash: number): void {
    const recent = this.member(chat, user).recent;
    recent.push({ at, textHash });
    if (recent.length > RECENT_MESSAGES_KEPT) recent.shift();
  }

  /** Messages of the member at or after `since`, counting the one just recorded. */
  countSince(chat: string, user: string, since: number): number {
    const recent = this.member(chat, user).recent;
    let n = 0;
    for (let i = recent.length - 1; i >= 0 && recent[i]!.at >= since; i--) n++;
    return n;
  }

  countSameTextSince(chat: string, user: string, textHash: number, since: number): number {
    const recent = this.member(chat, user).recent;
    let n = 0;
    for (let i = recent.length - 1; i >= 0 && recent[i]!.at >= since; i--) {
      if (recent[i]!.textHash === textHash) n++;
    }
    return n;
  }

  activeWarnings(chat: string, user: string, now: number): number {
    const m = this.member(chat, user);
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
    return this.faqAnswers.get(`${chat}\u0000${faq}`);
  }

  setFaqAnswer(chat: string, faq: string, at: number): void {
    this.faqAnswers.set(`${chat}\u0000${faq}`, at);
  }

  /** Forgets message history older than `before`, to bound memory on long runs; first-seen times, warnings and mutes stay. */
  prune(before: number): void {
    for (const m of this.members.values()) {
      if (m.recent.length > 0 && m.recent[m.recent.length - 1]!.at < before) m.recent = [];
    }
  }
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
