/** The report's queries against a seeded SQLite file, checked against numbers worked out by hand. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportChats } from "../../src/report/build.js";
import {
  actionCounts,
  dayCounts,
  deliveryCounts,
  faqHitCounts,
  knownChats,
  ruleHitCounts,
} from "../../src/report/queries.js";
import { reportWindow } from "../../src/report/window.js";
import { DAYS, EVIL_RULE, EVIL_TITLE, openSeededDb, type SeededDb, TIME_ZONE, UNTIL } from "./seed.js";

describe("report queries", () => {
  let seeded: SeededDb;
  const window = reportWindow(UNTIL, DAYS, TIME_ZONE);
  beforeAll(() => {
    seeded = openSeededDb();
  });
  afterAll(() => seeded.dispose());

  it("reads daily counters inside the window only", () => {
    const day = (chatId: string, d: string, messages: number, joins = 0, leaves = 0, faq = 0, viol = 0) => ({
      platform: chatId.startsWith("room") ? "wechat" : "telegram",
      chatId,
      day: d,
      messages,
      joins,
      leaves,
      faqAnswers: faq,
      violations: viol,
    });
    expect(dayCounts(seeded.database.db, window)).toEqual([
      day("-1001", "2026-11-16", 10, 3, 1, 2, 3),
      day("-1001", "2026-11-18", 5, 0, 2, 0, 3),
      day("-1001", "2026-11-22", 7, 1, 0, 1, 0),
      day("-1003", "2026-11-19", 3, 1, 1, 1, 2),
      day("-1004", "2026-11-21", 2, 0, 0, 0, 1),
      day("room-b@chatroom", "2026-11-16", 4, 2, 0, 1, 0),
      day("room-b@chatroom", "2026-11-20", 6, 0, 1, 3, 5),
    ]);
  });

  it("sums violations per chat and rule over the window's days", () => {
    expect(ruleHitCounts(seeded.database.db, window)).toEqual([
      { platform: "telegram", chatId: "-1001", key: "ads", count: 5 },
      { platform: "telegram", chatId: "-1001", key: "gambling", count: 1 },
      { platform: "telegram", chatId: "-1003", key: "flood", count: 2 },
      { platform: "telegram", chatId: "-1004", key: EVIL_RULE, count: 1 },
      { platform: "wechat", chatId: "room-b@chatroom", key: "ads", count: 1 },
      { platform: "wechat", chatId: "room-b@chatroom", key: "pii", count: 4 },
    ]);
  });

  it("sums FAQ answers per chat and FAQ over the window's days", () => {
    expect(faqHitCounts(seeded.database.db, window)).toEqual([
      { platform: "telegram", chatId: "-1001", key: "address", count: 1 },
      { platform: "telegram", chatId: "-1001", key: "hours", count: 2 },
      { platform: "telegram", chatId: "-1003", key: "booking", count: 1 },
      { platform: "wechat", chatId: "room-b@chatroom", key: "hours", count: 3 },
      { platform: "wechat", chatId: "room-b@chatroom", key: "parking", count: 1 },
    ]);
  });

  it("counts deliveries by the Shanghai day of their slot, per status", () => {
    expect(deliveryCounts(seeded.database.db, window)).toEqual([
      { platform: "telegram", chatId: "-1001", promo: "lunch", status: "sent", count: 2 },
      { platform: "telegram", chatId: "-1001", promo: "weekend", status: "claimed", count: 1 },
      { platform: "telegram", chatId: "-1001", promo: "weekend", status: "uncertain", count: 1 },
      { platform: "wechat", chatId: "room-b@chatroom", promo: "early", status: "sent", count: 1 },
      { platform: "wechat", chatId: "room-b@chatroom", promo: "lunch", status: "failed", count: 1 },
      { platform: "wechat", chatId: "room-b@chatroom", promo: "lunch", status: "sent", count: 1 },
      { platform: "wechat", chatId: "room-b@chatroom", promo: "weekend", status: "sent", count: 1 },
    ]);
  });

  it("maps slots to days in the report's zone, not UTC", () => {
    // In UTC the early slot falls on the 15th (out) and the last weekend slot on the 22nd (in).
    const utc = deliveryCounts(seeded.database.db, reportWindow(UNTIL, DAYS, "UTC"));
    expect(utc.filter((r) => r.promo === "early")).toEqual([]);
    expect(utc.find((r) => r.chatId === "-1001" && r.promo === "weekend" && r.status === "sent")?.count).toBe(
      1,
    );
  });

  it("counts audit-log actions per chat, type and outcome from the window's first instant to its last", () => {
    const row = (chatId: string, action: string, outcome: string, count: number) => ({
      platform: chatId.startsWith("room") ? "wechat" : "telegram",
      chatId,
      action,
      outcome,
      count,
    });
    expect(actionCounts(seeded.database.db, window)).toEqual([
      row("-1001", "delete", "done", 3),
      row("-1001", "mute", "done", 1),
      row("-1001", "notify", "done", 1),
      row("-1001", "reply", "done", 2),
      row("-1001", "warn", "done", 3),
      row("-1003", "warn", "shadow", 2),
      row("-1004", "delete", "failed", 1),
      row("room-b@chatroom", "delete", "degraded", 4),
      row("room-b@chatroom", "kick", "refused", 1),
      row("room-b@chatroom", "mute", "degraded", 2),
      row("room-b@chatroom", "reply", "done", 3),
    ]);
  });

  it("lists the recorded chats, and adds chats known only from their counters", () => {
    const db = seeded.database.db;
    const recorded = [
      { platform: "telegram", chatId: "-1001", title: "Noodle Bar deals", category: "promo" },
      { platform: "telegram", chatId: "-1003", title: "Waitlist Jing'an", category: "waitlist" },
      { platform: "wechat", chatId: "room-b@chatroom", title: EVIL_TITLE, category: "promo" },
    ];
    expect(knownChats(db)).toEqual(recorded);
    expect(reportChats(db, dayCounts(db, window))).toEqual([
      ...recorded,
      { platform: "telegram", chatId: "-1004", title: null, category: null },
    ]);
  });
});
