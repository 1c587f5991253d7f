/**
 * The same text from many members: a spam wave is one template posted by many fresh accounts
 * within minutes, which no single member's repeat count sees. Per chat and text (its hash, with
 * digits read alike so a rotated handle or phone number is the same text), the members who sent it
 * and when. Bounded: entries older than the rules' longest window are dropped as they are met, and
 * past `maxEntries` the oldest entry goes first.
 */

/** Chat × text entries kept at most. @defaultValue 100,000 */
export const WAVE_ENTRIES = 100_000;
/** Members remembered per text; a wave bigger than this counts as this many. */
const MEMBERS_PER_TEXT = 32;

interface Wave {
  users: string[];
  at: number[];
}

export class WaveMemory {
  private readonly entries = new Map<string, Wave>();

  constructor(private readonly maxEntries = WAVE_ENTRIES) {}

  /** Records that `user` sent the text with `hash`; times older than `windowMs` are dropped. */
  note(chat: string, hash: number, user: string, at: number, windowMs: number): void {
    const key = `${chat}\u0000${hash}`;
    let wave = this.entries.get(key);
    if (wave)
      this.entries.delete(key); // re-inserted: the map's order is the recency order
    else wave = { users: [], at: [] };
    let keep = 0;
    for (let i = 0; i < wave.users.length; i++) {
      if (at - wave.at[i]! > windowMs || wave.users[i] === user) continue;
      wave.users[keep] = wave.users[i]!;
      wave.at[keep++] = wave.at[i]!;
    }
    wave.users.length = keep;
    wave.at.length = keep;
    wave.users.push(user);
    wave.at.push(at);
    if (wave.users.length > MEMBERS_PER_TEXT) {
      wave.users.shift();
      wave.at.shift();
    }
    this.entries.set(key, wave);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** How many different members sent the text since `since` (this message's sender included once noted). */
  membersSince(chat: string, hash: number, since: number): number {
    const wave = this.entries.get(`${chat}\u0000${hash}`);
    if (!wave) return 0;
    let n = 0;
    for (const at of wave.at) if (at >= since) n++;
    return n;
  }

  get size(): number {
    return this.entries.size;
  }
}
