import { and, asc, desc, eq, gt, gte, isNull, or, type SQL, sql } from "drizzle-orm";
import { type DbChat, inChat, ofMember } from "./chat.js";
import type { Db } from "./open.js";
import { type WarningRow, warnings } from "./schema.js";

/** A warning to record. */
export interface NewWarning {
  chat: DbChat;
  userId: string;
  /** Rule id, or the command that issued it. */
  rule: string;
  reason?: string;
  at: number;
  /** Omitted: the warning never expires. */
  expiresAt?: number;
}

/** Not revoked and not yet expired at `now`. */
function isActive(now: number): SQL {
  return and(isNull(warnings.revokedAt), or(isNull(warnings.expiresAt), gt(warnings.expiresAt, now)))!;
}

/** Records a warning; returns its id. */
export function addWarning(db: Db, warning: NewWarning): number {
  const row = db
    .insert(warnings)
    .values({
      platform: warning.chat.platform,
      chatId: warning.chat.chatId,
      userId: warning.userId,
      rule: warning.rule,
      reason: warning.reason ?? null,
      createdAt: warning.at,
      expiresAt: warning.expiresAt ?? null,
    })
    .returning({ id: warnings.id })
    .get();
  return row.id;
}

/** A member's active warnings at `now`, oldest first. */
export function activeWarnings(db: Db, chat: DbChat, userId: string, now: number): WarningRow[] {
  return db
    .select()
    .from(warnings)
    .where(and(ofMember(warnings, chat, userId), isActive(now)))
    .orderBy(asc(warnings.createdAt), asc(warnings.id))
    .all();
}

/** Revokes a member's newest active warning; returns it as revoked, or undefined if there was none. */
export function revokeLatestWarning(
  db: Db,
  chat: DbChat,
  userId: string,
  now: number,
  by: string,
): WarningRow | undefined {
  // Select then update under one write lock ("immediate") so another process cannot revoke the same row in between.
  return db.transaction(
    (tx) => {
      const latest = tx
        .select({ id: warnings.id })
        .from(warnings)
        .where(and(ofMember(warnings, chat, userId), isActive(now)))
        .orderBy(desc(warnings.createdAt), desc(warnings.id))
        .limit(1)
        .get();
      if (!latest) return undefined;
      return tx
        .update(warnings)
        .set({ revokedAt: now, revokedBy: by })
        .where(eq(warnings.id, latest.id))
        .returning()
        .get();
    },
    { behavior: "immediate" },
  );
}

/** Revokes all of a member's active warnings; returns how many were revoked. */
export function resetWarnings(db: Db, chat: DbChat, userId: string, now: number, by: string): number {
  return db
    .update(warnings)
    .set({ revokedAt: now, revokedBy: by })
    .where(and(ofMember(warnings, chat, userId), isActive(now)))
    .run().changes;
}

/** Every active warning at `now` across all chats, oldest first (to hydrate the engine at start). */
export function listActiveWarnings(db: Db, now: number): WarningRow[] {
  return db
    .select()
    .from(warnings)
    .where(isActive(now))
    .orderBy(asc(warnings.createdAt), asc(warnings.id))
    .all();
}

/** Members of a chat with the most warnings given since `since` (revoked ones too: they were given). */
export function topWarned(
  db: Db,
  chat: DbChat,
  since: number,
  n: number,
): { userId: string; count: number }[] {
  const count = sql<number>`count(*)`;
  return db
    .select({ userId: warnings.userId, count })
    .from(warnings)
    .where(and(inChat(warnings, chat), gte(warnings.createdAt, since)))
    .groupBy(warnings.userId)
    .orderBy(desc(count), asc(warnings.userId))
    .limit(n)
    .all();
}
