import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { ActionType, Explanation } from "../core/decision.js";
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
  /** The message the action was about. */
  messageId?: string;
  /** The bot's notice that announced the action. */
  noticeId?: string;
  /** Why the rule sanctioned; stored as JSON. */
  explanation?: Explanation;
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
    messageId: row.messageId ?? null,
    noticeId: row.noticeId ?? null,
    explanation: row.explanation === undefined ? null : JSON.stringify(row.explanation),
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
      messageId: p("messageId"),
      noticeId: p("noticeId"),
      explanation: p("explanation"),
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

/** One audit row of a chat by its id (`/why 123`); undefined when that chat has no such row. */
export function auditEntry(db: Db, chat: DbChat, id: number): AuditRow | undefined {
  settlePendingWrites(db);
  return db
    .select()
    .from(auditLog)
    .where(and(inChat(auditLog, chat), eq(auditLog.id, id)))
    .get();
}

/**
 * Every row of the decision a bot notice announced, oldest first: the row(s) carrying that notice,
 * and the rows of the same message at the same moment (the delete that came with a warning has
 * no notice of its own). Empty when the notice is not the bot's or its rows are gone.
 */
export function auditByNotice(db: Db, chat: DbChat, noticeId: string): AuditRow[] {
  settlePendingWrites(db);
  const announced = db
    .select()
    .from(auditLog)
    .where(and(inChat(auditLog, chat), eq(auditLog.noticeId, noticeId)))
    .all();
  const byId = new Map(announced.map((r) => [r.id, r]));
  for (const r of announced) {
    if (r.messageId === null) continue;
    const siblings = db
      .select()
      .from(auditLog)
      .where(and(inChat(auditLog, chat), eq(auditLog.messageId, r.messageId), eq(auditLog.at, r.at)))
      .all();
    for (const sibling of siblings) byId.set(sibling.id, sibling);
  }
  const rows = [...byId.values()];
  return rows.sort((a, b) => a.id - b.id);
}

/** Every audit row about one message of a chat, oldest first. */
export function auditForMessage(db: Db, chat: DbChat, messageId: string): AuditRow[] {
  settlePendingWrites(db);
  return db
    .select()
    .from(auditLog)
    .where(and(inChat(auditLog, chat), eq(auditLog.messageId, messageId)))
    .orderBy(asc(auditLog.id))
    .all();
}
