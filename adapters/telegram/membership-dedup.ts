/**
 * Telegram tells of one join twice: a `new_chat_members` service message and a `chat_member`
 * update (to a bot that is an admin and asks for them), in either order. Both are translated, the
 * second is dropped here, so a member is welcomed, judged by name and counted once.
 */
import type { ChatEvent } from "../../src/core/chat-event.js";

/** How far apart the two reports of one join may arrive (their `date`s are the same second). */
const SAME_CHANGE_MS = 60_000;
/** Past this many remembered changes, the ones older than the window are forgotten. */
const PRUNE_AT = 1000;

export class MembershipDedup {
  private readonly seen = new Map<string, number>();

  /** True for the first report of a join or leave, false for the second one of the same change. */
  first(event: ChatEvent): boolean {
    if (event.type === "message") return true;
    const member = `${event.chat.id}\u0000${event.sender.id}`;
    const key = `${event.type}\u0000${member}`;
    const earlier = this.seen.get(key);
    if (earlier !== undefined && Math.abs(event.at - earlier) <= SAME_CHANGE_MS) return false;
    this.seen.set(key, event.at);
    // A member who leaves and comes back within the minute joins again: that join is new.
    this.seen.delete(`${event.type === "join" ? "leave" : "join"}\u0000${member}`);
    if (this.seen.size > PRUNE_AT) {
      for (const [k, at] of this.seen) if (event.at - at > SAME_CHANGE_MS) this.seen.delete(k);
    }
    return true;
  }
}
