/**
 * Promos and timed sanctions on BullMQ, against a real redis-server started here, through the real
 * bot (engine, dispatcher, SQLite file, rule files on disk) with a recording adapter.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot } from "../../src/app/bot.js";
import { addSanction, deliveriesOf, openDatabase } from "../../src/db/mod.js";
import { createLogger } from "../../src/log/logger.js";
import { reconcilePromos } from "../../src/queue/mod.js";
import { loadRulesOrThrow } from "../../src/rules/load.js";
import { tempDb, tempRules } from "../helpers/bot.js";
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
const prefix = () => `qt${process.pid}-${prefixes++}`;

const PROMO_TEXT = "【测试】午市特价";

function promoRules(cron: string): string {
  const dir = tempRules();
  writeFileSync(
    join(dir, "promos.yaml"),
    `promos:\n  - id: every-second\n    targets: { categories: [promo] }\n    cron: "${cron}"\n    text: "${PROMO_TEXT}"\n    max_per_day: 1000\n`,
  );
  return dir;
}

async function startBot(
  rulesDir: string,
  adapter: RecordingAdapter,
  queuePrefix: string,
  databasePath = tempDb(),
) {
  const bot = new Bot({
    rulesDir,
    databasePath,
    logger: createLogger({ destination: new PassThrough() }),
    adapters: [adapter],
    watchRules: false,
    // 50 chats a second in the promo tests: above the default send budget of 25/s.
    queue: { connection: redis.connection, prefix: queuePrefix, deliveriesPerSecond: 500 },
  });
  await bot.start();
  return bot;
}

/** A member speaks now in chat `chatId`, titled 香满楼优惠群<chatId> so it binds to the promo category. */
function speak(
  bot: Bot,
  adapter: RecordingAdapter,
  chatId: string,
  user: string,
  text: string,
  admin = false,
) {
  return bot.handle(adapter, {
    type: "message",
    chat: { platform: "telegram", id: chatId, title: `香满楼优惠群${chatId}` },
    sender: { id: user, displayName: user, isPlatformAdmin: admin },
    at: Date.now(),
    messageId: String(Math.random()),
    text,
    kind: "text",
    mentions: [],
  });
}

/** A member joins promo group `chatId`: the bot learns the chat, a promo target. */
function joinGroup(bot: Bot, adapter: RecordingAdapter, chatId: string) {
  return bot.handle(adapter, {
    type: "join",
    chat: { platform: "telegram", id: chatId, title: `香满楼优惠群${chatId}` },
    sender: { id: `u-${chatId}`, displayName: `u-${chatId}`, isPlatformAdmin: false },
    at: Date.now(),
  });
}

describe("promo schedules", () => {
  it("reconcile upserts enabled promos, replaces changed ones and removes the rest", async () => {
    const queue = new Queue("promos", { connection: redis.connection, prefix: prefix() });
    try {
      const pack = loadRulesOrThrow(tempRules());
      await reconcilePromos(queue, pack.promos);
      const ids = async () => (await queue.getJobSchedulers()).map((s) => s.key ?? s.id).sort();
      expect(await ids()).toEqual(["promo-lunch-special", "promo-weekend-event"]);
      const changed = pack.promos.map((p) =>
        p.id === "lunch-special" ? { ...p, cron: "30 11 * * 1-5" } : p,
      );
      await reconcilePromos(queue, changed.slice(0, 1));
      expect(await ids()).toEqual(["promo-lunch-special"]);
      const scheduler = (await queue.getJobSchedulers())[0]!;
      expect(scheduler.pattern).toBe("30 11 * * 1-5");
      await reconcilePromos(queue, []);
      expect(await ids()).toEqual([]);
    } finally {
      await queue.close();
    }
  });

  it("a promo every second reaches each of 50 chats exactly once per tick; removing it stops it and leaves no scheduler", async () => {
    const adapter = new RecordingAdapter();
    const rules = promoRules("* * * * * *");
    const p = prefix();
    const bot = await startBot(rules, adapter, p);
    try {
      for (let i = 0; i < 50; i++) {
        await joinGroup(bot, adapter, `g${i}`);
      }
      await expect
        .poll(() => adapter.sent(PROMO_TEXT).length, { timeout: 10_000, interval: 100 })
        .toBeGreaterThanOrEqual(100);
      // Stop the schedule: the rule file loses the promo.
      writeFileSync(join(rules, "promos.yaml"), "promos: []\n");
      expect(bot.reloadRules().ok).toBe(true);
      await expect
        .poll(async () => (await bot.queues!.promos.getJobSchedulers()).length, { timeout: 5000 })
        .toBe(0);
      // Let the deliveries of the last tick finish.
      await expect
        .poll(
          async () =>
            await bot.queues!.deliveries.getJobCounts("waiting", "active", "delayed", "prioritized"),
          {
            timeout: 10_000,
          },
        )
        .toEqual({ waiting: 0, active: 0, delayed: 0, prioritized: 0 });
      const ledger = deliveriesOf(bot.database.db, "every-second");
      const slots = [...new Set(ledger.map((d) => d.slot))];
      const sent = adapter.sent(PROMO_TEXT);
      const perChat = new Map<string, number>();
      for (const s of sent) perChat.set(s.chat, (perChat.get(s.chat) ?? 0) + 1);
      console.log(`promo: ${slots.length} ticks, ${sent.length} deliveries to ${perChat.size} chats`);
      expect(perChat.size).toBe(50);
      // Exactly one message per chat per tick: as many sends as ledger rows, one row per chat and slot.
      expect(ledger.every((d) => d.status === "sent")).toBe(true);
      expect(ledger).toHaveLength(slots.length * 50);
      expect(sent).toHaveLength(ledger.length);
      for (const n of perChat.values()) expect(n).toBe(slots.length);
      // Nothing more arrives once the promo is gone.
      const before = adapter.sent(PROMO_TEXT).length;
      await new Promise((r) => setTimeout(r, 1500));
      expect(adapter.sent(PROMO_TEXT).length).toBe(before);
    } finally {
      await bot.stop();
    }
  });
});

describe("timed sanctions", () => {
  it("lifts a mute when it ends, on the platform and in the engine's memory", async () => {
    const adapter = new RecordingAdapter();
    const bot = await startBot(tempRules(), adapter, prefix());
    try {
      const send = (user: string, text: string, admin = false) =>
        speak(bot, adapter, "g1", user, text, admin);
      await send("bob", "hi");
      await send("mgr", "/mute bob 2s", true);
      expect(adapter.log.some((r) => r.op === "mute" && r.user === "bob")).toBe(true);
      expect(bot.engine.memory.isMuted("telegram:g1", "bob", Date.now())).toBe(true);
      await expect
        .poll(() => adapter.log.some((r) => r.op === "unmute" && r.user === "bob"), {
          timeout: 8000,
          interval: 100,
        })
        .toBe(true);
      const unmute = adapter.log.find((r) => r.op === "unmute")!;
      const mute = adapter.log.find((r) => r.op === "mute")!;
      expect(unmute.at - mute.at).toBeGreaterThanOrEqual(1900);
    } finally {
      await bot.stop();
    }
  });

  it("lifts at start a mute that ended while the bot was stopped", async () => {
    const adapter = new RecordingAdapter();
    const databasePath = tempDb();
    const first = await startBot(tempRules(), adapter, prefix(), databasePath);
    addSanction(first.database.db, {
      chat: { platform: "telegram", chatId: "g1" },
      userId: "carol",
      type: "mute",
      rule: "flood",
      at: Date.now() - 7_200_000,
      endsAt: Date.now() - 3_600_000,
      soft: false,
    });
    await first.stop();
    const second = await startBot(tempRules(), adapter, prefix(), databasePath);
    try {
      expect(adapter.log.filter((r) => r.op === "unmute" && r.user === "carol")).toHaveLength(1);
    } finally {
      await second.stop();
    }
    const third = await startBot(tempRules(), adapter, prefix(), databasePath);
    await third.stop();
    // Lifting is idempotent: a second start lifts nothing again.
    expect(adapter.log.filter((r) => r.op === "unmute" && r.user === "carol")).toHaveLength(1);
  });
});

describe("without Redis", () => {
  it("keeps moderating and answering when Redis is unreachable", async () => {
    const adapter = new RecordingAdapter();
    const log = new PassThrough();
    let logged = "";
    log.on("data", (d) => {
      logged += d;
    });
    const bot = new Bot({
      rulesDir: tempRules(),
      databasePath: tempDb(),
      logger: createLogger({ destination: log }),
      adapters: [adapter],
      watchRules: false,
      queue: { connection: { host: "127.0.0.1", port: 1, maxRetriesPerRequest: null }, prefix: prefix() },
    });
    const started = bot.start();
    await bot.handle(adapter, {
      type: "message",
      chat: { platform: "telegram", id: "g1" },
      sender: { id: "eve", displayName: "eve", isPlatformAdmin: false },
      at: Date.now(),
      messageId: "1",
      text: "请问几点开门？",
      kind: "text",
      mentions: [],
    });
    expect(adapter.log.some((r) => r.op === "send" && r.text?.includes("营业时间"))).toBe(true);
    await Promise.race([started, new Promise((r) => setTimeout(r, 500))]);
    await bot.stop();
    expect(readFileSync).toBeDefined();
    expect(logged.length).toBeGreaterThan(0);
  });
});

describe("/promo commands", () => {
  it("list, preview, send now (once per chat), pause and resume from the chat", async () => {
    const adapter = new RecordingAdapter();
    const bot = await startBot(tempRules(), adapter, prefix());
    try {
      const send = (user: string, text: string, chat = "g0", admin = false) =>
        speak(bot, adapter, chat, user, text, admin);
      for (let i = 0; i < 5; i++) await send("guest", "你好", `g${i}`);
      const last = () => adapter.log.filter((r) => r.op === "send").at(-1)?.text ?? "";
      await send("mgr", "/promo list", "g0", true);
      expect(last()).toContain(
        "lunch-special 工作日午市特价：工作日 11:00（北京时间） → 香满楼优惠群 · 启用中",
      );
      await send("mgr", "/promo preview lunch-special", "g0", true);
      expect(last()).toContain("午市特价");
      await send("guest", "/promo send lunch-special", "g0");
      expect(last()).toContain("只有本群管理员可以使用 /promo");
      await send("mgr", "/promo send lunch-special", "g0", true);
      const text = bot.rules.promos.find((p) => p.id === "lunch-special")!.text;
      await expect.poll(() => adapter.sent(text).length, { timeout: 8000 }).toBe(5);
      expect(new Set(adapter.sent(text).map((r) => r.chat)).size).toBe(5);
      await send("mgr", "/promo pause lunch-special", "g0", true);
      await expect
        .poll(async () => (await bot.queues!.promos.getJobSchedulers()).map((s) => s.key ?? s.id), {
          timeout: 5000,
        })
        .toEqual(["promo-weekend-event"]);
      await send("mgr", "/promo resume lunch-special", "g0", true);
      await expect
        .poll(async () => (await bot.queues!.promos.getJobSchedulers()).length, { timeout: 5000 })
        .toBe(2);
      await send("mgr", "/promo send nope", "g0", true);
      expect(last()).toContain("没有推送 nope");
    } finally {
      await bot.stop();
    }
  });
});

describe("promo delivery errors", () => {
  it("a refused send is retried once Telegram takes it; a chat that is gone fails for good; /promo status counts both", async () => {
    const { PlatformError } = await import("../../src/core/adapter.js");
    const adapter = new RecordingAdapter();
    const databasePath = tempDb();
    const bot = await startBot(tempRules(), adapter, prefix(), databasePath);
    try {
      for (let i = 0; i < 4; i++) await joinGroup(bot, adapter, `e${i}`);
      adapter.sendFaults.set("e1", [new PlatformError("sendMessage failed: Too Many Requests", false, 10)]);
      adapter.sendFaults.set("e2", [new PlatformError("sendMessage failed: chat not found", true)]);
      await speak(bot, adapter, "e0", "mgr", "/promo send lunch-special", true);
      const text = bot.rules.promos.find((p) => p.id === "lunch-special")!.text;
      // e1 comes back after the job's backoff (1 s); e2 is never tried again.
      await expect.poll(() => adapter.sent(text).length, { timeout: 10_000, interval: 100 }).toBe(3);
      expect(
        adapter
          .sent(text)
          .map((r) => r.chat)
          .sort(),
      ).toEqual(["e0", "e1", "e3"]);
      expect(adapter.sendFaults.get("e1")).toEqual([]);
      await new Promise((r) => setTimeout(r, 1500));
      expect(adapter.sent(text).length).toBe(3);
      await speak(bot, adapter, "e0", "mgr", "/promo status lunch-special", true);
      const status = adapter.log.filter((r) => r.op === "send").at(-1)?.text ?? "";
      expect(status).toMatch(/\] ?：已发送 3，失败 1，结果不明 0$/m);
      await speak(bot, adapter, "e0", "mgr", "/promo status weekend-event", true);
      expect(adapter.log.filter((r) => r.op === "send").at(-1)?.text).toContain("最近 7 天还没有发送记录");
    } finally {
      await bot.stop();
    }
    const db = openDatabase(databasePath);
    const rows = deliveriesOf(db.db, "lunch-special");
    db.close();
    expect(Object.fromEntries(rows.map((r) => [r.chatId, r.status]))).toEqual({
      e0: "sent",
      e1: "sent",
      e2: "failed",
      e3: "sent",
    });
  });
});

describe("promos: several workers, Redis restarts", () => {
  it("two bots on one Redis and one database never deliver a slot twice", async () => {
    const rules = promoRules("* * * * * *");
    const databasePath = tempDb();
    const p = prefix();
    const a = new RecordingAdapter();
    const b = new RecordingAdapter();
    const first = await startBot(rules, a, p, databasePath);
    const second = await startBot(rules, b, p, databasePath);
    try {
      for (let i = 0; i < 30; i++) {
        await joinGroup(first, a, `g${i}`);
      }
      await expect
        .poll(() => a.sent(PROMO_TEXT).length + b.sent(PROMO_TEXT).length, { timeout: 10_000, interval: 100 })
        .toBeGreaterThanOrEqual(90);
    } finally {
      await first.stop();
      await second.stop();
    }
    const sends = [...a.sent(PROMO_TEXT), ...b.sent(PROMO_TEXT)];
    const db = openDatabase(databasePath);
    const ledger = deliveriesOf(db.db, "every-second");
    db.close();
    expect(a.sent(PROMO_TEXT).length).toBeGreaterThan(0);
    expect(b.sent(PROMO_TEXT).length).toBeGreaterThan(0);
    // Each ledger row is one chat and one slot, sent once; sends match rows one to one.
    const sent = ledger.filter((d) => d.status === "sent");
    expect(sends.length).toBe(sent.length);
    expect(new Set(sent.map((d) => `${d.chatId}|${d.slot}`)).size).toBe(sent.length);
  });

  it("a promo scheduled every second keeps going after Redis restarts (the scheduler is in the AOF)", async () => {
    const adapter = new RecordingAdapter();
    const bot = await startBot(promoRules("* * * * * *"), adapter, prefix());
    try {
      for (let i = 0; i < 3; i++) await joinGroup(bot, adapter, `s${i}`);
      await expect.poll(() => adapter.sent(PROMO_TEXT).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
      await redis.restart();
      const back = Date.now();
      // Ticks after the restart reach every chat again, once per slot.
      await expect
        .poll(
          () =>
            new Set(
              adapter
                .sent(PROMO_TEXT)
                .filter((r) => r.at > back)
                .map((r) => r.chat),
            ).size,
          {
            timeout: 20_000,
            interval: 200,
          },
        )
        .toBe(3);
    } finally {
      await bot.stop();
    }
  });

  it("a mute still ends on time when Redis restarts while it runs (AOF keeps the job)", async () => {
    const adapter = new RecordingAdapter();
    const bot = await startBot(tempRules(), adapter, prefix());
    try {
      const send = (user: string, text: string, admin = false) =>
        speak(bot, adapter, "g1", user, text, admin);
      await send("bob", "hi");
      await send("mgr", "/mute bob 4s", true);
      await new Promise((r) => setTimeout(r, 500));
      await redis.restart();
      // Moderation answered while Redis was coming back.
      await send("eve", "请问几点开门？");
      expect(adapter.log.some((r) => r.op === "send" && r.text?.includes("营业时间"))).toBe(true);
      await expect
        .poll(() => adapter.log.some((r) => r.op === "unmute" && r.user === "bob"), {
          timeout: 15_000,
          interval: 200,
        })
        .toBe(true);
    } finally {
      await bot.stop();
    }
  });
});

describe("promos: send rate", () => {
  it("keeps the overall delivery rate within the configured limit", async () => {
    const adapter = new RecordingAdapter();
    const rules = tempRules();
    const { QueueService } = await import("../../src/queue/mod.js");
    const bot = new Bot({
      rulesDir: rules,
      databasePath: tempDb(),
      logger: createLogger({ destination: new PassThrough() }),
      adapters: [adapter],
      watchRules: false,
    });
    const queues = new QueueService({
      connection: redis.connection,
      prefix: prefix(),
      database: bot.database,
      logger: createLogger({ destination: new PassThrough() }),
      pack: () => bot.rules,
      adapters: [adapter],
      deliveriesPerSecond: 20,
      deliveryConcurrency: 8,
    });
    try {
      await bot.start();
      for (let i = 0; i < 60; i++) {
        await joinGroup(bot, adapter, `r${i}`);
      }
      await queues.start();
      await queues.sendNow("lunch-special");
      const text = bot.rules.promos.find((p) => p.id === "lunch-special")!.text;
      await expect.poll(() => adapter.sent(text).length, { timeout: 15_000, interval: 100 }).toBe(60);
      const times = adapter.sent(text).map((r) => r.at);
      const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
      // 60 deliveries at 20/s: the last second's window starts after at least two full seconds.
      let busiest = 0;
      for (const t of times) busiest = Math.max(busiest, times.filter((u) => u >= t && u < t + 1000).length);
      console.log(
        `fan-out to 60 chats at a limit of 20/s: ${seconds.toFixed(2)} s, busiest second ${busiest} sends`,
      );
      expect(busiest).toBeLessThanOrEqual(20);
      expect(seconds).toBeGreaterThanOrEqual(1.9);
    } finally {
      await queues.stop();
      await bot.stop();
    }
  });
});

describe("qunguan worker", () => {
  it("consumes promo ticks in its own process and delivers through Telegram", async () => {
    const { spawn } = await import("node:child_process");
    const { resolve } = await import("node:path");
    const { FakeTelegram } = await import("../helpers/fake-telegram.js");
    const { rememberChat } = await import("../../src/db/mod.js");
    const fake = await FakeTelegram.start();
    const databasePath = tempDb();
    const db = openDatabase(databasePath);
    for (let i = 0; i < 20; i++) {
      rememberChat(
        db.db,
        { platform: "telegram", chatId: String(-1003000000000 - i) },
        `优惠群${i}`,
        "promo",
        Date.now(),
      );
    }
    db.close();
    const p = prefix();
    const root = resolve(import.meta.dirname, "../..");
    const child = spawn("node", [resolve(root, "dist/src/cli/main.js"), "worker"], {
      cwd: root,
      env: {
        ...process.env,
        REDIS_URL: `redis://127.0.0.1:${redis.connection.port}`,
        QUNGUAN_QUEUE_PREFIX: p,
        DATABASE_PATH: databasePath,
        RULES_DIR: tempRules(),
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    const queue = new Queue("promos", { connection: redis.connection, prefix: p });
    try {
      await expect.poll(() => stderr.includes("worker running"), { timeout: 15_000 }).toBe(true);
      await queue.add("tick", { promo: "lunch-special" }, { jobId: `manual:lunch-special:${Date.now()}` });
      await expect
        .poll(() => fake.callsOf("sendMessage").length, { timeout: 30_000, interval: 200 })
        .toBe(20);
      const chats = new Set(fake.callsOf("sendMessage").map((c) => String(c.params.chat_id)));
      expect(chats.size).toBe(20);
    } finally {
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      await queue.close();
      await fake.stop();
    }
  });
});

describe("/broadcast", () => {
  it("an owner previews, confirms, and every chat of the category gets it once; admins may not", async () => {
    const rules = tempRules();
    writeFileSync(
      join(rules, "admins.yaml"),
      "admins:\n  owners:\n    - { platform: telegram, id: boss, name: 老板 }\n",
    );
    const adapter = new RecordingAdapter();
    const bot = await startBot(rules, adapter, prefix());
    try {
      for (let i = 0; i < 6; i++) await joinGroup(bot, adapter, `b${i}`);
      const last = () => adapter.log.filter((r) => r.op === "send").at(-1)?.text ?? "";
      await speak(bot, adapter, "b0", "mgr", "/broadcast promo 周末活动取消", true);
      expect(last()).toContain("只有本群管理员可以使用 /broadcast");
      await speak(bot, adapter, "b0", "boss", "/broadcast promo 本周六店休一天，周日照常营业");
      expect(last()).toContain("将发送到 6 个群（香满楼优惠群）");
      await speak(bot, adapter, "b0", "boss", "/broadcast confirm");
      expect(last()).toContain("群发已开始");
      await expect.poll(() => adapter.sent("本周六店休一天，周日照常营业").length, { timeout: 8000 }).toBe(6);
      await speak(bot, adapter, "b0", "boss", "/broadcast confirm");
      expect(last()).toContain("没有待确认的群发");
      await speak(bot, adapter, "b0", "boss", "/broadcast nowhere hi");
      expect(last()).toContain("没有分类 nowhere");
    } finally {
      await bot.stop();
    }
  });
});
