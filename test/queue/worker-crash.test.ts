/**
 * Exactly-once under faults, with real processes: two `qunguan worker`s share one Redis and one
 * SQLite file and deliver a promo to 1,000 Telegram chats through loopback Bot API servers (one per
 * worker, so the test knows whose message is arriving); one worker is killed with SIGKILL at a
 * random moment while the Bot API is taking one of its messages, then started again. Afterwards
 * the ledger and the Bot APIs' own records are compared chat by chat.
 */
import { Queue } from "bullmq";
import { afterAll, beforeAll, expect, it } from "vitest";
import { deliveriesOf, openDatabase, rememberChat } from "../../src/db/mod.js";
import { tempDb, tempRules } from "../helpers/bot.js";
import { FakeTelegram } from "../helpers/fake-telegram.js";
import { startQunguan } from "../helpers/qunguan-process.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";

const CHATS = 1000;

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const startWorker = (env: NodeJS.ProcessEnv) => startQunguan("worker", env);

it("a worker killed mid-fan-out and restarted: no chat gets the push twice, none is lost silently", async () => {
  const fake = await FakeTelegram.start();
  const other = await FakeTelegram.start(fake.token);
  const databasePath = tempDb();
  const seed = openDatabase(databasePath);
  const chatIds = Array.from({ length: CHATS }, (_, i) => String(-1004000000000 - i));
  for (const [i, id] of chatIds.entries()) {
    rememberChat(seed.db, { platform: "telegram", chatId: id }, `优惠群${i}`, "promo", Date.now());
  }
  seed.close();
  const prefix = `crash${process.pid}`;
  const env = {
    REDIS_URL: `redis://127.0.0.1:${redis.connection.port}`,
    QUNGUAN_QUEUE_PREFIX: prefix,
    QUNGUAN_DELIVERIES_PER_SECOND: "200",
    DATABASE_PATH: databasePath,
    RULES_DIR: tempRules(),
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
  };
  const elsewhere = { ...env, TELEGRAM_API_ROOT: other.apiRoot };
  const killAt = 150 + Math.floor(Math.random() * 600);
  let victim = startWorker(env);
  const survivor = startWorker(elsewhere);
  const workers = [victim, survivor];
  let killedAt: number | undefined;
  fake.onAccepted = (call) => {
    if (call.method !== "sendMessage" || killedAt !== undefined) return;
    const total = fake.callsOf("sendMessage").length + other.callsOf("sendMessage").length;
    if (total >= killAt) {
      // Now: the Bot API has this message from the victim, and the victim has not heard back.
      killedAt = total;
      victim.child.kill("SIGKILL");
    }
  };
  const promos = new Queue("promos", { connection: redis.connection, prefix });
  try {
    for (const w of workers) {
      await expect.poll(() => w.log().includes("worker running"), { timeout: 15_000 }).toBe(true);
    }
    await promos.add("tick", { promo: "lunch-special" }, { jobId: `manual:lunch-special:${Date.now()}` });
    await expect.poll(() => killedAt, { timeout: 60_000, interval: 50 }).toBeDefined();
    expect(await victim.exited).toBeNull();
    victim = startWorker(elsewhere);
    workers.push(victim);
    const db = openDatabase(databasePath);
    const settled = () =>
      deliveriesOf(db.db, "lunch-special").filter((d) => d.status === "sent" || d.status === "uncertain")
        .length;
    // The dead worker's jobs come back once their locks expire (10 s).
    await expect.poll(settled, { timeout: 90_000, interval: 250 }).toBe(CHATS);
    const ledger = deliveriesOf(db.db, "lunch-special");
    db.close();

    const received = new Map<string, number>();
    for (const call of [...fake.callsOf("sendMessage"), ...other.callsOf("sendMessage")]) {
      const chat = String(call.params.chat_id);
      received.set(chat, (received.get(chat) ?? 0) + 1);
    }
    const twice = [...received].filter(([, n]) => n > 1);
    expect(twice).toEqual([]);
    expect(ledger).toHaveLength(CHATS);
    expect(new Set(ledger.map((d) => d.slot)).size).toBe(1);
    const sent = ledger.filter((d) => d.status === "sent");
    const uncertain = ledger.filter((d) => d.status === "uncertain");
    // Every delivery the ledger calls sent reached its chat exactly once.
    for (const d of sent) expect(received.get(d.chatId), d.chatId).toBe(1);
    // Only what the killed worker had in flight (at most its 4 concurrent sends) is uncertain.
    expect(uncertain.length).toBeGreaterThanOrEqual(1);
    expect(uncertain.length).toBeLessThanOrEqual(4);
    const uncertainArrived = uncertain.filter((d) => received.get(d.chatId) === 1).length;
    expect(new Set(ledger.map((d) => d.chatId))).toEqual(new Set(chatIds));
    // Each uncertain delivery is reported where the owners look: a log line from the worker that found it.
    const reported = workers
      .map((w) => w.log())
      .join("")
      .split("\n")
      .filter((line) => line.includes('"outcome":"uncertain"')).length;
    expect(reported).toBe(uncertain.length);
    console.log(
      `killed at send ${killedAt} of ${CHATS}: ${sent.length} sent once, ${uncertain.length} uncertain ` +
        `(${uncertainArrived} of them had reached the chat), 0 twice`,
    );
  } finally {
    for (const w of workers) w.child.kill("SIGTERM");
    await Promise.all(workers.map((w) => w.exited));
    await promos.close();
    await fake.stop();
    await other.stop();
  }
}, 150_000);
