/**
 * What one group's maintenance report says, computed from SQLite for one chat at one instant:
 * who has gone quiet, who collects warnings, who is muted or banned, which rules fire and which
 * FAQs are asked, and what an admin could clean up. No platform calls: the same numbers for the
 * scheduled run, the /maintenance command and the tests.
 *
 * "Still here" can only be approximated: the members table records sightings, not departures. A
 * member the bot removed (an audited kick or ban carried out after they were last seen) or who is
 * banned here counts as gone; one who left on their own still counts until a leave is recorded.
 */
import { and, asc, eq, gt, gte, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Platform } from "../core/chat-event.js";
import { inChat } from "../db/chat.js";
import type { Db, DbChat } from "../db/mod.js";
import { dayOf } from "../db/mod.js";
import { settlePendingWrites } from "../db/pending-writes.js";
import { auditLog, botAdmins, chats, faqHits, members, ruleHits, sanctions, warnings } from "../db/schema.js";
import type { RulePack } from "../rules/rule-pack.js";
import type { ModerationRule } from "../rules/schema.js";
import type { MaintenanceSettings } from "./config.js";

export const DAY_MS = 86_400_000;

export interface MemberRef {
  userId: string;
  /** The display name as stored (phone and ID numbers already masked); the user id when never seen. */
  name: string;
}

export interface InactiveMember extends MemberRef {
  lastSeenAt: number;
  /** Whole days since last seen. */
  days: number;
}

export interface WarnedMember extends MemberRef {
  /** Warnings counting now (not revoked, not expired). */
  active: number;
  /** Warnings given within the period, revoked or expired ones too. */
  given: number;
}

export interface SanctionedMember extends MemberRef {
  type: "mute" | "ban";
  rule: string;
  since: number;
  /** Null: until lifted. */
  endsAt: number | null;
  soft: boolean;
}

export interface BannedElsewhereMember extends MemberRef {
  /** The other groups (same platform) where a ban stands, by id and title. */
  bannedIn: { chatId: string; title: string | null }[];
}

export interface Count {
  id: string;
  count: number;
}

export type Suggestion =
  | { kind: "remove_inactive"; count: number; days: number }
  | { kind: "remove_banned_elsewhere"; count: number }
  | { kind: "review_sanctions"; count: number; days: number }
  | { kind: "quiet_rules"; ids: string[]; days: number }
  | { kind: "unasked_faqs"; ids: string[]; days: number };

export interface MaintenanceReport {
  chat: DbChat;
  title: string | null;
  category: string;
  now: number;
  inactiveDays: number;
  periodDays: number;
  /** Members seen in this chat and not known to be gone. */
  memberCount: number;
  /** Not seen for inactiveDays, longest silent first; never admins. */
  inactive: InactiveMember[];
  /** Most active warnings, then most given in the period; at most `top`. */
  mostWarned: WarnedMember[];
  /** Mutes and bans in force, oldest first. */
  sanctioned: SanctionedMember[];
  /** Violations per rule over the period, most first. */
  ruleHits: Count[];
  /** FAQ answers over the period, most first; at most `top`. */
  faqHits: Count[];
  /** Members here with a ban standing in another group; never admins. */
  bannedElsewhere: BannedElsewhereMember[];
  /** Rules that apply here, can sanction, are live, and had no hit in the period. */
  quietRules: string[];
  /** FAQs answered in this category that nobody asked in the period. */
  unaskedFaqs: string[];
  suggestions: Suggestion[];
}

export interface ReportInput {
  db: Db;
  chat: DbChat;
  category: string;
  pack: RulePack;
  settings: MaintenanceSettings;
  now: number;
  /** Admins the caller knows besides the rule files and bot_admins (platform admins the engine saw). */
  isAdmin?: (userId: string) => boolean;
  /** Never listed (the bot's own accounts). */
  exclude?: readonly string[];
  /** The zone daily statistics are kept in (the dispatcher's). @defaultValue "Asia/Shanghai" */
  statsTimeZone?: string;
}

/** Computes the report for one chat at `now`. */
export function buildReport(input: ReportInput): MaintenanceReport {
  const { db, chat, category, pack, settings, now } = input;
  // Audit rows and statistics may still be held by a batch writer in this process.
  settlePendingWrites(db);
  const periodStart = now - settings.periodDays * DAY_MS;
  const fromDay = dayOf(now - (settings.periodDays - 1) * DAY_MS, input.statsTimeZone);
  const toDay = dayOf(now, input.statsTimeZone);
  const admins = knownAdmins(db, chat, category, pack);
  const isAdmin = (u: string) => admins.has(u) || (input.isAdmin?.(u) ?? false);
  const excluded = new Set(input.exclude ?? []);

  const seen = db.select().from(members).where(inChat(members, chat)).all();
  const names = new Map(seen.map((m) => [m.userId, m.displayName]));
  const nameOf = (userId: string) => names.get(userId) ?? userId;

  const standing = db
    .select()
    .from(sanctions)
    .where(
      and(
        inChat(sanctions, chat),
        isNull(sanctions.liftedAt),
        or(isNull(sanctions.endsAt), gt(sanctions.endsAt, now)),
      ),
    )
    .orderBy(asc(sanctions.createdAt), asc(sanctions.id))
    .all();
  const bannedHere = new Set(standing.filter((s) => s.type === "ban").map((s) => s.userId));
  const sanctionedHere = new Set(standing.map((s) => s.userId));
  const removed = removedByBot(db, chat);
  const present = seen.filter(
    (m) =>
      !excluded.has(m.userId) && !bannedHere.has(m.userId) && (removed.get(m.userId) ?? -1) < m.lastSeenAt,
  );

  const cutoff = now - settings.inactiveDays * DAY_MS;
  const inactive = present
    .filter((m) => m.lastSeenAt < cutoff && !sanctionedHere.has(m.userId) && !isAdmin(m.userId))
    .sort((a, b) => a.lastSeenAt - b.lastSeenAt || cmp(a.userId, b.userId))
    .map((m) => ({
      userId: m.userId,
      name: m.displayName,
      lastSeenAt: m.lastSeenAt,
      days: Math.floor((now - m.lastSeenAt) / DAY_MS),
    }));

  // One line per member and kind: the newest of several overlapping mutes says how long it lasts.
  const byMemberAndKind = new Map<string, (typeof standing)[number]>();
  for (const s of standing) byMemberAndKind.set(`${s.userId}\u0000${s.type}`, s);
  const standingRows = [...byMemberAndKind.values()]
    .filter((s) => !excluded.has(s.userId))
    .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  const warnedRows = warnedMembers(db, chat, now, periodStart)
    .filter((w) => !excluded.has(w.userId))
    .slice(0, settings.top);
  // Sanctioned or warned by id without ever being seen here (/ban 12345): a name from another group helps.
  const unnamed = [...standingRows, ...warnedRows].map((r) => r.userId).filter((u) => !names.has(u));
  for (const [userId, name] of namesElsewhere(db, chat.platform, unnamed)) names.set(userId, name);
  const sanctioned = standingRows.map((s) => ({
    userId: s.userId,
    name: nameOf(s.userId),
    type: s.type,
    rule: s.rule,
    since: s.createdAt,
    endsAt: s.endsAt,
    soft: s.soft,
  }));
  const mostWarned = warnedRows.map((w) => ({ ...w, name: nameOf(w.userId) }));

  const ruleHits = countsSince(db, chat, "rule", fromDay, toDay);
  const faqCounts = countsSince(db, chat, "faq", fromDay, toDay);

  const presentIds = present.filter((m) => !isAdmin(m.userId)).map((m) => m.userId);
  const bannedElsewhere = bannedInOtherChats(db, chat, presentIds, now)
    .map(([userId, bannedIn]) => ({ userId, name: nameOf(userId), bannedIn }))
    .sort((a, b) => cmp(a.name, b.name) || cmp(a.userId, b.userId));

  const hitRules = new Set(ruleHits.map((h) => h.id));
  const quietRules = pack.moderation
    .filter((r) => r.enabled && !r.dry_run && appliesIn(r, category) && canSanction(r) && !hitRules.has(r.id))
    .map((r) => r.id);
  const asked = new Set(faqCounts.map((h) => h.id));
  const unaskedFaqs =
    pack.categories[category]?.faq === false
      ? []
      : pack.faq.entries
          .filter((f) => (!f.categories || f.categories.includes(category)) && !asked.has(f.id))
          .map((f) => f.id);

  const suggestions: Suggestion[] = [];
  if (inactive.length > 0)
    suggestions.push({ kind: "remove_inactive", count: inactive.length, days: settings.inactiveDays });
  if (bannedElsewhere.length > 0)
    suggestions.push({ kind: "remove_banned_elsewhere", count: bannedElsewhere.length });
  // A sanction without an end that has stood the whole period is worth a second look.
  const stale = sanctioned.filter((s) => s.endsAt === null && s.since < periodStart).length;
  if (stale > 0) suggestions.push({ kind: "review_sanctions", count: stale, days: settings.periodDays });
  if (quietRules.length > 0)
    suggestions.push({ kind: "quiet_rules", ids: quietRules, days: settings.periodDays });
  if (unaskedFaqs.length > 0)
    suggestions.push({ kind: "unasked_faqs", ids: unaskedFaqs, days: settings.periodDays });

  const title = db.select({ title: chats.title }).from(chats).where(inChat(chats, chat)).get()?.title;
  return {
    chat,
    title: title ?? null,
    category,
    now,
    inactiveDays: settings.inactiveDays,
    periodDays: settings.periodDays,
    memberCount: present.length,
    inactive,
    mostWarned,
    sanctioned,
    ruleHits,
    faqHits: faqCounts.slice(0, settings.top),
    bannedElsewhere,
    quietRules,
    unaskedFaqs,
    suggestions,
  };
}

/** Code-point order: the same on every machine, unlike localeCompare. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The group's admins the bot knows by id: owners and category admins from the rule files, then bot
 * admins appointed for this chat or its category (oldest appointment first). Platform admins are
 * not stored; callers that know them pass isAdmin.
 */
export function knownAdmins(db: Db, chat: DbChat, category: string, pack: RulePack): Set<string> {
  const ids = new Set<string>();
  for (const p of [...pack.admins.owners, ...(pack.admins.categories[category] ?? [])])
    if (p.platform === chat.platform) ids.add(p.id);
  const appointed = db
    .select({ userId: botAdmins.userId })
    .from(botAdmins)
    .where(
      and(
        eq(botAdmins.platform, chat.platform),
        or(
          and(eq(botAdmins.scope, "chat"), eq(botAdmins.scopeId, chat.chatId)),
          and(eq(botAdmins.scope, "category"), eq(botAdmins.scopeId, category)),
        ),
      ),
    )
    .orderBy(asc(botAdmins.addedAt), asc(botAdmins.userId))
    .all();
  for (const a of appointed) ids.add(a.userId);
  return ids;
}

/** The latest name each of `userIds` was seen under in any chat of the platform. */
function namesElsewhere(db: Db, platform: Platform, userIds: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  const unique = [...new Set(userIds)];
  // In slices: SQLite limits the variables of one statement.
  for (let i = 0; i < unique.length; i += 500) {
    const rows = db
      .select({ userId: members.userId, name: members.displayName })
      .from(members)
      .where(and(eq(members.platform, platform), inArray(members.userId, unique.slice(i, i + 500))))
      .orderBy(asc(members.lastSeenAt))
      .all();
    for (const r of rows) found.set(r.userId, r.name);
  }
  return found;
}

/** When the bot last removed each member from this chat (a kick or ban carried out). */
function removedByBot(db: Db, chat: DbChat): Map<string, number> {
  const rows = db
    .select({ userId: auditLog.userId, at: sql<number>`max(${auditLog.at})` })
    .from(auditLog)
    .where(
      and(inChat(auditLog, chat), inArray(auditLog.action, ["kick", "ban"]), eq(auditLog.outcome, "done")),
    )
    .groupBy(auditLog.userId)
    .all();
  return new Map(rows.flatMap((r) => (r.userId === null ? [] : [[r.userId, r.at] as const])));
}

/** Members with active warnings or warnings given since `since`, most active first, then most given. */
function warnedMembers(db: Db, chat: DbChat, now: number, since: number) {
  const active = sql<number>`sum(case when ${warnings.revokedAt} is null and (${warnings.expiresAt} is null or ${warnings.expiresAt} > ${now}) then 1 else 0 end)`;
  const given = sql<number>`sum(case when ${warnings.createdAt} >= ${since} then 1 else 0 end)`;
  return db
    .select({ userId: warnings.userId, active, given })
    .from(warnings)
    .where(inChat(warnings, chat))
    .groupBy(warnings.userId)
    .all()
    .filter((w) => w.active > 0 || w.given > 0)
    .sort((a, b) => b.active - a.active || b.given - a.given || cmp(a.userId, b.userId));
}

/** Rule hits or FAQ answers per id between two local days (inclusive), most first. */
function countsSince(db: Db, chat: DbChat, what: "rule" | "faq", fromDay: string, toDay: string): Count[] {
  const table = what === "rule" ? ruleHits : faqHits;
  const idColumn = what === "rule" ? ruleHits.rule : faqHits.faq;
  const total = sql<number>`sum(${table.count})`;
  return db
    .select({ id: idColumn, count: total })
    .from(table)
    .where(and(inChat(table, chat), gte(table.day, fromDay), lte(table.day, toDay)))
    .groupBy(idColumn)
    .all()
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || cmp(a.id, b.id));
}

/** For each of `userIds`, the other chats of the platform where a ban on them stands at `now`. */
function bannedInOtherChats(
  db: Db,
  chat: DbChat,
  userIds: readonly string[],
  now: number,
): [string, { chatId: string; title: string | null }[]][] {
  if (userIds.length === 0) return [];
  const wanted = new Set(userIds);
  const rows = db
    .select({ userId: sanctions.userId, chatId: sanctions.chatId, title: chats.title })
    .from(sanctions)
    .leftJoin(chats, and(eq(chats.platform, sanctions.platform), eq(chats.chatId, sanctions.chatId)))
    .where(
      and(
        eq(sanctions.platform, chat.platform as Platform),
        ne(sanctions.chatId, chat.chatId),
        eq(sanctions.type, "ban"),
        isNull(sanctions.liftedAt),
        or(isNull(sanctions.endsAt), gt(sanctions.endsAt, now)),
      ),
    )
    .orderBy(asc(sanctions.chatId))
    .all();
  const found = new Map<string, Map<string, string | null>>();
  for (const r of rows) {
    // Filtered here rather than with IN (…): a big group would exceed SQLite's variable limit.
    if (!wanted.has(r.userId)) continue;
    let chatsOf = found.get(r.userId);
    if (!chatsOf) {
      chatsOf = new Map();
      found.set(r.userId, chatsOf);
    }
    chatsOf.set(r.chatId, r.title);
  }
  return [...found].map(([userId, m]) => [userId, [...m].map(([chatId, title]) => ({ chatId, title }))]);
}

function appliesIn(rule: ModerationRule, category: string): boolean {
  if (rule.categories && !rule.categories.includes(category)) return false;
  return !(rule.exempt?.categories ?? []).includes(category);
}

/**
 * Only a rule that can sanction is counted in rule_hits (the dispatcher counts the sanction's rule):
 * a rule that only replies or notifies would always look quiet.
 */
function canSanction(rule: ModerationRule): boolean {
  return rule.actions.some((a) => (typeof a === "string" ? a !== "notify" : "mute" in a || "ban" in a));
}
