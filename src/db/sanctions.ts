import { and, asc, desc, eq, gt, isNotNull, isNull, lte, or, type SQL } from "drizzle-orm";
import { type DbChat, ofMember } from "./chat.js";
import type { Db } from "./open.js";
import { type SanctionKind, type SanctionRow, sanctions } from "./schema.js";

/** A mute or ban to record. */
export interface NewSanction {
  chat: DbChat;
  userId: string;
  type: SanctionKind;
  /** Rule id, or the command that imposed it. */
  rule: string;
  at: number;
  /** Omitted: permanent until lifted. */
  endsAt?: number;
  /** Enforced by the bot itself because the platform cannot mute. */
  soft: boolean;
}

/** Not lifted and not yet ended at `now`. */
function isActive(now: number): SQL {
  return and(isNull(sanctions.liftedAt), or(isNull(sanctions.endsAt), gt(sanctions.endsAt, now)))!;
}

/** Records a sanction; returns its id. */
export function addSanction(db: Db, sanction: NewSanction): number {
  const row = db
    .insert(sanctions)
    .values({
      platform: sanction.chat.platform,
      chatId: sanction.chat.chatId,
      userId: sanction.userId,
      type: sanction.type,
      rule: sanction.rule,
      createdAt: sanction.at,
      endsAt: sanction.endsAt ?? null,
      soft: sanction.soft,
    })
    .returning({ id: sanctions.id })
    .get();
  return row.id;
}

/** Every sanction in force at `now`, across all chats, oldest first. */
export function activeSanctions(db: Db, now: number): SanctionRow[] {
  return db
    .select()
    .from(sanctions)
    .where(isActive(now))
    .orderBy(asc(sanctions.createdAt), asc(sanctions.id))
    .all();
}

/** A member's sanction of `type` in force at `now` (the newest, if several), or undefined. */
export function activeSanction(
  db: Db,
  chat: DbChat,
  userId: string,
  type: SanctionKind,
  now: number,
): SanctionRow | undefined {
  return db
    .select()
    .from(sanctions)
    .where(and(ofMember(sanctions, chat, userId), eq(sanctions.type, type), isActive(now)))
    .orderBy(desc(sanctions.createdAt), desc(sanctions.id))
    .limit(1)
    .get();
}

/** Sanctions whose time ran out by `now` but that nobody lifted yet, soonest-ended first. */
export function overdueSanctions(db: Db, now: number): SanctionRow[] {
  return db
    .select()
    .from(sanctions)
    .where(and(isNull(sanctions.liftedAt), isNotNull(sanctions.endsAt), lte(sanctions.endsAt, now)))
    .orderBy(asc(sanctions.endsAt), asc(sanctions.id))
    .all();
}

/** Marks one sanction lifted at `at`. Returns false if it was already lifted (or does not exist). */
export function liftSanction(db: Db, id: number, at: number): boolean {
  return (
    db
      .update(sanctions)
      .set({ liftedAt: at })
      .where(and(eq(sanctions.id, id), isNull(sanctions.liftedAt)))
      .run().changes > 0
  );
}

/**
 * Lifts every unlifted sanction of `type` on a member (an admin's unmute or
 * unban ends them all, overdue ones included). Returns how many were lifted.
 */
export function liftSanctionsFor(
  db: Db,
  chat: DbChat,
  userId: string,
  type: SanctionKind,
  at: number,
): number {
  return db
    .update(sanctions)
    .set({ liftedAt: at })
    .where(and(ofMember(sanctions, chat, userId), eq(sanctions.type, type), isNull(sanctions.liftedAt)))
    .run().changes;
}
