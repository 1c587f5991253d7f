/** Per-chat switches set from the chat itself. */
import { eq } from "drizzle-orm";
import type { DbChat } from "./chat.js";
import { inChat } from "./chat.js";
import type { Db } from "./open.js";
import { type ChatSettingsRow, chatSettings } from "./schema.js";

export function setDryRun(db: Db, chat: DbChat, dryRun: boolean, by: string, at: number): void {
  db.insert(chatSettings)
    .values({ platform: chat.platform, chatId: chat.chatId, dryRun, updatedBy: by, updatedAt: at })
    .onConflictDoUpdate({
      target: [chatSettings.platform, chatSettings.chatId],
      set: { dryRun, updatedBy: by, updatedAt: at },
    })
    .run();
}

export function getChatSettings(db: Db, chat: DbChat): ChatSettingsRow | undefined {
  return db.select().from(chatSettings).where(inChat(chatSettings, chat)).get();
}

/** Chats in dry-run mode, to build the in-memory lookup at start. */
export function dryRunChats(db: Db): ChatSettingsRow[] {
  return db.select().from(chatSettings).where(eq(chatSettings.dryRun, true)).all();
}
