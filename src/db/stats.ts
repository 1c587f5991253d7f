import { and, asc, desc, gte, sql } from "drizzle-orm";
import { localDay } from "../core/clock.js";
import { type DbChat, inChat } from "./chat.js";
import type { Db } from "./open.js";
import { settlePendingWrites } from "./pending-writes.js";
import { dailyStats, faqHits, ruleHits } from "./schema.js";

/** Amounts to add to one day's counters; omitted counters stay as they are. */
export interface StatsDelta {
  messages?: number;
  joins?: number;
  leaves?: number;
  faqAnswers?: number;
  violations?: number;
}

/** A chat's counters summed over a range of days. */
export interface StatsTotals {
  messages: number;
  joins: number;
  leaves: number;
  faqAnswers: number;
  violations: number;
  /** Violations per rule, most frequent first. */
  byRule: { rule: string; count: number }[];
  /** Answers per FAQ, most frequent first. */
  byFaq: { faq: string; count: number }[];
}

/** Adds `delta` to a chat's counters for `day` ("YYYY-MM-DD"), creating the day's row if needed. */
export function bumpStats(db: Db, chat: DbChat, day: string, delta: StatsDelta): void {
  const d = {
    messages: delta.messages ?? 0,
    joins: delta.joins ?? 0,
    leaves: delta.leaves ?? 0,
    faqAnswers: delta.faqAnswers ?? 0,
    violations: delta.violations ?? 0,
  };
  db.insert(dailyStats)
    .values({ platform: chat.platform, chatId: chat.chatId, day, ...d })
    .onConflictDoUpdate({
      target: [dailyStats.platform, dailyStats.chatId, dailyStats.day],
      set: {
        messages: sql`${dailyStats.messages} + ${d.messages}`,
        joins: sql`${dailyStats.joins} + ${d.joins}`,
        leaves: sql`${dailyStats.leaves} + ${d.leaves}`,
        faqAnswers: sql`${dailyStats.faqAnswers} + ${d.faqAnswers}`,
        violations: sql`${dailyStats.violations} + ${d.violations}`,
      },
    })
    .run();
}

/** Counts one violation (or `by`) of `rule` on `day`. */
export function bumpRuleHit(db: Db, chat: DbChat, day: string, rule: string, by = 1): void {
  db.insert(ruleHits)
    .values({ platform: chat.platform, chatId: chat.chatId, day, rule, count: by })
    .onConflictDoUpdate({
      target: [ruleHits.platform, ruleHits.chatId, ruleHits.day, ruleHits.rule],
      set: { count: sql`${ruleHits.count} + ${by}` },
    })
    .run();
}

/** Counts one answer (or `by`) of `faq` on `day`. */
export function bumpFaqHit(db: Db, chat: DbChat, day: string, faq: string, by = 1): void {
  db.insert(faqHits)
    .values({ platform: chat.platform, chatId: chat.chatId, day, faq, count: by })
    .onConflictDoUpdate({
      target: [faqHits.platform, faqHits.chatId, faqHits.day, faqHits.faq],
      set: { count: sql`${faqHits.count} + ${by}` },
    })
    .run();
}

/** Prepared upserts that add to the counters, for a writer that flushes many at once. */
export interface StatsAdder {
  stats(chat: DbChat, day: string, delta: Required<StatsDelta>): void;
  ruleHit(chat: DbChat, day: string, rule: string, by: number): void;
  faqHit(chat: DbChat, day: string, faq: string, by: number): void;
}

/**
 * The upserts of bumpStats, bumpRuleHit and bumpFaqHit prepared once: building and preparing each
 * anew costs several times the write. `excluded.x` is the value the INSERT tried to put in. Run
 * them inside the caller's transaction on the same connection.
 */
export function statsAdder(db: Db): StatsAdder {
  const p = sql.placeholder;
  const plus = (column: { name: string }) => sql.raw(`"${column.name}" + excluded."${column.name}"`);
  const daily = db
    .insert(dailyStats)
    .values({
      platform: p("platform"),
      chatId: p("chatId"),
      day: p("day"),
      messages: p("messages"),
      joins: p("joins"),
      leaves: p("leaves"),
      faqAnswers: p("faqAnswers"),
      violations: p("violations"),
    })
    .onConflictDoUpdate({
      target: [dailyStats.platform, dailyStats.chatId, dailyStats.day],
      set: {
        messages: plus(dailyStats.messages),
        joins: plus(dailyStats.joins),
        leaves: plus(dailyStats.leaves),
        faqAnswers: plus(dailyStats.faqAnswers),
        violations: plus(dailyStats.violations),
      },
    })
    .prepare();
  const rule = db
    .insert(ruleHits)
    .values({
      platform: p("platform"),
      chatId: p("chatId"),
      day: p("day"),
      rule: p("rule"),
      count: p("count"),
    })
    .onConflictDoUpdate({
      target: [ruleHits.platform, ruleHits.chatId, ruleHits.day, ruleHits.rule],
      set: { count: plus(ruleHits.count) },
    })
    .prepare();
  const faq = db
    .insert(faqHits)
    .values({ platform: p("platform"), chatId: p("chatId"), day: p("day"), faq: p("faq"), count: p("count") })
    .onConflictDoUpdate({
      target: [faqHits.platform, faqHits.chatId, faqHits.day, faqHits.faq],
      set: { count: plus(faqHits.count) },
    })
    .prepare();
  return {
    stats: (chat, day, delta) =>
      void daily.run({ platform: chat.platform, chatId: chat.chatId, day, ...delta }),
    ruleHit: (chat, day, id, by) =>
      void rule.run({ platform: chat.platform, chatId: chat.chatId, day, rule: id, count: by }),
    faqHit: (chat, day, id, by) =>
      void faq.run({ platform: chat.platform, chatId: chat.chatId, day, faq: id, count: by }),
  };
}

/** A chat's totals from `fromDay` (inclusive, "YYYY-MM-DD") onwards. */
export function statsSince(db: Db, chat: DbChat, fromDay: string): StatsTotals {
  // Counts a batch writer still holds are part of the totals.
  settlePendingWrites(db);
  // coalesce: SUM over no rows is NULL, and sqlite returns it as null, not 0.
  const totals = db
    .select({
      messages: sql<number>`coalesce(sum(${dailyStats.messages}), 0)`,
      joins: sql<number>`coalesce(sum(${dailyStats.joins}), 0)`,
      leaves: sql<number>`coalesce(sum(${dailyStats.leaves}), 0)`,
      faqAnswers: sql<number>`coalesce(sum(${dailyStats.faqAnswers}), 0)`,
      violations: sql<number>`coalesce(sum(${dailyStats.violations}), 0)`,
    })
    .from(dailyStats)
    .where(and(inChat(dailyStats, chat), gte(dailyStats.day, fromDay)))
    .get()!;
  const ruleCount = sql<number>`sum(${ruleHits.count})`;
  const byRule = db
    .select({ rule: ruleHits.rule, count: ruleCount })
    .from(ruleHits)
    .where(and(inChat(ruleHits, chat), gte(ruleHits.day, fromDay)))
    .groupBy(ruleHits.rule)
    .orderBy(desc(ruleCount), asc(ruleHits.rule))
    .all();
  const faqCount = sql<number>`sum(${faqHits.count})`;
  const byFaq = db
    .select({ faq: faqHits.faq, count: faqCount })
    .from(faqHits)
    .where(and(inChat(faqHits, chat), gte(faqHits.day, fromDay)))
    .groupBy(faqHits.faq)
    .orderBy(desc(faqCount), asc(faqHits.faq))
    .all();
  return { ...totals, byRule, byFaq };
}

/**
 * The local calendar day ("YYYY-MM-DD") of an instant in `timeZone`: stats
 * roll over at the merchants' midnight, not UTC's. Runs per message, so it
 * reuses the clock's per-hour offset cache instead of an Intl call each time.
 */
export function dayOf(atMs: number, timeZone = "Asia/Shanghai"): string {
  return localDay(atMs, timeZone);
}
