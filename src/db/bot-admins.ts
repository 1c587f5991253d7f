/** Bot admins appointed from the chat, per group or per category. */
import { and, asc, eq } from "drizzle-orm";
import type { Platform } from "../core/chat-event.js";
import type { Db } from "./open.js";
import { type BotAdminRow, botAdmins } from "./schema.js";

export interface AdminScope {
  platform: Platform;
  scope: "chat" | "category";
  /** The chat id, or the category name. */
  scopeId: string;
}

function inScope(s: AdminScope) {
  return and(
    eq(botAdmins.platform, s.platform),
    eq(botAdmins.scope, s.scope),
    eq(botAdmins.scopeId, s.scopeId),
  );
}

/** Appoints; false when they already were one. */
export function addBotAdmin(
  db: Db,
  s: AdminScope,
  admin: { userId: string; displayName?: string; addedBy: string; at: number },
): boolean {
  const result = db
    .insert(botAdmins)
    .values({
      ...s,
      userId: admin.userId,
      displayName: admin.displayName ?? null,
      addedBy: admin.addedBy,
      addedAt: admin.at,
    })
    .onConflictDoNothing()
    .run();
  return result.changes > 0;
}

/** Dismisses; false when they were not one. */
export function removeBotAdmin(db: Db, s: AdminScope, userId: string): boolean {
  return (
    db
      .delete(botAdmins)
      .where(and(inScope(s), eq(botAdmins.userId, userId)))
      .run().changes > 0
  );
}

export function listBotAdmins(db: Db, s: AdminScope): BotAdminRow[] {
  return db.select().from(botAdmins).where(inScope(s)).orderBy(asc(botAdmins.addedAt)).all();
}

/** Every appointment, to build the in-memory lookup at start. */
export function allBotAdmins(db: Db): BotAdminRow[] {
  return db.select().from(botAdmins).all();
}
