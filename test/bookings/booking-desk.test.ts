/**
 * The booking desk through the real bot (engine, commands, dispatcher, SQLite file, rule files on
 * disk) with a recording adapter, its deadlines on BullMQ against a real redis-server started here:
 * a booking request becomes a ticket of kind booking, the customer hears what was understood, the
 * first staff tier hears of it, staff list and confirm it from their group, and an unconfirmed one
 * escalates like a complaint.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot } from "../../src/app/bot.js";
import { catchUpDeadlines, deadlinePassed } from "../../src/complaints/deadlines.js";
import type { MessageEvent } from "../../src/core/chat-event.js";
import { getTicket } from "../../src/db/mod.js";
import { createLogger } from "../../src/log/logger.js";
import { deskRules, sentTo } from "../complaints/desk-helpers.js";
import { capture, tempDb } from "../helpers/bot.js";
import { RecordingAdapter } from "../helpers/recording-adapter.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

let prefixes = 0;
const SHANGHAI_DAY = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" });

/** The default pack with the desk's staff tiers (staff-1, manager, area-manager) and bookings confirmed within `confirm`. */
function bookingRules(confirm: string): string {
  const dir = deskRules("15m", "2d");
  const file = join(dir, "bookings.yaml");
  writeFileSync(
    file,
    readFileSync(file, "utf8").replace("confirm_within: 30m", `confirm_within: ${confirm}`),
  );
  return dir;
}

async function startBot(rulesDir: string, adapter: RecordingAdapter, databasePath = tempDb()) {
  const log = capture();
  const bot = new Bot({
    rulesDir,
    databasePath,
    logger: createLogger({ destination: log.stream }),
    adapters: [adapter],
    watchRules: false,
    queue: { connection: redis.connection, prefix: `bk${process.pid}-${prefixes++}` },
  });
  await bot.start();
  await bot.queuesReady();
  return { bot, logs: log.text, databasePath };
}

let messages = 0;

/** A message in the booking group b1 (its title binds it to the booking category), or in `chat`. */
function say(
  bot: Bot,
  adapter: RecordingAdapter,
  user: string,
  text: string,
  options: { admin?: boolean; chat?: string } = {},
): Promise<MessageEvent> {
  const chat = options.chat ?? "b1";
  const event: MessageEvent = {
    type: "message",
    chat: { platform: "telegram", id: chat, title: chat === "b1" ? "香满楼订座群" : `员工群${chat}` },
    sender: { id: user, displayName: user, isPlatformAdmin: options.admin ?? false },
    at: Date.now(),
    messageId: `m${++messages}`,
    text,
    kind: "text",
    mentions: [],
  };
  return bot.handle(adapter, event).then(() => event);
}

describe("booking desk", () => {
  it("a booking in the asked-for form is acknowledged, staff hear of it, the phone stays masked everywhere, and its deadlines wait in Redis", async () => {
    const adapter = new RecordingAdapter();
    const { bot, logs, databasePath } = await startBot(bookingRules("30m"), adapter);
    const tomorrow = SHANGHAI_DAY.format(Date.now() + 86_400_000);
    const [month, day] = [Number(tomorrow.slice(5, 7)), Number(tomorrow.slice(8, 10))];
    try {
      await say(bot, adapter, "wang", "预约 明天 19:00 4人 王先生 13812345678");
      const ticket = getTicket(bot.database.db, 1)!;
      expect(ticket).toMatchObject({
        kind: "booking",
        chatId: "b1",
        userId: "wang",
        category: "booking",
        partySize: 4,
        contactName: "王先生",
        contactPhone: "[phone]",
        text: "预约 明天 19:00 4人 王先生 [phone]",
      });
      expect(ticket.bookedFor).toBe(Date.parse(`${tomorrow}T19:00:00+08:00`));
      expect(ticket.firstResponseDue - ticket.openedAt).toBe(30 * 60_000);
      expect(ticket.resolutionDue).toBe(ticket.bookedFor);
      // The privacy rule takes the number down; the booking stands and is acknowledged.
      expect(sentTo(adapter, "b1")).toEqual([
        expect.stringContaining("为保护您的隐私"),
        expect.stringMatching(
          new RegExp(`已收到您的订位：${month}月${day}日周. 19:00，4 位。订位单 #1，店员会在 30 分钟内确认`),
        ),
      ]);
      await expect
        .poll(() => sentTo(adapter, "staff-1"))
        .toEqual([expect.stringContaining("📅 新订位 #1（香满楼订座群）")]);
      expect(sentTo(adapter, "staff-1")[0]).toContain("王先生 [phone]");
      await expect
        .poll(async () => (await bot.queues!.tickets.getDelayed()).map((j) => j.id).sort())
        .toEqual(["ticket|1|first_response", "ticket|1|resolution"]);
      // A bare request from another customer: a prompt, no ticket, nobody alerted.
      await say(bot, adapter, "li", "订位");
      expect(sentTo(adapter, "b1").at(-1)).toContain("还缺：日期、时间、人数。");
      expect(getTicket(bot.database.db, 2)).toBeUndefined();
      expect(sentTo(adapter, "staff-1")).toHaveLength(1);
    } finally {
      await bot.stop();
    }
    // Neither the logs nor the database file hold the number in clear.
    expect(logs()).toContain("booking opened");
    expect(logs()).not.toContain("13812345678");
    for (const file of [databasePath, `${databasePath}-wal`]) {
      if (existsSync(file)) expect(readFileSync(file).includes("13812345678")).toBe(false);
    }
  });

  it("staff list bookings and confirm one from the staff group: the customer hears in their group, the timers go", async () => {
    const adapter = new RecordingAdapter();
    const { bot } = await startBot(bookingRules("30m"), adapter);
    try {
      await say(bot, adapter, "wang", "订位 后天 晚上7点 4位");
      await say(bot, adapter, "li", "訂位 後天 18:30 2位");
      await say(bot, adapter, "clerk", "/bookings", { chat: "staff-1" });
      const list = sentTo(adapter, "staff-1").at(-1)!;
      expect(list).toMatch(
        /^待确认的订位：\n#2 香满楼订座群 · li: .* 18:30，2 位 \(待确认\)\n#1 香满楼订座群 · wang: .* 19:00，4 位/,
      );
      await say(bot, adapter, "clerk", "/ticket close 1", { chat: "staff-1" });
      await expect
        .poll(() => sentTo(adapter, "b1").at(-1))
        .toMatch(/^✅ wang，您的订位 #1（.* 19:00，4 位）已确认，期待您的光临！$/);
      expect(sentTo(adapter, "staff-1").at(-1)).toBe("✅ 订位 #1 已确认，已通知顾客。");
      expect(getTicket(bot.database.db, 1)).toMatchObject({ closedBy: "clerk", outcome: null });
      await say(bot, adapter, "clerk", "/ticket decline 2 那天包场了", { chat: "staff-1" });
      await expect
        .poll(() => sentTo(adapter, "b1").at(-1))
        .toMatch(/^🙏 li，很抱歉，您的订位 #2（.*）未能安排：那天包场了$/);
      expect(getTicket(bot.database.db, 2)).toMatchObject({ outcome: "declined" });
      await expect.poll(async () => (await bot.queues!.tickets.getDelayed()).length).toBe(0);
      // The group's admin sees the group's bookings, settled ones no more.
      await say(bot, adapter, "boss", "/ticket list booking", { admin: true });
      expect(sentTo(adapter, "b1").at(-1)).toBe("没有待确认的订位。");
    } finally {
      await bot.stop();
    }
  });

  it("a booking nobody confirms in time escalates one tier up, once", async () => {
    const adapter = new RecordingAdapter();
    const { bot } = await startBot(bookingRules("2s"), adapter);
    try {
      await say(bot, adapter, "wang", "订位 明天 12:00 6人");
      expect(sentTo(adapter, "b1").at(-1)).toContain("店员会在 2 秒内确认");
      await expect
        .poll(() => sentTo(adapter, "manager"), { timeout: 10_000 })
        .toEqual([expect.stringMatching(/^⏰ 工单 #1（香满楼订座群）订位确认已超时，现升级给您处理。/)]);
      expect(getTicket(bot.database.db, 1)).toMatchObject({ tier: 1, kind: "booking" });
      expect(getTicket(bot.database.db, 1)!.firstResponseMissedAt).not.toBeNull();
      // The table's own time is still ahead: that deadline waits.
      expect((await bot.queues!.tickets.getDelayed()).map((j) => j.id)).toEqual(["ticket|1|resolution"]);
      expect(sentTo(adapter, "area-manager")).toEqual([]);
      // Seeing the same deadline again (a restart's catch-up, a second timer) changes nothing.
      const job = {
        ticketId: 1,
        deadline: "first_response" as const,
        dueAt: getTicket(bot.database.db, 1)!.firstResponseDue,
      };
      expect(await deadlinePassed(bot.desk, job, Date.now())).toBe(false);
      expect((await catchUpDeadlines(bot.desk, Date.now())).escalated).toBe(0);
      expect(sentTo(adapter, "manager")).toHaveLength(1);
    } finally {
      await bot.stop();
    }
  });
});
