/**
 * The last messages of each chat, held in memory so that `/spam` can learn the text of the
 * message it replies to (Telegram) or of a member's latest message (`/spam @member`, WeChat): the
 * platforms do not hand the quoted text back reliably. Bounded per chat and in chats; the texts
 * never leave memory (what is stored is redacted by the caller).
 */
import { chatKey, type MessageEvent } from "../core/chat-event.js";

export interface RecentMessage {
  messageId: string;
  user: string;
  text: string;
  at: number;
}

/** Messages kept per chat. @defaultValue 200 */
export const RECENT_PER_CHAT = 200;
/** Chats kept; the one quiet longest is forgotten first. @defaultValue 5,000 */
export const RECENT_CHATS = 5000;

export class RecentMessages {
  private readonly chats = new Map<string, RecentMessage[]>();

  constructor(
    private readonly perChat = RECENT_PER_CHAT,
    private readonly maxChats = RECENT_CHATS,
  ) {}

  note(event: MessageEvent): void {
    if (event.text === "" || event.text.startsWith("/")) return;
    const key = chatKey(event.chat);
    let list = this.chats.get(key);
    if (list)
      this.chats.delete(key); // re-inserted below: the map's order is the recency order
    else list = [];
    const entry = { messageId: event.messageId, user: event.sender.id, text: event.text, at: event.at };
    // An edit replaces the text it had.
    const earlier = list.findIndex((m) => m.messageId === event.messageId);
    if (earlier >= 0) list[earlier] = entry;
    else list.push(entry);
    if (list.length > this.perChat) list.shift();
    this.chats.set(key, list);
    if (this.chats.size > this.maxChats) this.chats.delete(this.chats.keys().next().value!);
  }

  find(chat: string, messageId: string): RecentMessage | undefined {
    return this.chats.get(chat)?.find((m) => m.messageId === messageId);
  }

  latestOf(chat: string, user: string): RecentMessage | undefined {
    const list = this.chats.get(chat);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.user === user) return list[i];
    return undefined;
  }

  get size(): number {
    return this.chats.size;
  }
}
