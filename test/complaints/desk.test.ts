/**
 * The complaint desk through the real bot (engine, commands, dispatcher, SQLite file, rule files on
 * disk) with a recording adapter, its deadlines on BullMQ against a real redis-server started here.
 * Deadlines are seconds long so that missing one takes a moment.
 */
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot } from "../../src/app/bot.js";
import { catchUpDeadlines, deadlinePassed } from "../../src/complaints/deadlines.js";
import { getTicket } from "../../src/db/mod.js";
import { createLogger } from "../../src/log/logger.js";
import { tempDb } from "../helpers/bot.js";
import { RecordingAdapter } from "../helpers/recording-adapter.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";
import { deskRules, getDueAt, say, sentTo } from "./desk-helpers.js";

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

let prefixes = 0;
const prefix = () => `ct${process.pid}-${prefixes++}`;

async function startBot(
  rulesDir: string,
  adapter: RecordingAdapter,
  queuePrefix: string,
  databasePath: string,
) {
  const bot = new Bot({
    rulesDir,
    databasePath,
    logger: createLogger({ destination: new PassThrough() }),
    adapters: [adapter],
    watchRules: false,
    queue: { connection: redis.connection, prefix: queuePrefix },
  });
  await bot.start();
  await bot.queuesReady();
  return bot;
}

describe("complaint desk", () => {
  it("a complaint opens a ticket with redacted text, is acknowledged with its number and promised time, and the first staff tier hears of it", async () => {
    const adapter = new RecordingAdapter();
    const p = prefix();
    const bot = await startBot(deskRules("15m", "2d"), adapter, p, tempDb());
    try {
      await say(bot, adapter, "wang", "你们的鱼一点都不新鲜，我要投诉！电话13812345678");
      const ticket = getTicket(bot.database.db, 1)!;
      expect(ticket).toMatchObject({
        platform: "telegram",
        chatId: "c1",
        userId: "wang",
        category: "complaints",
      });
      expect(ticket.text).toBe("你们的鱼一点都不新鲜，我要投诉！电话[phone]");
      expect(ticket.firstResponseDue - ticket.openedAt).toBe(15 * 60_000);
      expect(ticket.resolutionDue - ticket.openedAt).toBe(2 * 86_400_000);
      // The privacy rule takes the number down (no warning: not spam), and the complaint stands.
      expect(sentTo(adapter, "c1")).toEqual([
        expect.stringContaining("为保护您的隐私"),
        expect.stringMatching(/工单 #1，店员会在 15 分钟内回复您/),
      ]);
      await expect.poll(() => sentTo(adapter, "staff-1")).toEqual([expect.stringContaining("新投诉工单 #1")]);
      expect(sentTo(adapter, "staff-1")[0]).toContain("[phone]");
      expect(sentTo(adapter, "staff-1")[0]).not.toContain("13812345678");
      // Both deadlines wait in Redis as delayed jobs.
      await expect
        .poll(async () => (await bot.queues!.tickets.getDelayed()).map((j) => j.id).sort())
        .toEqual(["ticket|1|first_response", "ticket|1|resolution"]);
      // The same customer going on about it does not open a second ticket.
      await say(bot, adapter, "wang", "还要退款！");
      expect(getTicket(bot.database.db, 2)).toBeUndefined();
      expect(sentTo(adapter, "c1")).toHaveLength(2);
      // Spam that borrows complaint words is taken down and warned, and opens nothing.
      await say(bot, adapter, "spammer", "退款请加微信 abc12345 办理");
      expect(getTicket(bot.database.db, 2)).toBeUndefined();
      expect(sentTo(adapter, "staff-1")).toHaveLength(1);
    } finally {
      await bot.stop();
    }
  });

  it("an admin's reply to the customer is the first response: its timer is removed and it never escalates", async () => {
    const adapter = new RecordingAdapter();
    const bot = await startBot(deskRules("2s", "1h"), adapter, prefix(), tempDb());
    try {
      const complaint = await say(bot, adapter, "wang", "等了一个小时还没上菜");
      await say(bot, adapter, "li", "菜里吃出头发，要求赔偿");
      await say(bot, adapter, "boss", "非常抱歉，马上为您催单", { admin: true, replyTo: complaint });
      const answered = getTicket(bot.database.db, 1)!;
      expect(answered.firstResponseBy).toBe("boss");
      await expect
        .poll(async () => await bot.queues!.tickets.getJob("ticket|1|first_response"))
        .toBeUndefined();
      // Ticket 2, opened at the same time and never answered, escalates; ticket 1 does not.
      await expect
        .poll(() => sentTo(adapter, "manager"), { timeout: 10_000 })
        .toEqual([expect.stringContaining("#2")]);
      expect(getTicket(bot.database.db, 1)!.firstResponseMissedAt).toBeNull();
      expect(getTicket(bot.database.db, 2)!.firstResponseMissedAt).not.toBeNull();
    } finally {
      await bot.stop();
    }
  });

  it("a missed deadline escalates exactly once, one tier up, and is recorded; the resolution deadline one tier further", async () => {
    const adapter = new RecordingAdapter();
    const bot = await startBot(deskRules("2s", "4s"), adapter, prefix(), tempDb());
    try {
      await say(bot, adapter, "wang", "服务态度太差了，我要投诉");
      await expect
        .poll(() => sentTo(adapter, "manager"), { timeout: 10_000 })
        .toEqual([expect.stringMatching(/工单 #1（香满楼售后群）首次回复已超时/)]);
      const missed = getTicket(bot.database.db, 1)!;
      expect(missed.tier).toBe(1);
      expect(missed.firstResponseMissedAt).toBeGreaterThanOrEqual(missed.firstResponseDue);
      // Every other way of seeing the same deadline again finds it handled.
      const job = { ticketId: 1, deadline: "first_response" as const, dueAt: missed.firstResponseDue };
      expect(await deadlinePassed(bot.desk, job, Date.now())).toBe(false);
      await bot.queues!.scheduleDeadline(job);
      await expect
        .poll(() => sentTo(adapter, "area-manager"), { timeout: 10_000 })
        .toEqual([expect.stringMatching(/工单 #1（香满楼售后群）处理期限已超时/)]);
      expect((await catchUpDeadlines(bot.desk, Date.now())).escalated).toBe(0);
      const late = getTicket(bot.database.db, 1)!;
      expect(late.tier).toBe(2);
      expect(late.resolutionMissedAt).not.toBeNull();
      expect(await bot.queues!.tickets.getJobCounts("delayed", "waiting", "active")).toEqual({
        delayed: 0,
        waiting: 0,
        active: 0,
      });
      expect(sentTo(adapter, "manager")).toHaveLength(1);
      expect(sentTo(adapter, "area-manager")).toHaveLength(1);
      expect(sentTo(adapter, "staff-1")).toHaveLength(1);
    } finally {
      await bot.stop();
    }
  });

  it("a restart loses no ticket or timer: one deadline falls due while the bot runs again, one while it is stopped", async () => {
    const adapter = new RecordingAdapter();
    const rules = deskRules("3s", "1h");
    const database = tempDb();
    const p = prefix();
    const first = await startBot(rules, adapter, p, database);
    await say(first, adapter, "wang", "外賣等了一個多小時還沒到，要求退款");
    await first.stop();
    // Down while ticket 1's deadline passes.
    await expect.poll(() => Date.now() > getDueAt(database, 1), { timeout: 10_000 }).toBe(true);
    const second = await startBot(rules, adapter, p, database);
    try {
      await expect
        .poll(() => sentTo(adapter, "manager"), { timeout: 10_000 })
        .toEqual([expect.stringContaining("#1")]);
      await say(second, adapter, "tom", "We waited over an hour and the soup was cold. I want a refund.");
      await second.stop();
      // Restarted before ticket 2 is due: the delayed job from the first run fires in the next.
      const third = await startBot(rules, adapter, p, database);
      try {
        await expect
          .poll(() => sentTo(adapter, "manager"), { timeout: 10_000 })
          .toEqual([expect.stringContaining("#1"), expect.stringContaining("#2")]);
        await say(third, adapter, "boss", "/ticket list", { admin: true });
        const list = sentTo(adapter, "c1").at(-1)!;
        expect(list).toContain("#1");
        expect(list).toContain("#2");
      } finally {
        await third.stop();
      }
    } finally {
      await second.stop().catch(() => {});
    }
    // Waiting a little longer changes nothing: each deadline escalated once.
    expect(sentTo(adapter, "manager")).toHaveLength(2);
  });

  it("closing asks the customer for a score; their bare digit is recorded once; nobody else can score it", async () => {
    const adapter = new RecordingAdapter();
    const bot = await startBot(deskRules("15m", "2d"), adapter, prefix(), tempDb());
    try {
      await say(bot, adapter, "wang", "This place is the worst, I want to complain");
      await say(bot, adapter, "boss", "/ticket close 1", { admin: true });
      expect(sentTo(adapter, "c1").at(-1)).toMatch(/工单 #1 已处理完毕。请为本次服务打分/);
      await say(bot, adapter, "li", "/rate 1 1");
      expect(sentTo(adapter, "c1").at(-1)).toMatch(/只能为自己已关闭的工单打分/);
      await say(bot, adapter, "li", "3");
      await say(bot, adapter, "wang", "４");
      expect(sentTo(adapter, "c1").at(-1)).toMatch(/工单 #1 的评分 4 分已记录/);
      await say(bot, adapter, "wang", "/rate 1 5");
      const t = getTicket(bot.database.db, 1)!;
      expect(t.score).toBe(4);
      expect(t.closedBy).toBe("boss");
      // Closing answered the customer: it counts as the first response; both timers are gone.
      expect(t.firstResponseBy).toBe("boss");
      await expect.poll(async () => (await bot.queues!.tickets.getDelayed()).length).toBe(0);
    } finally {
      await bot.stop();
    }
  });

  it("non-admins cannot touch tickets: refused, nothing changes; a customer sees only their own with /mytickets", async () => {
    const adapter = new RecordingAdapter();
    const bot = await startBot(deskRules("15m", "2d"), adapter, prefix(), tempDb());
    try {
      await say(bot, adapter, "wang", "菜是馊了的，差评");
      await say(bot, adapter, "li", "你们乱收费，多收钱了");
      const before = getTicket(bot.database.db, 1)!;
      for (const command of ["/ticket close 1", "/ticket take 1", "/ticket reply 1 好的", "/ticket list"]) {
        await say(bot, adapter, "li", command);
        await say(bot, adapter, "wang", command);
      }
      expect(getTicket(bot.database.db, 1)).toEqual(before);
      const refusals = sentTo(adapter, "c1").filter((t) => t.includes("只有本群管理员可以使用 /ticket"));
      // One refusal per member per minute; later attempts get silence.
      expect(refusals).toHaveLength(2);
      // An admin of another group has no power here.
      await say(bot, adapter, "other-admin", "/ticket close 1", { admin: true, chat: "c2" });
      expect(sentTo(adapter, "c2")).toEqual([expect.stringContaining("没有工单 #1")]);
      expect(getTicket(bot.database.db, 1)!.closedAt).toBeNull();
      await say(bot, adapter, "wang", "/mytickets");
      const mine = sentTo(adapter, "c1").at(-1)!;
      expect(mine).toContain("#1");
      expect(mine).not.toContain("#2");
    } finally {
      await bot.stop();
    }
  });

  it("staff answer from the staff group: the answer is posted in the customer's group and is the first response", async () => {
    const adapter = new RecordingAdapter();
    const bot = await startBot(deskRules("15m", "2d"), adapter, prefix(), tempDb());
    try {
      await say(bot, adapter, "wang", "送错了，我点的不是这个，要退款");
      await say(bot, adapter, "clerk", "/ticket take 1", { chat: "staff-1" });
      await say(bot, adapter, "clerk", "/ticket reply 1 非常抱歉，马上给您重新做一份", { chat: "staff-1" });
      await expect
        .poll(() => sentTo(adapter, "c1").at(-1))
        .toBe("💬 关于工单 #1：非常抱歉，马上给您重新做一份");
      expect(sentTo(adapter, "staff-1").at(-1)).toBe("✅ 已在 香满楼售后群 回复工单 #1。");
      expect(getTicket(bot.database.db, 1)).toMatchObject({ assignee: "clerk", firstResponseBy: "clerk" });
      await expect
        .poll(async () => await bot.queues!.tickets.getJob("ticket|1|first_response"))
        .toBeUndefined();
    } finally {
      await bot.stop();
    }
  });
});
