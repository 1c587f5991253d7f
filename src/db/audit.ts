import { desc, sql } from "drizzle-orm";
import type { ActionType } from "../core/decision.js";
import { type DbChat, inChat } from "./chat.js";
import type { Db } from "./open.js";
import { settlePendingWrites } from "./pending-writes.js";
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

/** Appends several rows in one transaction (one commit for a whole batch); returns how many. */
export function recordAuditMany(db: Db, rows: readonly NewAudit[]): number {
  if (rows.length === 0) return 0;
  return db.transaction((tx) => insertAudit(tx, rows));
}

/** Appends rows inside the caller's transaction (a batch writer's flush); returns how many. */
export function insertAudit(db: Db, rows: readonly NewAudit[]): number {
  // Row by row rather than one multi-row INSERT, which would hit SQLite's bound-parameter limit on big batches.
  for (const row of rows) db.insert(auditLog).values(toValues(row)).run();
  return rows.length;
}

const p = (name: keyof typeof auditLog.$inferInsert) => sql.placeholder(name);

/**
 * A statement prepared once that appends one audit row, for a writer that appends many: building
 * and preparing the INSERT anew cost several times the write itself (about 70 µs against 10 µs a
 * row). Run it inside the caller's transaction on the same connection.
 */
export function auditAppender(db: Db): (row: NewAudit) => void {
  const insert = db
    .insert(auditLog)
    .values({
      at: p("at"),
      platform: p("platform"),
      chatId: p("chatId"),
      userId: p("userId"),
      action: p("action"),
      rule: p("rule"),
      faq: p("faq"),
      command: p("command"),
      outcome: p("outcome"),
      detail: p("detail"),
      text: p("text"),
    })
    .prepare();
  return (row) => {
    insert.run(toValues(row));
  };
}

/** A chat's `n` most recent audit rows, newest first. */
export function recentAudit(db: Db, chat: DbChat, n: number): AuditRow[] {
  // Rows a batch writer still holds are part of the log.
  settlePendingWrites(db);
  return db
    .select()
    .from(auditLog)
    .where(inChat(auditLog, chat))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(n)
    .all();
}
