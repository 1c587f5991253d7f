/**
 * Promos a merchant can trust, through the real bot (engine, dispatcher, SQLite file, rule files on
 * disk) on a real redis-server, with a clock the test moves across days and zones. Each tick is
 * added the way BullMQ's scheduler adds it (job id "repeat:<scheduler>:<slot>"), at the slots the
 * promo's own cron gives in its own zone; the platform takes 300 ms to answer each send, as the
 * report of the every-other-day bug had it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveriesOf } from "../../src/db/mod.js";
import { cronRuns } from "../../src/rules/cron.js";
import { tempRules } from "../helpers/bot.js";
import {
  CHATS,
  promo,
  type Running,
  rulesWith,
  slots,
  startPromoBot,
  TEXT,
  tick,
} from "../helpers/promo-bot.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const start = (rulesDir: string, keepSchedules = false) => startPromoBot(redis, rulesDir, { keepSchedules });

/** Sends of a promo's text to chat g1, by the day in Shanghai they arrived on ("12-07"). */
function daysSent(r: Running, text = TEXT): string[] {
  return r.adapter
    .sent(text)
    .filter((s) => s.chat === "g1")
    .map((s) => new Date(s.at + 8 * 3_600_000).toISOString().slice(5, 10));
}

describe("max_per_day counts calendar days in the promo's zone, by slot", () => {
  it("the shipped weekday lunch special, capped at one a day, reaches each group on all five weekdays", async () => {
    const r = await start(tempRules());
    try {
      expect(r.bot.rules.promos.find((p) => p.id === "lunch-special")?.max_per_day).toBe(1);
      const week = slots(r, "lunch-special", "2026-12-07T00:00:00+08:00", "2026-12-13T23:59:59+08:00");
      expect(week).toHaveLength(5);
      for (const slot of week) await tick(r, "lunch-special", slot);
      const text = r.bot.rules.promos.find((p) => p.id === "lunch-special")!.text;
      expect(daysSent(r, text)).toEqual(["12-07", "12-08", "12-09", "12-10", "12-11"]);
      expect(r.adapter.sent(text)).toHaveLength(5 * CHATS.length);
    } finally {
      await r.bot.stop();
    }
  });

  it("a week of daily ticks: seven sends to each group", async () => {
    const r = await start(rulesWith(promo("daily", { cron: "0 11 * * *", max_per_day: 1 })));
    try {
      const week = slots(r, "daily", "2026-12-07T00:00:00+08:00", "2026-12-13T23:59:59+08:00");
      for (const slot of week) await tick(r, "daily", slot);
      expect(r.adapter.sent(TEXT)).toHaveLength(7 * CHATS.length);
      expect(daysSent(r)).toEqual(["12-07", "12-08", "12-09", "12-10", "12-11", "12-12", "12-13"]);
    } finally {
      await r.bot.stop();
    }
  });

  it("twice a day with no cap set: fourteen sends in a week, since the default is no cap", async () => {
    const r = await start(rulesWith(promo("twice", { cron: "0 11,17 * * *" })));
    try {
      expect(r.bot.rules.promos[0]?.max_per_day).toBeUndefined();
      const week = slots(r, "twice", "2026-12-07T00:00:00+08:00", "2026-12-13T23:59:59+08:00");
      expect(week).toHaveLength(14);
      for (const slot of week) await tick(r, "twice", slot);
      expect(r.adapter.sent(TEXT)).toHaveLength(14 * CHATS.length);
    } finally {
      await r.bot.stop();
    }
  });

  it("the day is Shanghai's, not UTC's: 07:30 and 23:30 on one local day (two UTC days) send once", async () => {
    // 07:30 in Shanghai is 23:30 UTC the day before: a UTC day would pair 23:30 with the next 07:30.
    const r = await start(rulesWith(promo("edges", { cron: "30 7,23 * * *", max_per_day: 1 })));
    try {
      const days = slots(r, "edges", "2026-12-07T00:00:00+08:00", "2026-12-09T23:59:59+08:00");
      expect(days).toHaveLength(6);
      for (const slot of days) await tick(r, "edges", slot);
      const sentAt = r.adapter
        .sent(TEXT)
        .filter((s) => s.chat === "g1")
        .map((s) => new Date(s.at + 8 * 3_600_000).toISOString().slice(5, 16));
      expect(sentAt.map((t) => t.slice(0, 11))).toEqual(["12-07T07:30", "12-08T07:30", "12-09T07:30"]);
      const rows = deliveriesOf(r.bot.database.db, "edges").filter((d) => d.chatId === "g1");
      expect(rows.filter((d) => d.status === "skipped").map((d) => d.detail)).toEqual([
        "daily cap",
        "daily cap",
        "daily cap",
      ]);
      // Held back, never silently: the log says why for each.
      const skipped = r.logs.json().filter((l) => l.outcome === "skipped" && l.reason === "daily cap");
      expect(skipped).toHaveLength(3 * CHATS.length);
    } finally {
      await r.bot.stop();
    }
  });

  it("an uncertain delivery counts towards the cap: a capped promo never reaches a chat twice that day", async () => {
    const r = await start(rulesWith(promo("twice-capped", { cron: "0 11,17 * * *", max_per_day: 1 })));
    try {
      const [noon, evening] = slots(
        r,
        "twice-capped",
        "2026-12-07T00:00:00+08:00",
        "2026-12-07T23:59:59+08:00",
      );
      // 11:00 to g1 went out from a worker that died before the ledger heard back.
      const { claimDelivery } = await import("../../src/db/mod.js");
      const key = {
        promo: "twice-capped",
        chat: { platform: "telegram" as const, chatId: "g1" },
        slot: noon!,
      };
      claimDelivery(r.bot.database.db, key, noon!);
      claimDelivery(r.bot.database.db, key, noon! + 10_000);
      await tick(r, "twice-capped", evening!);
      expect(r.adapter.sent(TEXT).map((s) => s.chat)).toEqual(["g2"]);
    } finally {
      await r.bot.stop();
    }
  });
});

describe("max_per_month", () => {
  it("counts every push to the group in the calendar month, broadcasts included, and starts again on the 1st", async () => {
    const r = await start(rulesWith(promo("monthly", { cron: "0 11 * * *", max_per_month: 2 })));
    try {
      r.setClock(Date.parse("2026-12-29T10:00:00+08:00"));
      await r.bot.queues!.broadcast(["promo"], "【香满楼】年末答谢", r.clock());
      await expect.poll(() => r.adapter.sent("【香满楼】年末答谢").length, { timeout: 10_000 }).toBe(2);
      for (const slot of slots(r, "monthly", "2026-12-30T00:00:00+08:00", "2027-01-01T23:59:59+08:00")) {
        await tick(r, "monthly", slot);
      }
      expect(daysSent(r)).toEqual(["12-30", "01-01"]);
      const skipped = deliveriesOf(r.bot.database.db, "monthly").filter((d) => d.status === "skipped");
      expect(skipped.map((d) => d.detail)).toEqual(["monthly cap", "monthly cap"]);
    } finally {
      await r.bot.stop();
    }
  });
});

describe("start and end dates in the promo's zone", () => {
  it("the scheduler's first run is 07:30 Shanghai on the first day and the range ends at midnight after the last", async () => {
    const r = await start(
      rulesWith(promo("dated", { cron: "30 7 * * *", start: "2099-01-05", end: "2099-01-06" })),
      true,
    );
    try {
      const scheduler = await r.bot.queues!.promos.getJobScheduler("promo-dated");
      expect(scheduler?.tz).toBe("Asia/Shanghai");
      // Read in UTC the first day would begin at 08:00 Shanghai, after 07:30: the first run lost.
      const next = (await r.bot.queues!.promos.getDelayed()).find((j) =>
        j.id?.startsWith("repeat:promo-dated:"),
      );
      expect(new Date(Number(next?.id?.split(":").at(-1))).toISOString()).toBe("2099-01-04T23:30:00.000Z");
      // The last run is on the last day; read in UTC the range would run into 07:30 the day after.
      const until = Number(scheduler?.endDate);
      expect(new Date(until + 1).toISOString()).toBe("2099-01-06T16:00:00.000Z");
      const runs = cronRuns("30 7 * * *", "Asia/Shanghai", Number(next?.id?.split(":").at(-1)) - 1, until);
      expect(runs.map((t) => new Date(t).toISOString())).toEqual([
        "2099-01-04T23:30:00.000Z",
        "2099-01-05T23:30:00.000Z",
      ]);
    } finally {
      await r.bot.stop();
    }
  });
});
