/**
 * A database with known numbers for the report tests: four groups over three categories (one
 * group known only from its counters), rows just outside the window that must not count, and
 * promo slots on both sides of Shanghai's midnight. The expectations in the tests are worked
 * out by hand from the tables below.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ActionType } from "../../src/core/decision.js";
import { recordAudit } from "../../src/db/audit.js";
import type { DbChat } from "../../src/db/chat.js";
import { rememberChat } from "../../src/db/chats.js";
import { claimDelivery, markDelivered, markFailed } from "../../src/db/deliveries.js";
import { type Database, type Db, openDatabase } from "../../src/db/open.js";
import { type AuditOutcome, tickets } from "../../src/db/schema.js";
import { bumpFaqHit, bumpRuleHit, bumpStats } from "../../src/db/stats.js";

/** The report window the tests use: 7 days ending 2026-11-22, in Asia/Shanghai. */
export const UNTIL = "2026-11-22";
export const DAYS = 7;
export const TIME_ZONE = "Asia/Shanghai";

export const NOODLES: DbChat = { platform: "telegram", chatId: "-1001" };
export const EVIL: DbChat = { platform: "wechat", chatId: "room-b@chatroom" };
export const WAITLIST: DbChat = { platform: "telegram", chatId: "-1003" };
/** Has counters but no `chats` row. */
export const ORPHAN: DbChat = { platform: "telegram", chatId: "-1004" };

export const EVIL_TITLE = "Evil <script>alert(1)</script> group";
/** A rule id that would end an inline <script> if the JSON were not escaped. */
export const EVIL_RULE = "</script><script>alert(2)</script>";

const at = (local: string) => Date.parse(`${local}+08:00`);

export function seed(db: Db): void {
  rememberChat(db, NOODLES, "Noodle Bar deals", "promo", at("2026-11-22T12:00:00"));
  rememberChat(db, EVIL, EVIL_TITLE, "promo", at("2026-11-20T12:00:00"));
  rememberChat(db, WAITLIST, "Waitlist Jing'an", "waitlist", at("2026-11-19T12:00:00"));

  // Daily counters, with violations and FAQ answers matching the per-rule/per-FAQ rows below.
  bumpStats(db, NOODLES, "2026-11-15", { messages: 100, joins: 50, violations: 9 }); // day before the window
  bumpStats(db, NOODLES, "2026-11-16", { messages: 10, joins: 3, leaves: 1, violations: 3, faqAnswers: 2 });
  bumpStats(db, NOODLES, "2026-11-18", { messages: 5, leaves: 2, violations: 3 });
  bumpStats(db, NOODLES, "2026-11-22", { messages: 7, joins: 1, faqAnswers: 1 });
  bumpStats(db, NOODLES, "2026-11-23", { messages: 1000 }); // day after the window
  bumpStats(db, EVIL, "2026-11-16", { messages: 4, joins: 2, faqAnswers: 1 });
  bumpStats(db, EVIL, "2026-11-20", { messages: 6, leaves: 1, violations: 5, faqAnswers: 3 });
  bumpStats(db, WAITLIST, "2026-11-19", { messages: 3, joins: 1, leaves: 1, violations: 2, faqAnswers: 1 });
  bumpStats(db, ORPHAN, "2026-11-21", { messages: 2, violations: 1 });

  bumpRuleHit(db, NOODLES, "2026-11-15", "ads", 9);
  bumpRuleHit(db, NOODLES, "2026-11-16", "ads", 3);
  bumpRuleHit(db, NOODLES, "2026-11-18", "ads", 2);
  bumpRuleHit(db, NOODLES, "2026-11-18", "gambling");
  bumpRuleHit(db, EVIL, "2026-11-20", "ads");
  bumpRuleHit(db, EVIL, "2026-11-20", "pii", 4);
  bumpRuleHit(db, WAITLIST, "2026-11-19", "flood", 2);
  bumpRuleHit(db, ORPHAN, "2026-11-21", EVIL_RULE);

  bumpFaqHit(db, NOODLES, "2026-11-16", "hours", 2);
  bumpFaqHit(db, NOODLES, "2026-11-22", "address");
  bumpFaqHit(db, EVIL, "2026-11-16", "parking");
  bumpFaqHit(db, EVIL, "2026-11-20", "hours", 3);
  bumpFaqHit(db, WAITLIST, "2026-11-19", "booking");

  const sent = (promo: string, chat: DbChat, slot: number) => {
    claimDelivery(db, { promo, chat, slot }, slot);
    markDelivered(db, { promo, chat, slot }, slot + 1000);
  };
  const failed = (promo: string, chat: DbChat, slot: number) => {
    claimDelivery(db, { promo, chat, slot }, slot);
    markFailed(db, { promo, chat, slot }, "400: not enough rights");
  };
  // A second claim of a claimed slot is how the ledger marks a worker that died mid-send.
  const uncertain = (promo: string, chat: DbChat, slot: number) => {
    claimDelivery(db, { promo, chat, slot }, slot);
    claimDelivery(db, { promo, chat, slot }, slot + 60_000);
  };
  const pending = (promo: string, chat: DbChat, slot: number) =>
    claimDelivery(db, { promo, chat, slot }, slot);

  // 07:00 Shanghai on the 16th is still the 15th in UTC: in the window.
  sent("early", EVIL, at("2026-11-16T07:00:00"));
  sent("lunch", NOODLES, at("2026-11-17T11:30:00"));
  sent("lunch", EVIL, at("2026-11-17T11:30:00"));
  sent("lunch", NOODLES, at("2026-11-18T11:30:00"));
  failed("lunch", EVIL, at("2026-11-18T11:30:00"));
  uncertain("weekend", NOODLES, at("2026-11-21T10:00:00"));
  sent("weekend", EVIL, at("2026-11-21T10:00:00"));
  pending("weekend", NOODLES, at("2026-11-22T23:30:00"));
  // 00:30 Shanghai on the 23rd is still the 22nd in UTC: outside the window.
  sent("weekend", NOODLES, at("2026-11-23T00:30:00"));
  // Before the window.
  sent("lunch", NOODLES, at("2026-11-15T11:30:00"));

  const audit = (chat: DbChat, local: string, action: ActionType, outcome: AuditOutcome, times: number) => {
    for (let i = 0; i < times; i++) recordAudit(db, { chat, at: at(local), action, outcome, userId: "u1" });
  };
  audit(NOODLES, "2026-11-15T23:59:59", "delete", "done", 5); // before the window
  audit(NOODLES, "2026-11-16T00:00:00", "notify", "done", 1); // the window's first instant
  audit(NOODLES, "2026-11-16T10:00:00", "delete", "done", 3);
  audit(NOODLES, "2026-11-16T10:00:00", "warn", "done", 3);
  audit(NOODLES, "2026-11-18T09:00:00", "mute", "done", 1);
  audit(NOODLES, "2026-11-18T09:00:00", "reply", "done", 2);
  // WeChat cannot mute or delete others' messages: the dispatcher degrades.
  audit(EVIL, "2026-11-20T12:00:00", "mute", "degraded", 2);
  audit(EVIL, "2026-11-20T12:00:00", "delete", "degraded", 4);
  audit(EVIL, "2026-11-20T12:00:00", "kick", "refused", 1);
  audit(EVIL, "2026-11-20T12:00:00", "reply", "done", 3);
  audit(WAITLIST, "2026-11-19T08:00:00", "warn", "shadow", 2);
  audit(WAITLIST, "2026-11-23T00:00:00", "delete", "done", 1); // the instant after the window
  audit(ORPHAN, "2026-11-21T20:00:00", "delete", "failed", 1);

  // Complaint tickets (15 minutes to answer, 2 days to resolve), all settled by the window's end.
  const MIN = 60_000;
  const ticket = (
    chat: DbChat,
    opened: string,
    answeredAfter: number | null,
    closedAfter: number | null,
    score: number | null,
  ) => {
    const openedAt = at(opened);
    db.insert(tickets)
      .values({
        platform: chat.platform,
        chatId: chat.chatId,
        userId: `c${openedAt}`,
        displayName: "顾客",
        category: "complaints",
        text: "等了一个小时还没上菜",
        openedAt,
        firstResponseDue: openedAt + 15 * MIN,
        resolutionDue: openedAt + 2 * 24 * 60 * MIN,
        firstResponseAt: answeredAfter === null ? null : openedAt + answeredAfter * MIN,
        closedAt: closedAfter === null ? null : openedAt + closedAfter * MIN,
        score,
      })
      .run();
  };
  ticket(NOODLES, "2026-11-14T10:00:00", 1, 10, 1); // before the window
  ticket(NOODLES, "2026-11-16T10:00:00", 3, 60, 5); // answered in 3 min, closed in an hour
  ticket(NOODLES, "2026-11-18T09:00:00", 30, 3 * 24 * 60, 2); // both deadlines missed
  ticket(EVIL, "2026-11-20T12:00:00", null, null, null); // never answered, past both deadlines at the end
  // A booking on the same desk, confirmed late: not a complaint, so in none of the complaint figures.
  const booked = at("2026-11-17T11:00:00");
  db.insert(tickets)
    .values({
      platform: NOODLES.platform,
      chatId: NOODLES.chatId,
      userId: "guest",
      displayName: "订位顾客",
      category: "booking",
      text: "订位 明天 19:00 4人",
      openedAt: booked,
      firstResponseDue: booked + 30 * MIN,
      resolutionDue: booked + 32 * 60 * MIN,
      firstResponseAt: booked + 45 * MIN,
      closedAt: booked + 45 * MIN,
      kind: "booking",
      bookedFor: booked + 32 * 60 * MIN,
      partySize: 4,
    })
    .run();
}

/** A seeded database in a temp dir. */
export interface SeededDb {
  dir: string;
  path: string;
  database: Database;
  dispose(): void;
}

export function openSeededDb(): SeededDb {
  const dir = mkdtempSync(join(tmpdir(), "qunguan-report-"));
  const path = join(dir, "qunguan.db");
  const database = openDatabase(path);
  seed(database.db);
  return {
    dir,
    path,
    database,
    dispose() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
