import { desc } from "drizzle-orm";
import type { ActionType } from "../core/decision.js";
import { type DbChat, inChat } from "./chat.js";
import type { Db } from "./open.js";
import { type AuditOutcome, type AuditRow, auditLog } from "./schema.js";

/** One action to record in the audit log. */
export interface NewAudit {
  chat: DbChat;
  at: number;
  userId?: string;
  action: ActionType;
  rule?: string;
  faq?: string;
  command?: string;
  outcome: AuditOutcome;
  /** What was done instead, or the error. */
  detail?: string;
  /** The message text, ALREADY redacted: this layer stores what it is given. */
  text?: string;
}

function toValues(row: NewAudit): typeof auditLog.$inferInsert {
  return {
    at: row.at,
    platform: row.chat.platform,
    chatId: row.chat.chatId,
    userId: row.userId ?? null,
    action: row.action,
    rule: row.rule ?? null,
    faq: row.faq ?? null,
    command: row.command ?? null,
    outcome: row.outcome,
    detail: row.detail ?? null,
    text: row.text ?? null,
  };
}

/** Appends one row to the audit log; returns its id. */
export function recordAudit(db: Db, row: NewAudit): number {
  return db.insert(auditLog).values(toValues(row)).returning({ id: auditLog.id }).get().id;
}

/** Appends several rows in one transaction (one fsync for a whole decision); returns how many. */
export function recordAuditMany(db: Db, rows: readonly NewAudit[]): number {
  if (rows.length === 0) return 0;
  // Row by row rather than one multi-row INSERT, which would hit SQLite's bound-parameter limit on big batches.
  return db.transaction((tx) => {
    for (const row of rows) tx.insert(auditLog).values(toValues(row)).run();
    return rows.length;
  });
}

/** A chat's `n` most recent audit rows, newest first. */
export function recentAudit(db: Db, chat: DbChat, n: number): AuditRow[] {
  return db
    .select()
    .from(auditLog)
    .where(inChat(auditLog, chat))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(n)
    .all();
}
