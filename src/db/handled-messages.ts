/**
 * Which messages the bot already acted on. An update delivered again after a crash is seen here
 * and left alone: the member is not warned twice for one message. One indexed lookup per message;
 * a row only for messages that led to an action.
 */
import { and, eq, lt, sql } from "drizzle-orm";
import type { DbChat } from "./chat.js";
import type { Db } from "./open.js";
import { handledMessages } from "./schema.js";

/** How long a message is remembered: far longer than any redelivery takes. */
export const HANDLED_KEPT_MS = 2 * 86_400_000;

function prepare(db: Db) {
  const p = (name: string) => sql.placeholder(name);
  const key = and(
    eq(handledMessages.platform, p("platform")),
    eq(handledMessages.chatId, p("chatId")),
    eq(handledMessages.messageId, p("messageId")),
  );
  return {
    seen: db.select({ at: handledMessages.handledAt }).from(handledMessages).where(key).prepare(),
    mark: db
      .insert(handledMessages)
      .values({ platform: p("platform"), chatId: p("chatId"), messageId: p("messageId"), handledAt: p("at") })
      .onConflictDoNothing()
      .prepare(),
  };
}

const prepared = new WeakMap<object, ReturnType<typeof prepare>>();

function statements(db: Db): ReturnType<typeof prepare> {
  let s = prepared.get(db);
  if (!s) {
    s = prepare(db);
    prepared.set(db, s);
  }
  return s;
}

export function wasHandled(db: Db, chat: DbChat, messageId: string): boolean {
  return statements(db).seen.get({ platform: chat.platform, chatId: chat.chatId, messageId }) !== undefined;
}

export function markHandled(db: Db, chat: DbChat, messageId: string, at: number): void {
  statements(db).mark.run({ platform: chat.platform, chatId: chat.chatId, messageId, at });
}

/** Forgets messages handled before `before`. */
export function forgetHandled(db: Db, before: number): number {
  return db.delete(handledMessages).where(lt(handledMessages.handledAt, before)).run().changes;
}
