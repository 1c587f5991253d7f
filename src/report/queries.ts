/**
 * What the report reads from SQLite: one query per table, over every chat at once, within the
 * report's days. Rows stay per chat; sections add them up per group, category or overall.
 */
import { and, asc, between, gte, lte, sql } from "drizzle-orm";
import type { Platform } from "../core/chat-event.js";
import { localDay } from "../core/clock.js";
import type { Db } from "../db/open.js";
import type { DeliveryRow } from "../db/schema.js";
import { chats, dailyStats, deliveries, faqHits, ruleHits } from "../db/schema.js";
import type { ReportWindow } from "./window.js";

/** A chat as the report names it. */
export interface ReportChat {
  platform: Platform;
  chatId: string;
  /** The title as last seen; null when the platform gave none or the chat is only known from its counters. */
  title: string | null;
  /** Null for a chat that has counters but was never recorded in `chats` (data older than that table). */
  category: string | null;
}

export interface DayCounts {
  platform: Platform;
  chatId: string;
  day: string;
  messages: number;
  joins: number;
  leaves: number;
  faqAnswers: number;
  violations: number;
}

/** A count per chat and per key (a rule id, an FAQ id). */
export interface KeyedCount {
  platform: Platform;
  chatId: string;
  key: string;
  count: number;
}

export type DeliveryStatus = DeliveryRow["status"];

export interface DeliveryCount {
  platform: Platform;
  chatId: string;
  promo: string;
  status: DeliveryStatus;
  count: number;
}

/** Daily counters of every chat within the window; days without a row had no activity. */
export function dayCounts(db: Db, w: ReportWindow): DayCounts[] {
  return db
    .select({
      platform: dailyStats.platform,
      chatId: dailyStats.chatId,
      day: dailyStats.day,
      messages: dailyStats.messages,
      joins: dailyStats.joins,
      leaves: dailyStats.leaves,
      faqAnswers: dailyStats.faqAnswers,
      violations: dailyStats.violations,
    })
    .from(dailyStats)
    .where(between(dailyStats.day, w.from, w.until))
    .orderBy(asc(dailyStats.platform), asc(dailyStats.chatId), asc(dailyStats.day))
    .all();
}

/** Violations per chat and rule, summed over the window. */
export function ruleHitCounts(db: Db, w: ReportWindow): KeyedCount[] {
  return db
    .select({
      platform: ruleHits.platform,
      chatId: ruleHits.chatId,
      key: ruleHits.rule,
      count: sql<number>`sum(${ruleHits.count})`,
    })
    .from(ruleHits)
    .where(between(ruleHits.day, w.from, w.until))
    .groupBy(ruleHits.platform, ruleHits.chatId, ruleHits.rule)
    .orderBy(asc(ruleHits.platform), asc(ruleHits.chatId), asc(ruleHits.rule))
    .all();
}

/** FAQ answers per chat and FAQ id, summed over the window. */
export function faqHitCounts(db: Db, w: ReportWindow): KeyedCount[] {
  return db
    .select({
      platform: faqHits.platform,
      chatId: faqHits.chatId,
      key: faqHits.faq,
      count: sql<number>`sum(${faqHits.count})`,
    })
    .from(faqHits)
    .where(between(faqHits.day, w.from, w.until))
    .groupBy(faqHits.platform, faqHits.chatId, faqHits.faq)
    .orderBy(asc(faqHits.platform), asc(faqHits.chatId), asc(faqHits.faq))
    .all();
}

/**
 * Promo deliveries per chat, promo and ledger status, for the slots that fall on the window's
 * days. A slot is an instant, so its day depends on the zone: SQL narrows by a bound two days
 * wider than any UTC offset, and the exact local day is decided here.
 */
export function deliveryCounts(db: Db, w: ReportWindow): DeliveryCount[] {
  const margin = 2 * 86_400_000;
  const rows = db
    .select({
      platform: deliveries.platform,
      chatId: deliveries.chatId,
      promo: deliveries.promo,
      status: deliveries.status,
      slot: deliveries.slot,
    })
    .from(deliveries)
    .where(
      and(
        gte(deliveries.slot, Date.parse(`${w.from}T00:00:00Z`) - margin),
        lte(deliveries.slot, Date.parse(`${w.until}T00:00:00Z`) + 86_400_000 + margin),
      ),
    )
    .all();
  const counts = new Map<string, DeliveryCount>();
  for (const r of rows) {
    const day = localDay(r.slot, w.timeZone);
    if (day < w.from || day > w.until) continue;
    const key = JSON.stringify([r.platform, r.chatId, r.promo, r.status]);
    const c = counts.get(key);
    if (c) c.count++;
    else
      counts.set(key, { platform: r.platform, chatId: r.chatId, promo: r.promo, status: r.status, count: 1 });
  }
  return [...counts.values()].sort(
    (a, b) =>
      cmp(a.platform, b.platform) ||
      cmp(a.chatId, b.chatId) ||
      cmp(a.promo, b.promo) ||
      cmp(a.status, b.status),
  );
}

/** Every chat the bot has recorded, ordered by platform and id. */
export function knownChats(db: Db): ReportChat[] {
  return db
    .select({ platform: chats.platform, chatId: chats.chatId, title: chats.title, category: chats.category })
    .from(chats)
    .orderBy(asc(chats.platform), asc(chats.chatId))
    .all();
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
