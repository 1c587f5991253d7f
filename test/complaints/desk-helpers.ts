/** Shared by the complaint desk tests: a rule directory with short deadlines, members speaking, what was sent where. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Bot } from "../../src/app/bot.js";
import type { MessageEvent } from "../../src/core/chat-event.js";
import { getTicket, openDatabase } from "../../src/db/mod.js";
import { tempRules } from "../helpers/bot.js";
import type { RecordingAdapter } from "../helpers/recording-adapter.js";

/** The default pack with the desk's deadlines and staff tiers replaced. */
export function deskRules(firstResponse: string, resolution: string): string {
  const dir = tempRules();
  const pack = join(dir, "complaints.yaml");
  const text = readFileSync(pack, "utf8");
  const head = text.slice(0, text.indexOf("  staff:"));
  writeFileSync(
    pack,
    head
      .replace("first_response: 15m", `first_response: ${firstResponse}`)
      .replace("resolution: 2d", `resolution: ${resolution}`) +
      [
        "  staff:",
        "    - chats: [{ platform: telegram, id: staff-1 }]",
        "    - people: [{ platform: telegram, id: manager }]",
        "    - people: [{ platform: telegram, id: area-manager }]",
        "",
      ].join("\n"),
  );
  return dir;
}

let messages = 0;

/** A message in the after-sales group c1 (its title binds it to the complaints category). */
export function say(
  bot: Bot,
  adapter: RecordingAdapter,
  user: string,
  text: string,
  options: { admin?: boolean; replyTo?: MessageEvent; chat?: string; mentions?: string[] } = {},
): Promise<MessageEvent> {
  const chat = options.chat ?? "c1";
  const event: MessageEvent = {
    type: "message",
    chat: { platform: "telegram", id: chat, title: chat === "c1" ? "香满楼售后群" : `员工群${chat}` },
    sender: { id: user, displayName: user, isPlatformAdmin: options.admin ?? false },
    at: Date.now(),
    messageId: String(++messages),
    text,
    kind: "text",
    mentions: options.mentions ?? [],
    replyTo: options.replyTo
      ? { messageId: options.replyTo.messageId, senderId: options.replyTo.sender.id }
      : undefined,
  };
  return bot.handle(adapter, event).then(() => event);
}

export const sentTo = (adapter: RecordingAdapter, chat: string) =>
  adapter.log.filter((r) => r.op === "send" && r.chat === chat).map((r) => r.text ?? "");

/** Ticket `id`'s first-response deadline, read from the database file. */
export function getDueAt(databasePath: string, id: number): number {
  const db = openDatabase(databasePath);
  try {
    return getTicket(db.db, id)!.firstResponseDue;
  } finally {
    db.close();
  }
}
