/**
 * Telegram updates → ChatEvents. Text and captions (with the hidden URLs of
 * text links appended, so link rules see them), message kinds, mentions
 * (text_mention by id, @username through the usernames seen so far), replies.
 */
import type { Message, MessageEntity, User } from "grammy/types";
import type { ChatRef, MessageEvent, MessageKind, Sender } from "../../src/core/chat-event.js";
import { senderChatOf } from "./sender-chat.js";

/** Remembers usernames seen, so an "@name" mention can be resolved to an id. */
export class Usernames {
  private readonly ids = new Map<string, string>();

  note(user: User | undefined): void {
    if (user?.username) this.ids.set(user.username.toLowerCase(), String(user.id));
  }

  idOf(username: string): string | undefined {
    return this.ids.get(username.replace(/^@/, "").toLowerCase());
  }
}

export function chatRefOf(chat: Message["chat"]): ChatRef {
  return { platform: "telegram", id: String(chat.id), title: "title" in chat ? chat.title : undefined };
}

export function displayName(user: User): string {
  return [user.first_name, user.last_name].filter(Boolean).join(" ") || user.username || String(user.id);
}

export function messageKind(m: Message): MessageKind {
  if (m.forward_origin) return "forward";
  if (m.photo) return "image";
  if (m.video || m.animation || m.video_note) return "video";
  if (m.voice || m.audio) return "voice";
  if (m.document) return "file";
  if (m.sticker) return "sticker";
  if (m.contact) return "contact_card";
  if (m.location || m.venue) return "location";
  if (m.text !== undefined || m.caption !== undefined) return "text";
  return "other";
}

/**
 * The message's text for the rules: text or caption, plus what else a member can put in front of
 * the group: the URLs hidden behind text links, a shared contact (its name and phone number are
 * private data like a number typed out), a venue (its title and address), the texts and URLs of
 * buttons (inline bots post adverts as buttons), and the channel a forward comes from (its title
 * and username are the advert when the text is bland).
 */
export function messageText(m: Message): string {
  const entities: MessageEntity[] = m.entities ?? m.caption_entities ?? [];
  const parts = [m.text ?? m.caption ?? ""];
  for (const e of entities) if (e.type === "text_link") parts.push(e.url);
  if (m.contact) parts.push(m.contact.first_name, m.contact.last_name ?? "", m.contact.phone_number);
  if (m.venue) parts.push(m.venue.title, m.venue.address);
  for (const row of m.reply_markup?.inline_keyboard ?? []) {
    for (const button of row) parts.push(button.text, "url" in button ? (button.url ?? "") : "");
  }
  const origin = m.forward_origin;
  if (origin?.type === "channel" || origin?.type === "chat") {
    const chat = origin.type === "channel" ? origin.chat : origin.sender_chat;
    parts.push("title" in chat ? (chat.title ?? "") : "", "username" in chat ? (chat.username ?? "") : "");
  }
  return parts.filter(Boolean).join(" ");
}

/**
 * What identifies the picture, sticker or file itself (Telegram's file_unique_id, the same for every
 * copy), so the same sticker posted again and again is a repeat although it has no text.
 */
export function mediaIdOf(m: Message): string | undefined {
  const media =
    m.photo?.at(-1) ??
    m.sticker ??
    m.animation ??
    m.video ??
    m.video_note ??
    m.voice ??
    m.audio ??
    m.document;
  return media?.file_unique_id;
}

export function mentionsOf(m: Message, usernames: Usernames): string[] {
  const text = m.text ?? m.caption ?? "";
  const ids: string[] = [];
  for (const e of m.entities ?? m.caption_entities ?? []) {
    if (e.type === "text_mention") ids.push(String(e.user.id));
    if (e.type === "mention") {
      const id = usernames.idOf(text.slice(e.offset, e.offset + e.length));
      if (id) ids.push(id);
    }
  }
  return [...new Set(ids)];
}

export function toMessageEvent(
  m: Message,
  sender: Sender,
  usernames: Usernames,
  options: { edited: boolean; text?: string },
): MessageEvent {
  const reply = m.reply_to_message;
  const text = messageText(m);
  return {
    type: "message",
    chat: chatRefOf(m.chat),
    sender,
    at: (m.edit_date ?? m.date) * 1000,
    messageId: String(m.message_id),
    text: options.text ?? text,
    mediaId: mediaIdOf(m),
    kind: messageKind(m),
    mentions: mentionsOf(m, usernames),
    replyTo: replyOf(reply, m.chat.id),
    edited: options.edited || undefined,
    // Only typed text runs as a command: not a caption, a contact's name or a button.
    caption: (m.text === undefined && text !== "") || undefined,
  };
}

/** The message replied to: an admin's /ban in reply to a channel's post acts on the channel. */
function replyOf(reply: Message["reply_to_message"], groupId: number): MessageEvent["replyTo"] {
  if (reply?.sender_chat) {
    const sender = senderChatOf(reply.sender_chat, groupId);
    return { messageId: String(reply.message_id), senderId: sender.id, senderName: sender.displayName };
  }
  return reply?.from
    ? {
        messageId: String(reply.message_id),
        senderId: String(reply.from.id),
        senderName: displayName(reply.from),
      }
    : undefined;
}
