/**
 * A hand-built merchant for the maintenance tests: a small rule pack and a SQLite file seeded with
 * the members, warnings, sanctions, removals and hit counts whose report is worked out by hand in
 * report-data.test.ts. Every member exists to test one rule of the report; the comment next to it
 * says which.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  addBotAdmin,
  addSanction,
  addWarning,
  bumpFaqHit,
  bumpRuleHit,
  type Database,
  type DbChat,
  liftSanction,
  openDatabase,
  recordAudit,
  rememberChat,
  revokeLatestWarning,
  touchMember,
} from "../../src/db/mod.js";
import { loadRulesOrThrow } from "../../src/rules/load.js";
import type { RulePack } from "../../src/rules/rule-pack.js";
import { ruleDir } from "../helpers/rules.js";

export const DAY = 86_400_000;
/** 10:00 on 1 December 2026 in Shanghai: the scheduled run's default time. */
export const NOW = Date.parse("2026-12-01T10:00:00+08:00");
export const ago = (days: number, extraMs = 0) => NOW - days * DAY - extraMs;

/** The group the report is about. */
export const SHOP: DbChat = { platform: "telegram", chatId: "-1001" };
/** Other groups of the same merchant on the same platform. */
export const BOOKING: DbChat = { platform: "telegram", chatId: "-1002" };
export const VIP: DbChat = { platform: "telegram", chatId: "-1004" };
/** Same user ids on another platform: different people. */
export const WECHAT_ROOM: DbChat = { platform: "wechat", chatId: "r1@chatroom" };

export const PACK_FILES = {
  "categories.yaml": `categories:
  promo: { name: 优惠群, locale: zh-CN }
  booking: { name: Booking, locale: en }
groups:
  default_category: promo
`,
  "admins.yaml": `admins:
  owners:
    - { platform: telegram, id: boss }
    - { platform: wechat, id: carol }
  categories:
    promo:
      - { platform: telegram, id: host }
`,
  "moderation.yaml": `moderation:
  - id: ads
    match: { keywords: [加微信] }
    actions: [delete, warn]
  - id: gambling
    match: { keywords: [赌场] }
    actions: [delete, warn]
  - id: links
    categories: [booking]
    match: { links: true }
    actions: [delete]
  - id: greeting
    match: { keywords: [早安打卡] }
    actions: [{ reply: 早安 }]
  - id: shadowed
    match: { keywords: [试试] }
    actions: [delete]
    dry_run: true
  - id: retired
    match: { keywords: [旧词] }
    actions: [kick]
    enabled: false
  - id: flood
    match: { flood: { count: 5, seconds: 10s } }
    actions: [{ mute: 1h }]
    exempt: { categories: [promo] }
  - id: porn
    match: { keywords: [约炮] }
    actions: [delete, kick]
`,
  "faq.yaml": `faq:
  entries:
    - { id: hours, keywords: [几点], answer: 10点 }
    - { id: address, keywords: [地址], answer: 中山路 }
    - { id: parking, categories: [booking], keywords: [停车], answer: B2 }
    - { id: deals, keywords: [优惠], answer: 满100减20 }
`,
};

export function scenarioPack(): RulePack {
  return loadRulesOrThrow(ruleDir(PACK_FILES));
}

export interface Seeded {
  database: Database;
  dispose(): void;
}

/** A fresh SQLite file with the whole scenario in it. */
export function seedScenario(): Seeded {
  const dir = mkdtempSync(join(tmpdir(), "qunguan-maint-"));
  const database = openDatabase(join(dir, "bot.db"));
  const db = database.db;
  rememberChat(db, SHOP, "香满楼优惠群", "promo", ago(1));
  rememberChat(db, BOOKING, "香满楼订座群", "booking", ago(1));
  rememberChat(db, VIP, "香满楼VIP群", "promo", ago(1));
  rememberChat(db, WECHAT_ROOM, "微信群", "promo", ago(1));

  const seen = (chat: DbChat, userId: string, name: string, days: number, extraMs = 0) =>
    touchMember(db, chat, userId, name, ago(days, extraMs), { countMessage: true });
  // Admins are never listed as inactive, however long they have been silent.
  seen(SHOP, "boss", "店长", 100); // owner (rule files)
  seen(SHOP, "host", "前台", 90); // category admin of promo (rule files)
  seen(SHOP, "mgr", "经理", 80); // bot admin appointed for this chat
  seen(SHOP, "platadmin", "群主", 100); // a platform admin the engine knows (isAdmin callback)
  seen(SHOP, "bot", "群管机器人", 300); // the bot itself (exclude)
  seen(SHOP, "carol", "Carol", 200); // inactive, the longest; an owner only on WeChat, so not an admin here
  seen(SHOP, "grace", "Grace 小美", 90); // inactive, and banned in BOOKING
  seen(SHOP, "peggy", "Peggy", 64); // kicked 100 days ago, came back: present, inactive
  seen(SHOP, "oscar", "Oscar", 62); // a kick that was refused: still here, inactive
  seen(SHOP, "bob", "Bob", 61); // inactive by a day
  seen(SHOP, "dave", "Dave", 60); // exactly 60 days: not over, not listed
  seen(SHOP, "eve", "Eve", 70); // silent because muted: listed under sanctions, not as inactive
  seen(SHOP, "frank", "Frank", 65); // kicked by the bot after he was last seen: gone
  seen(SHOP, "mallory", "Mallory", 5); // banned here: gone
  seen(SHOP, "alice", "Alice", 5);
  seen(SHOP, "heidi", "Heidi", 10); // her ban in BOOKING was lifted
  seen(SHOP, "ivan", "Ivan", 3); // his ban in BOOKING ran out; banned on WeChat, another person
  seen(SHOP, "judy", "Judy", 20); // banned in BOOKING and VIP
  seen(BOOKING, "zed", "Zed", 300); // another group's member
  addBotAdmin(
    db,
    { platform: "telegram", scope: "chat", scopeId: SHOP.chatId },
    {
      userId: "mgr",
      addedBy: "boss",
      at: ago(200),
    },
  );
  // A bot admin of another group is not an admin here.
  addBotAdmin(
    db,
    { platform: "telegram", scope: "chat", scopeId: BOOKING.chatId },
    {
      userId: "bob",
      addedBy: "boss",
      at: ago(200),
    },
  );

  const kick = (userId: string, at: number, outcome: "done" | "refused") =>
    recordAudit(db, { chat: SHOP, at, userId, action: "kick", rule: "ads", outcome });
  kick("frank", ago(64), "done");
  kick("oscar", ago(61), "refused");
  kick("peggy", ago(100), "done");

  const ban = (chat: DbChat, userId: string, at: number, endsAt?: number) =>
    addSanction(db, { chat, userId, type: "ban", rule: "porn", at, endsAt, soft: false });
  ban(SHOP, "mallory", ago(40)); // standing, open-ended, older than the period: review
  ban(BOOKING, "grace", ago(20));
  liftSanction(db, ban(BOOKING, "heidi", ago(20)), ago(15));
  ban(BOOKING, "ivan", ago(20), ago(1));
  ban(WECHAT_ROOM, "ivan", ago(20));
  ban(BOOKING, "judy", ago(10));
  ban(VIP, "judy", ago(9), NOW + 30 * DAY);
  ban(BOOKING, "zed", ago(10)); // not a member of SHOP
  const mute = (userId: string, at: number, endsAt?: number) =>
    addSanction(db, { chat: SHOP, userId, type: "mute", rule: "flood", at, endsAt, soft: false });
  mute("eve", ago(0, 2 * 3_600_000), NOW + 3_600_000);
  liftSanction(db, mute("eve", ago(3)), ago(2)); // lifted: not standing
  mute("bob", ago(2), ago(1)); // ended (not yet lifted by the timer): not standing
  mute("ken", ago(1)); // never seen (muted by id): named by id

  const warn = (userId: string, days: number, expiresInDays?: number, chat = SHOP) =>
    addWarning(db, {
      chat,
      userId,
      rule: "ads",
      at: ago(days),
      expiresAt: expiresInDays === undefined ? undefined : ago(days) + expiresInDays * DAY,
    });
  warn("bob", 20, 30);
  warn("bob", 10, 30);
  warn("bob", 5, 30);
  revokeLatestWarning(db, SHOP, "bob", ago(4), "boss"); // bob: 2 active, 3 given
  warn("eve", 3);
  warn("eve", 2); // eve: 2 active, 2 given
  warn("judy", 7); // judy: 1 active, 1 given
  warn("alice", 50); // alice: 1 active (no expiry), given before the period
  warn("carol", 45, 10); // expired long ago, given before the period: not listed
  warn("dave", 8);
  revokeLatestWarning(db, SHOP, "dave", ago(7), "boss"); // dave: 0 active, 1 given
  warn("bob", 1, 30, BOOKING); // another group's warning: not counted here

  // Rule hits and FAQ answers per local day; the period is 2026-11-02 … 2026-12-01 (30 days).
  bumpRuleHit(db, SHOP, "2026-11-02", "ads", 3);
  bumpRuleHit(db, SHOP, "2026-12-01", "ads", 4);
  bumpRuleHit(db, SHOP, "2026-11-20", "old-rule", 2); // a rule since removed from the files
  bumpRuleHit(db, SHOP, "2026-11-01", "gambling", 5); // a day before the period
  bumpRuleHit(db, BOOKING, "2026-11-20", "porn", 1); // another group
  bumpFaqHit(db, SHOP, "2026-11-10", "hours", 3);
  bumpFaqHit(db, SHOP, "2026-11-30", "hours", 2);
  bumpFaqHit(db, SHOP, "2026-11-15", "address", 2);
  bumpFaqHit(db, SHOP, "2026-11-01", "deals", 4); // a day before the period
  bumpFaqHit(db, BOOKING, "2026-11-15", "deals", 1); // another group

  return {
    database,
    dispose() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
