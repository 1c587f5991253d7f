/** Builders for ChatEvents in tests. */
import type { ChatEvent, MessageEvent, MessageKind, Platform } from "../../src/core/chat-event.js";

export const T0 = Date.parse("2026-11-23T12:00:00+08:00");

export interface MessageOptions {
  chat?: string;
  title?: string;
  platform?: Platform;
  user?: string;
  admin?: boolean;
  at?: number;
  kind?: MessageKind;
  mentions?: string[];
  category?: string;
  id?: string;
}

let nextId = 1;

export function message(text: string, o: MessageOptions = {}): MessageEvent {
  return {
    type: "message",
    chat: { platform: o.platform ?? "telegram", id: o.chat ?? "g1", title: o.title },
    sender: { id: o.user ?? "u1", displayName: o.user ?? "u1", isPlatformAdmin: o.admin ?? false },
    at: o.at ?? T0,
    messageId: o.id ?? String(nextId++),
    text,
    kind: o.kind ?? "text",
    mentions: o.mentions ?? [],
    category: o.category,
  };
}

export function join(o: MessageOptions = {}): ChatEvent {
  return {
    type: "join",
    chat: { platform: o.platform ?? "telegram", id: o.chat ?? "g1", title: o.title },
    sender: { id: o.user ?? "u1", displayName: o.user ?? "u1", isPlatformAdmin: false },
    at: o.at ?? T0,
    category: o.category,
  };
}
