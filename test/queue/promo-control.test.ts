/**
 * What staff meet around promos, through the real bot on a real redis-server: crons checked like
 * every other rule (one bad promo never stops the others), quiet hours that hold or drop a push and
 * say so, /promo status over a week of runs, and /promo resend to the uncertain chats of one run.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimDelivery, deliveriesOf } from "../../src/db/mod.js";
import { reconcilePromos } from "../../src/queue/mod.js";
import { loadRulesOrThrow } from "../../src/rules/load.js";
import { runCli } from "../helpers/cli.js";
import {
  adminSays,
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

const start = (rulesDir: string) => startPromoBot(redis, rulesDir);

const GOOD_AND_BAD =
  promo("first", { cron: "0 11 * * 1-5" }) +
  promo("words", { cron: "every weekday at 11" }) +
  promo("last", { cron: "0 18 * * 5" });

describe("promo crons are checked like any rule", () => {
  it("qunguan check points at the bad cron (file:line:col) and says what a cron looks like", () => {
    const dir = rulesWith(GOOD_AND_BAD);
    const result = runCli(["check", dir], { cwd: dir });
    expect(result.status).toBe(1);
    // The `words` promo starts on line 6 of promos.yaml; its cron is its fourth line, the value at col 11.
    expect(result.stdout).toMatch(
      /promos\.yaml:9:11 promos\.1\.cron: "every weekday at 11" is not a cron expression: it needs 5 fields .*"0 11 \* \* 1-5" for 11:00 on weekdays\n/,
    );
    expect(result.stdout).toContain("1 problem in");
  });

  it("a promo that can never fire in its dates is a problem too", () => {
    // 2099-01-10 and 11 are a Saturday and a Sunday: a weekday cron has no run between them.
    const dir = rulesWith(
      promo("weekend-only", { cron: "0 11 * * 1-5", start: "2099-01-10", end: "2099-01-11" }),
    );
    const result = runCli(["check", dir], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/promos\.yaml:\d+:\d+ .*never fires between 2099-01-10 and 2099-01-11/);
  });

  it("a hot reload with a bad cron keeps the running promos and their schedules", async () => {
    const dir = rulesWith(promo("first", { cron: "0 11 * * 1-5" }) + promo("last", { cron: "0 18 * * 5" }));
    const r = await startPromoBot(redis, dir, { keepSchedules: true });
    try {
      writeFileSync(join(dir, "promos.yaml"), `promos:\n${GOOD_AND_BAD}`);
      const reload = r.bot.reloadRules();
      expect(reload.ok).toBe(false);
      expect(JSON.stringify(reload)).toContain("every weekday at 11");
      expect(r.bot.rules.promos.map((p) => p.id)).toEqual(["first", "last"]);
      const ids = (await r.bot.queues!.promos.getJobSchedulers()).map((s) => s.key).sort();
      expect(ids).toEqual(["promo-first", "promo-last"]);
    } finally {
      await r.bot.stop();
    }
  });

  it("one promo the scheduler refuses is reported and the promos after it are still scheduled", async () => {
    // A pack from before crons were checked (or a cron the parser and BullMQ disagree on).
    const pack = loadRulesOrThrow(
      rulesWith(promo("first", { cron: "0 11 * * 1-5" }) + promo("last", { cron: "0 18 * * 5" })),
    );
    const bad = { ...pack.promos[0]!, id: "broken", cron: "61 * * * *" };
    const queue = new Queue("promos", { connection: redis.connection, prefix: `qr${process.pid}` });
    try {
      const result = await reconcilePromos(queue, [pack.promos[0]!, bad, pack.promos[1]!]);
      expect(result.scheduled).toEqual(["promo-first", "promo-last"]);
      expect(result.failed.map((f) => f.promo)).toEqual(["broken"]);
      expect((await queue.getJobSchedulers()).map((s) => s.key).sort()).toEqual([
        "promo-first",
        "promo-last",
      ]);
    } finally {
      await queue.close();
    }
  });
});

describe("quiet hours", () => {
  it("hold: a push due at 21:59:57 waits in Redis until 22:00, then goes out, and the log says so", async () => {
    const r = await start(
      rulesWith(
        `${promo("evening", { cron: "57 59 21 * * *" })}    quiet_hours: { from: "20:00", to: "22:00" }\n`,
      ),
    );
    try {
      const slot = Date.parse("2026-12-07T21:59:57+08:00");
      r.setClock(slot);
      await r.bot.queues!.promos.add("tick", { promo: "evening" }, { jobId: `repeat:promo-evening:${slot}` });
      await expect
        .poll(() => r.adapter.sent(TEXT).length, { timeout: 15_000, interval: 100 })
        .toBe(CHATS.length);
      // Sent by the bot's clock at or after the end of quiet hours, never inside them.
      for (const s of r.adapter.sent(TEXT))
        expect(s.at).toBeGreaterThanOrEqual(Date.parse("2026-12-07T22:00:00+08:00"));
      const held = r.logs.json().filter((l) => l.outcome === "held");
      expect(held).toHaveLength(CHATS.length);
      expect(held[0]?.msg).toBe("promo delivery held until quiet hours end");
      expect(deliveriesOf(r.bot.database.db, "evening").map((d) => d.status)).toEqual(["sent", "sent"]);
    } finally {
      await r.bot.stop();
    }
  });

  it("drop: nothing is sent, the ledger and /promo status say why; /promo send in quiet hours says it is not sent", async () => {
    const r = await start(
      rulesWith(
        `${promo("late", { cron: "0 23 * * *", quiet: "drop" })}    quiet_hours: { from: "22:00", to: "08:00" }\n`,
      ),
    );
    try {
      const [slot] = slots(r, "late", "2026-12-07T00:00:00+08:00", "2026-12-07T23:59:59+08:00");
      await tick(r, "late", slot!);
      expect(r.adapter.sent(TEXT)).toHaveLength(0);
      expect(deliveriesOf(r.bot.database.db, "late").map((d) => [d.status, d.detail])).toEqual([
        ["skipped", "quiet hours"],
        ["skipped", "quiet hours"],
      ]);
      expect(r.logs.json().filter((l) => l.outcome === "dropped")).toHaveLength(CHATS.length);
      r.setClock(slot! + 60_000);
      expect(await adminSays(r, "g1", "/promo status late")).toContain(
        "• 12月7日 23:00 [1207-2300]：已发送 0，失败 0，结果不明 0，未发 2（免打扰时段 2）",
      );
      expect(await adminSays(r, "g1", "/promo send late")).toBe(
        "🔕 现在是推送 late 的免打扰时段，按设置本次不发送。",
      );
    } finally {
      await r.bot.stop();
    }
  });

  it("/promo send inside quiet hours that hold says when it will go out, in the group's zone", async () => {
    const r = await start(
      rulesWith(
        `${promo("morning", { cron: "0 9 * * *" })}    quiet_hours: { from: "22:00", to: "08:00" }\n`,
      ),
    );
    try {
      r.setClock(Date.parse("2026-12-07T23:10:00+08:00"));
      expect(await adminSays(r, "g1", "/promo send morning")).toBe(
        "📣 推送 morning 已排队：现在是免打扰时段，将在 12月8日 08:00 发出。",
      );
    } finally {
      await r.bot.stop();
    }
  });
});

describe("/promo status and /promo resend", () => {
  /** Eight days of daily runs; on the last, g2's delivery was claimed by a worker that then died. */
  async function eightDays(locale = "zh-CN"): Promise<{ r: Running; last: number }> {
    const dir = rulesWith(promo("daily", { cron: "0 11 * * *", max_per_day: 1 }));
    const categories = join(dir, "categories.yaml");
    writeFileSync(
      categories,
      readFileSync(categories, "utf8").replace(/locale: zh-CN/g, `locale: ${locale}`),
    );
    const r = await start(dir);
    const days = slots(r, "daily", "2026-12-01T00:00:00+08:00", "2026-12-08T23:59:59+08:00");
    expect(days).toHaveLength(8);
    const last = days.at(-1)!;
    for (const slot of days) {
      if (slot === last) {
        // What a killed worker leaves: a claim and no answer. Its job, retried, finds it uncertain.
        claimDelivery(
          r.bot.database.db,
          { promo: "daily", chat: { platform: "telegram", chatId: "g2" }, slot },
          slot,
        );
      }
      await tick(r, "daily", slot);
    }
    r.setClock(last + 3_600_000);
    return { r, last };
  }

  it("status lists each run of the last 7 days, newest first, with the uncertain group and the command to resend it", async () => {
    const { r } = await eightDays();
    try {
      const status = await adminSays(r, "g1", "/promo status daily");
      const lines = status.split("\n");
      expect(lines[0]).toBe("推送 daily 最近 7 天的发送（北京时间）：");
      expect(lines[1]).toBe("• 12月8日 11:00 [1208-1100]：已发送 1，失败 0，结果不明 1");
      expect(lines[2]).toBe("  ⚠ 香满楼优惠群g2 → /promo resend daily 1208-1100");
      expect(lines.slice(3)).toEqual(
        ["7", "6", "5", "4", "3", "2"].map(
          (d) => `• 12月${d}日 11:00 [120${d}-1100]：已发送 2，失败 0，结果不明 0`,
        ),
      );
      // A day later the uncertain run is still there: it does not vanish at the next tick.
      r.setClock(Date.parse("2026-12-09T12:00:00+08:00"));
      expect(await adminSays(r, "g1", "/promo status daily")).toContain(
        "⚠ 香满楼优惠群g2 → /promo resend daily 1208-1100",
      );
    } finally {
      await r.bot.stop();
    }
  });

  it("resend sends the run to the uncertain group only, once; the groups the ledger says got it are refused", async () => {
    const { r, last } = await eightDays();
    try {
      const before = r.adapter.sent(TEXT).length;
      expect(await adminSays(r, "g1", "/promo resend daily 1208-1100")).toBe(
        "🔁 推送 daily（12月8日 11:00）正在补发到 1 个结果不明的群：香满楼优惠群g2。已送达的 1 个群不会重复发送。",
      );
      await expect
        .poll(() => r.adapter.sent(TEXT).length, { timeout: 10_000, interval: 100 })
        .toBe(before + 1);
      expect(r.adapter.sent(TEXT).at(-1)?.chat).toBe("g2");
      const row = deliveriesOf(r.bot.database.db, "daily").find((d) => d.slot === last && d.chatId === "g2");
      expect(row?.status).toBe("sent");
      expect(await adminSays(r, "g1", "/promo resend daily 1208-1100")).toBe(
        "推送 daily（12月8日 11:00）没有结果不明的群，无需补发（已送达 2 个群）。",
      );
      expect(await adminSays(r, "g1", "/promo resend daily 1209-1100")).toBe(
        "推送 daily 最近没有 1209-1100 这次发送，发送 /promo status daily 查看每次发送的编号。",
      );
      expect(await adminSays(r, "g1", "/promo resend daily")).toMatch(
        /^用法：\/promo list .*resend <id> <编号>/,
      );
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(r.adapter.sent(TEXT).length).toBe(before + 1);
    } finally {
      await r.bot.stop();
    }
  });

  it("speaks English in an English group", async () => {
    const { r } = await eightDays("en");
    try {
      const status = await adminSays(r, "g1", "/promo status daily");
      expect(status).toContain(
        "Runs of daily in the last 7 days (Beijing time):\n• Dec 8, 11:00 [1208-1100]: sent 1, failed 0, uncertain 1",
      );
      expect(status).toContain("⚠ 香满楼优惠群g2 → /promo resend daily 1208-1100");
    } finally {
      await r.bot.stop();
    }
  });
});
