import { and, eq, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { ChatRef, Platform } from "../core/chat-event.js";

/** How the storage layer names a chat: the platform plus the platform's own chat id. */
export interface DbChat {
  platform: Platform;
  chatId: string;
}

/** The storage key of a core ChatRef. */
export function dbChat(chat: ChatRef): DbChat {
  return { platform: chat.platform, chatId: chat.id };
}

/** `platform = ? AND chat_id = ?` for any table keyed by chat. */
export function inChat(table: { platform: AnySQLiteColumn; chatId: AnySQLiteColumn }, chat: DbChat): SQL {
  return and(eq(table.platform, chat.platform), eq(table.chatId, chat.chatId))!;
}

/** `platform = ? AND chat_id = ? AND user_id = ?` for any table keyed by member. */
export function ofMember(
  table: { platform: AnySQLiteColumn; chatId: AnySQLiteColumn; userId: AnySQLiteColumn },
  chat: DbChat,
  userId: string,
): SQL {
  return and(inChat(table, chat), eq(table.userId, userId))!;
}
