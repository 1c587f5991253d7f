import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bumpFaqHit, bumpRuleHit, bumpStats, dayOf, statsSince } from "../../src/db/stats.js";
import { openTempDb, otherShop, shop, type TempDb } from "./temp-db.js";

describe("stats", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = openTempDb();
  });
  afterEach(() => temp.dispose());

  it("is all zeros for a chat with no stats", () => {
    expect(statsSince(temp.database.db, shop, "2025-01-01")).toEqual({
      messages: 0,
      joins: 0,
      leaves: 0,
      faqAnswers: 0,
      violations: 0,
      byRule: [],
      byFaq: [],
    });
  });

  it("accumulates counter upserts on the same day", () => {
    const { db } = temp.database;
    bumpStats(db, shop, "2025-03-01", { messages: 1 });
    bumpStats(db, shop, "2025-03-01", { messages: 1, joins: 2 });
    bumpStats(db, shop, "2025-03-01", { leaves: 1, faqAnswers: 3, violations: 4 });
    bumpStats(db, shop, "2025-03-01", {});
    const rows = temp.database.sqlite.prepare("SELECT * FROM daily_stats").all();
    expect(rows).toEqual([
      {
        platform: "telegram",
        chat_id: "-100123",
        day: "2025-03-01",
        messages: 2,
        joins: 2,
        leaves: 1,
        faq_answers: 3,
        violations: 4,
      },
    ]);
  });

  it("sums from a day onwards, per chat, with per-rule and per-FAQ counts", () => {
    const { db } = temp.database;
    bumpStats(db, shop, "2025-02-28", { messages: 100, violations: 50 });
    bumpStats(db, shop, "2025-03-01", { messages: 10, violations: 3, faqAnswers: 2 });
    bumpStats(db, shop, "2025-03-02", { messages: 5, joins: 1 });
    bumpStats(db, otherShop, "2025-03-02", { messages: 1_000 });
    bumpRuleHit(db, shop, "2025-02-28", "links", 50);
    bumpRuleHit(db, shop, "2025-03-01", "links");
    bumpRuleHit(db, shop, "2025-03-01", "flood");
    bumpRuleHit(db, shop, "2025-03-02", "flood");
    bumpRuleHit(db, shop, "2025-03-02", "ads");
    bumpRuleHit(db, otherShop, "2025-03-02", "ads", 7);
    bumpFaqHit(db, shop, "2025-03-01", "hours");
    bumpFaqHit(db, shop, "2025-03-01", "hours");
    bumpFaqHit(db, shop, "2025-03-02", "refund");
    bumpFaqHit(db, otherShop, "2025-03-02", "refund", 9);
    expect(statsSince(db, shop, "2025-03-01")).toEqual({
      messages: 15,
      joins: 1,
      leaves: 0,
      faqAnswers: 2,
      violations: 3,
      byRule: [
        { rule: "flood", count: 2 },
        { rule: "ads", count: 1 },
        { rule: "links", count: 1 },
      ],
      byFaq: [
        { faq: "hours", count: 2 },
        { faq: "refund", count: 1 },
      ],
    });
    expect(statsSince(db, shop, "2025-01-01").messages).toBe(115);
    expect(statsSince(db, shop, "2025-01-01").byRule[0]).toEqual({ rule: "links", count: 51 });
    expect(statsSince(db, otherShop, "2025-03-01").byRule).toEqual([{ rule: "ads", count: 7 }]);
  });
});

describe("dayOf", () => {
  // 2025-03-01T16:30:00Z is 00:30 on 2 March in Shanghai (UTC+8).
  const instant = Date.UTC(2025, 2, 1, 16, 30);

  it("uses Shanghai's calendar day by default", () => {
    expect(dayOf(instant)).toBe("2025-03-02");
    expect(dayOf(Date.UTC(2025, 2, 1, 15, 59, 59, 999))).toBe("2025-03-01");
  });

  it("follows the given time zone", () => {
    expect(dayOf(instant, "UTC")).toBe("2025-03-01");
    expect(dayOf(instant, "America/New_York")).toBe("2025-03-01");
    expect(dayOf(Date.UTC(2024, 11, 31, 23, 0), "Asia/Tokyo")).toBe("2025-01-01");
  });

  it("pads month and day, and gives the same answer from its cache", () => {
    const early = Date.UTC(2025, 0, 5, 12);
    expect(dayOf(early, "UTC")).toBe("2025-01-05");
    expect(dayOf(early, "UTC")).toBe("2025-01-05");
  });
});
