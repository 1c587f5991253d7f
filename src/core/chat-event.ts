/**
 * The one event model every adapter translates its platform's updates into.
 * The engine sees only this; it never imports a platform SDK.
 */

export type Platform = "telegram" | "wechat" | "console";

/** What a message carries besides (or instead of) text. */
export const MESSAGE_KINDS = [
  "text",
  "image",
  "video",
  "voice",
  "file",
  "sticker",
  "link_card",
  "contact_card",
  "mini_program",
  "red_envelope",
  "transfer",
  "forward",
  "location",
  "other",
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface Sender {
  id: string;
  displayName: string;
  /** The platform's handle (Telegram's @username), when there is one: judged with the name. */
  username?: string;
  /** An admin or owner of this chat on the platform itself. */
  isPlatformAdmin: boolean;
  /** When the bot first saw this member in this chat (epoch ms); undefined when unknown. */
  firstSeenAt?: number;
  isBot?: boolean;
  /**
   * The bot must not repeat this name (it carries a link, a handle or a rule's hit): notices say
   * "this member" instead. Set by the engine when it judges the name (name-judge.ts).
   */
  hideName?: boolean;
}

export interface ChatRef {
  platform: Platform;
  id: string;
  title?: string;
}

interface EventBase {
  chat: ChatRef;
  sender: Sender;
  /** Epoch milliseconds: the platform's own time, never the bot's clock, so replays are deterministic. */
  at: number;
  /** An explicit category chosen by the caller (simulate's `category` field); overrides the binding. */
  category?: string;
}

export interface MessageEvent extends EventBase {
  type: "message";
  messageId: string;
  text: string;
  kind: MessageKind;
  /** User ids mentioned in the message. */
  mentions: string[];
  /** The message this one replies to, when the platform says so. */
  replyTo?: { messageId: string; senderId: string; senderName?: string };
  /** An edit of an earlier message: re-checked by the rules. */
  edited?: boolean;
  /**
   * The text is a media caption: the rules read it, but it never runs as a command (a forwarded
   * picture captioned "/ban …" is not an admin's order).
   */
  caption?: boolean;
  /**
   * What identifies the media itself (Telegram's file_unique_id), the same for every copy of one
   * picture or sticker: a message without text is compared by it for repeats.
   */
  mediaId?: string;
}

export interface JoinEvent extends EventBase {
  type: "join";
  /** Who brought the member in, when someone else did (and the platform says so). */
  addedBy?: Sender;
}

export interface LeaveEvent extends EventBase {
  type: "leave";
}

export type ChatEvent = MessageEvent | JoinEvent | LeaveEvent;

/** A stable key for per-chat state that cannot collide across platforms. */
export function chatKey(chat: ChatRef): string {
  return `${chat.platform}:${chat.id}`;
}
