/**
 * What the report reads from SQLite: one query per table, over every chat at once, within the
 * report's days. Rows stay per chat; sections add them up per group, category or overall.
 */
import { and, asc, between, gte, lt, sql } from "drizzle-orm";
import type { Platform } from "../core/chat-event.js";
import type { ActionType } from "../core/decision.js";
import type { Db } from "../db/open.js";
import {
  type AuditOutcome,
  auditLog,
  chats,
  type DeliveryRow,
  dailyStats,
  deliveries,
  faqHits,
  learnedSamples,
  ruleHits,
  type SampleLabel,
} from "../db/schema.js";
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

export interface ActionCount {
  platform: Platform;
  chatId: string;
  action: ActionType;
  outcome: AuditOutcome;
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

/** Promo deliveries per chat, promo and ledger status, for the slots within the window. */
export function deliveryCounts(db: Db, w: ReportWindow): DeliveryCount[] {
  return db
    .select({
      platform: deliveries.platform,
      chatId: deliveries.chatId,
      promo: deliveries.promo,
      status: deliveries.status,
      count: sql<number>`count(*)`,
    })
    .from(deliveries)
    .where(and(gte(deliveries.slot, w.startsAt), lt(deliveries.slot, w.endsAt)))
    .groupBy(deliveries.platform, deliveries.chatId, deliveries.promo, deliveries.status)
    .orderBy(asc(deliveries.platform), asc(deliveries.chatId), asc(deliveries.promo), asc(deliveries.status))
    .all();
}

/** Actions the bot took or tried (the audit log) per chat, action type and outcome, within the window. */
export function actionCounts(db: Db, w: ReportWindow): ActionCount[] {
  return db
    .select({
      platform: auditLog.platform,
      chatId: auditLog.chatId,
      action: auditLog.action,
      outcome: auditLog.outcome,
      count: sql<number>`count(*)`,
    })
    .from(auditLog)
    .where(and(gte(auditLog.at, w.startsAt), lt(auditLog.at, w.endsAt)))
    .groupBy(auditLog.platform, auditLog.chatId, auditLog.action, auditLog.outcome)
    .orderBy(asc(auditLog.platform), asc(auditLog.chatId), asc(auditLog.action), asc(auditLog.outcome))
    .all();
}

export interface SampleCount {
  platform: Platform;
  chatId: string;
  label: SampleLabel;
  count: number;
}

/**
 * Samples admins taught (/spam, /notspam) per chat where they were taught and label, within the
 * window: those still kept (a text moved to the other label counts once, under its new label).
 */
export function learnedSampleCounts(db: Db, w: ReportWindow): SampleCount[] {
  return db
    .select({
      platform: learnedSamples.platform,
      chatId: learnedSamples.chatId,
      label: learnedSamples.label,
      count: sql<number>`count(*)`,
    })
    .from(learnedSamples)
    .where(and(gte(learnedSamples.at, w.startsAt), lt(learnedSamples.at, w.endsAt)))
    .groupBy(learnedSamples.platform, learnedSamples.chatId, learnedSamples.label)
    .orderBy(asc(learnedSamples.platform), asc(learnedSamples.chatId), asc(learnedSamples.label))
    .all();
}

/** Every chat the bot has recorded, ordered by platform and id. */
export function knownChats(db: Db): ReportChat[] {
  return db
    .select({ platform: chats.platform, chatId: chats.chatId, title: chats.title, category: chats.category })
    .from(chats)
    .orderBy(asc(chats.platform), asc(chats.chatId))
    .all();
}
