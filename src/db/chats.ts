/** The chats the bot has seen: where promos can go. */

import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbChat } from "./chat.js";
import type { Db } from "./open.js";
import { redactPersonalData } from "./redact-personal-data.js";
import { type ChatRow, chats } from "./schema.js";

/** Records a chat's title and category as seen now; an event without a title leaves the recorded one. */
export function rememberChat(
  db: Db,
  chat: DbChat,
  title: string | undefined,
  category: string,
  at: number,
): void {
  // A group's title is set by its members, like a name: it may carry a phone number.
  if (title !== undefined) title = redactPersonalData(title);
  db.insert(chats)
    .values({ platform: chat.platform, chatId: chat.chatId, title: title ?? null, category, lastSeenAt: at })
    .onConflictDoUpdate({
      target: [chats.platform, chats.chatId],
      // An update without a title (a member leaving, a platform that left it out) keeps the known one.
      set: title === undefined ? { category, lastSeenAt: at } : { title, category, lastSeenAt: at },
    })
    .run();
}

/** Chats of any of these categories. */
export function chatsInCategories(db: Db, categories: readonly string[]): ChatRow[] {
  if (categories.length === 0) return [];
  return db
    .select()
    .from(chats)
    .where(inArray(chats.category, [...categories]))
    .orderBy(asc(chats.chatId))
    .all();
}

export function getChat(db: Db, chat: DbChat): ChatRow | undefined {
  return db
    .select()
    .from(chats)
    .where(and(eq(chats.platform, chat.platform), eq(chats.chatId, chat.chatId)))
    .get();
}
