/**
 * The whole SQLite schema in one place; drizzle-kit generates migrations from
 * this file. Times are epoch milliseconds (the event model's clock), so they
 * are plain integers rather than drizzle's Date-mapped timestamp mode.
 */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Platform } from "../core/chat-event.js";
import type { ActionType } from "../core/decision.js";

/** How a recorded action turned out. */
export const AUDIT_OUTCOMES = ["done", "degraded", "refused", "failed", "shadow"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The sanctions that last over time (kicks and deletes are one-off and live only in the audit log). */
export const SANCTION_KINDS = ["mute", "ban"] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

/** Every member the bot has seen, per chat. */
export const members = sqliteTable(
  "members",
  {
    platform: text("platform").$type<Platform>().notNull(),
    chatId: text("chat_id").notNull(),
    userId: text("user_id").notNull(),
    displayName: text("display_name").notNull(),
    firstSeenAt: integer("first_seen_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    messageCount: integer("message_count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId, t.userId] })],
);

/** Warnings, kept after revocation or expiry so the history stays auditable. */
export const warnings = sqliteTable(
  "warnings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platform: text("platform").$type<Platform>().notNull(),
    chatId: text("chat_id").notNull(),
    userId: text("user_id").notNull(),
    /** Rule id, or the command that issued it. */
    rule: text("rule").notNull(),
    reason: text("reason"),
    createdAt: integer("created_at").notNull(),
    /** Null means the warning never expires. */
    expiresAt: integer("expires_at"),
    revokedAt: integer("revoked_at"),
    revokedBy: text("revoked_by"),
  },
  (t) => [index("warnings_member_idx").on(t.platform, t.chatId, t.userId)],
);

/** Mutes and bans, open until lifted, so a restart can resume or lift them. */
export const sanctions = sqliteTable(
  "sanctions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platform: text("platform").$type<Platform>().notNull(),
    chatId: text("chat_id").notNull(),
    userId: text("user_id").notNull(),
    type: text("type", { enum: SANCTION_KINDS }).notNull(),
    rule: text("rule").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Null means permanent. */
    endsAt: integer("ends_at"),
    liftedAt: integer("lifted_at"),
    /** A mute the bot enforces itself (deleting messages) because the platform cannot mute. */
    soft: integer("soft", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    index("sanctions_member_idx").on(t.platform, t.chatId, t.userId),
    index("sanctions_ends_at_idx").on(t.endsAt),
  ],
);

/** One row per action attempted (or only shadowed), with what really happened. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    platform: text("platform").$type<Platform>().notNull(),
    chatId: text("chat_id").notNull(),
    userId: text("user_id"),
    action: text("action").$type<ActionType>().notNull(),
    rule: text("rule"),
    faq: text("faq"),
    command: text("command"),
    outcome: text("outcome", { enum: AUDIT_OUTCOMES }).notNull(),
    /** What was done instead, or the error. */
    detail: text("detail"),
    /** The message text, already redacted by the caller. */
    text: text("text"),
    /** The message the action was about (message events only). */
    messageId: text("message_id"),
    /**
     * The bot's own notice that announced the action (the warning, mute, kick, ban or recall
     * message), so that an admin replying to that notice (`/notspam`) is mapped back to it.
     */
    noticeId: text("notice_id"),
    /** Why the rule sanctioned: the action's Explanation as JSON (signal names and weights, no text). */
    explanation: text("explanation"),
  },
  (t) => [
    // recentAudit reads one chat newest first.
    index("audit_log_chat_at_idx").on(t.platform, t.chatId, t.at),
    // auditByNotice: a reply to the bot's notice finds its decision.
    index("audit_log_notice_idx").on(t.platform, t.chatId, t.noticeId),
    // auditForMessage, and the rows that came with a notice's row.
    index("audit_log_message_idx").on(t.platform, t.chatId, t.messageId),
  ],
);

/** Per-chat counters for one local day. */
export const dailyStats = sqliteTable(
  "daily_stats",
  {
    platform: text("platform").$type<Platform>().notNull(),
    chatId: text("chat_id").notNull(),
    /** "YYYY-MM-DD" in the bot's time zone; sorts as text. */
    day: text("day").notNull(),
    messages: integer("messages").notNull().default(0),
    joins: integer("joins").notNull().default(0),
    leaves: integer("leaves").notNull().default(0),
    faqAnswers: integer("faq_answers").notNull().default(0),
    violations: integer("violations").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId, t.day] })],
);

/** Violations per rule per day. */
export const ruleHits = sqliteTable(
  "rule_hits",
  {
    platform: text("platform").$type<Platform>().notNull(),
    chatId: text("chat_id").notNull(),
    day: text("day").notNull(),
    rule: text("rule").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId, t.day, t.rule] })],
);

/** FAQ answers per FAQ per day. */
export const faqHits = sqliteTable(
  "faq_hits",
  {
    platform: text("platform").$type<Platform>().notNull(),
    chatId: text("chat_id").notNull(),
    day: text("day").notNull(),
    faq: text("faq").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId, t.day, t.faq] })],
);

/** Bot admins appointed in chat (`/admin add`): the merchant's staff, for one group or for every group of a category. */
export const botAdmins = sqliteTable(
  "bot_admins",
  {
    platform: text("platform").$type<Platform>().notNull(),
    /** "chat" or "category". */
    scope: text("scope", { enum: ["chat", "category"] }).notNull(),
    /** The chat id, or the category name. */
    scopeId: text("scope_id").notNull(),
    userId: text("user_id").notNull(),
    displayName: text("display_name"),
    addedBy: text("added_by").notNull(),
    addedAt: integer("added_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.scope, t.scopeId, t.userId] })],
);

/** Per-chat switches set from the chat (`/dryrun on`). */
export const chatSettings = sqliteTable(
  "chat_settings",
  {
    platform: text("platform").$type<Platform>().notNull(),
    chatId: text("chat_id").notNull(),
    dryRun: integer("dry_run", { mode: "boolean" }).notNull().default(false),
    updatedBy: text("updated_by"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId] })],
);

/** Every chat the bot has seen, with its title and category as last seen: the targets of promos. */
export const chats = sqliteTable(
  "chats",
  {
    platform: text("platform").$type<Platform>().notNull(),
    chatId: text("chat_id").notNull(),
    title: text("title"),
    category: text("category").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId] }), index("chats_category_idx").on(t.category)],
);

/**
 * The delivery ledger: one row per promo per chat per scheduled slot. The primary key makes a
 * second delivery of the same slot impossible, whichever worker or retry attempts it.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    promo: text("promo").notNull(),
    platform: text("platform").$type<Platform>().notNull(),
    chatId: text("chat_id").notNull(),
    /** The scheduler tick (epoch ms) the delivery belongs to. */
    slot: integer("slot").notNull(),
    /**
     * "claimed" while a worker sends it, "sent" once the platform accepted it, "failed" when it gave
     * up, "released" after an attempt that failed before sending (a retry may claim it again),
     * "uncertain" when the claiming worker died mid-send (never sent again; see claimDelivery),
     * "skipped" when a cap or quiet hours (drop) kept it back; `detail` says which.
     */
    status: text("status", {
      enum: ["claimed", "released", "sent", "failed", "uncertain", "skipped"],
    }).notNull(),
    claimedAt: integer("claimed_at").notNull(),
    sentAt: integer("sent_at"),
    detail: text("detail"),
  },
  (t) => [primaryKey({ columns: [t.promo, t.platform, t.chatId, t.slot] })],
);

/** Promos paused from the chat (`/promo pause`): their schedulers are removed until resumed. */
export const promoPauses = sqliteTable("promo_pauses", {
  promo: text("promo").primaryKey(),
  pausedBy: text("paused_by").notNull(),
  pausedAt: integer("paused_at").notNull(),
});

/**
 * Messages that led to an action, so that one delivered again after a crash (Telegram re-sends
 * updates the bot had not confirmed) is not acted on twice. Kept two days.
 */
export const handledMessages = sqliteTable(
  "handled_messages",
  {
    platform: text("platform").$type<Platform>().notNull(),
    chatId: text("chat_id").notNull(),
    messageId: text("message_id").notNull(),
    handledAt: integer("handled_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.platform, t.chatId, t.messageId] }),
    index("handled_messages_at_idx").on(t.handledAt),
  ],
);

/** What a ticket is about: a customer's complaint, or a table booking handed to staff. */
export const TICKET_KINDS = ["complaint", "booking"] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/**
 * Tickets of the desk (complaints and bookings): the id is the number customers and staff see.
 * Open until `closedAt`; each deadline is missed at most once (its `…MissedAt` is set by the
 * one handler that escalates it), and `tier` is the staff tier the ticket has reached.
 */
export const tickets = sqliteTable(
  "tickets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platform: text("platform").$type<Platform>().notNull(),
    chatId: text("chat_id").notNull(),
    userId: text("user_id").notNull(),
    /** The customer's name as shown then, phone and ID numbers masked. */
    displayName: text("display_name").notNull(),
    category: text("category").notNull(),
    messageId: text("message_id"),
    /** The complaint, redacted. */
    text: text("text").notNull(),
    openedAt: integer("opened_at").notNull(),
    firstResponseDue: integer("first_response_due").notNull(),
    resolutionDue: integer("resolution_due").notNull(),
    firstResponseAt: integer("first_response_at"),
    firstResponseBy: text("first_response_by"),
    firstResponseMissedAt: integer("first_response_missed_at"),
    resolutionMissedAt: integer("resolution_missed_at"),
    tier: integer("tier").notNull().default(0),
    assignee: text("assignee"),
    closedAt: integer("closed_at"),
    closedBy: text("closed_by"),
    /** 1–5, from the customer after closing. */
    score: integer("score"),
    ratedAt: integer("rated_at"),
    /** Rows from before bookings existed are complaints. */
    kind: text("kind").$type<TicketKind>().notNull().default("complaint"),
    /** A booking: the table's time (epoch ms), shown in the booking desk's time zone. */
    bookedFor: integer("booked_for"),
    /** A booking: how many guests. */
    partySize: integer("party_size"),
    /** A booking: the name it is under, when the customer gave one (phone and ID numbers masked). */
    contactName: text("contact_name"),
    /** A booking: the phone number given, masked as everywhere ("[phone]"): staff know one was left. */
    contactPhone: text("contact_phone"),
    /** How a closed booking ended: "declined" when staff could not seat it; null means confirmed. */
    outcome: text("outcome"),
  },
  (t) => [
    index("tickets_member_idx").on(t.platform, t.chatId, t.userId),
    index("tickets_closed_at_idx").on(t.closedAt),
    index("tickets_kind_idx").on(t.kind, t.closedAt),
  ],
);

/** What an admin taught: "spam" (`/spam`) or "ham", an ordinary message (`/notspam`). */
export const SAMPLE_LABELS = ["spam", "ham"] as const;
export type SampleLabel = (typeof SAMPLE_LABELS)[number];

/**
 * Texts admins taught the bot, per merchant (every group and process of one merchant shares
 * them). One row per text: the same text taught again with the other label moves it.
 */
export const learnedSamples = sqliteTable(
  "learned_samples",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    merchant: text("merchant").notNull(),
    label: text("label", { enum: SAMPLE_LABELS }).notNull(),
    /** The kind of spam taught, or the rule an admin undid with `/notspam`. */
    rule: text("rule").notNull(),
    /** The sample text, already redacted by the caller. */
    text: text("text").notNull(),
    /** The caller's dedupe key (the normalised compact text): one row per key and merchant. */
    textKey: text("text_key").notNull(),
    platform: text("platform").$type<Platform>().notNull(),
    chatId: text("chat_id").notNull(),
    /** Whose message it was. */
    userId: text("user_id").notNull(),
    /** The admin who taught it. */
    byUser: text("by_user").notNull(),
    at: integer("at").notNull(),
    /** The audit row the admin pointed at, when there was one. */
    auditId: integer("audit_id"),
  },
  (t) => [
    uniqueIndex("learned_samples_key_idx").on(t.merchant, t.textKey),
    // loadSamples polls `id > last` per merchant.
    index("learned_samples_merchant_idx").on(t.merchant, t.id),
    // saveSample's cap walks one label's newest ids: in the index alone, not row by row.
    index("learned_samples_label_idx").on(t.merchant, t.label, t.id),
  ],
);

export type MemberRow = typeof members.$inferSelect;
export type ChatRow = typeof chats.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type BotAdminRow = typeof botAdmins.$inferSelect;
export type ChatSettingsRow = typeof chatSettings.$inferSelect;
export type WarningRow = typeof warnings.$inferSelect;
export type SanctionRow = typeof sanctions.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export type DailyStatsRow = typeof dailyStats.$inferSelect;
export type RuleHitRow = typeof ruleHits.$inferSelect;
export type FaqHitRow = typeof faqHits.$inferSelect;
export type TicketRow = typeof tickets.$inferSelect;
export type LearnedSampleRow = typeof learnedSamples.$inferSelect;
