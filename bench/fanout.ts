/**
 * Scenario "fanout": one promo tick to 10,000 known chats through the real
 * queues (BullMQ on a private redis-server, the fan-out job, one delivery job
 * per chat, the SQLite ledger claimed and settled per delivery) with send
 * limits lifted and an adapter that only counts; against plain BullMQ jobs
 * that do nothing, as many, added in bulk the same way, at the same
 * concurrency, on the same Redis in the same run. ratio = ours / plain: what
 * the ledger and the dispatch cost on top of the queue itself.
 *
 * Then the configured limits: the default send budget (25 deliveries a
 * second) and the real Telegram adapter with its throttler against the
 * loopback Bot API server, 20 chats × 5 slots queued slot after slot, so the
 * per-chat limit (one message a second) and the budget both bind. Measured
 * as the messages leave the bot (the adapter's onSending hook, after its
 * throttler): the overall rate, the busiest sliding second and the shortest
 * gap between two messages to one chat; that gap is also given as measured at
 * the server, where a loaded event loop on either side shifts arrivals by a
 * few milliseconds that no sender controls.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { Queue, Worker } from "bullmq";
import { rememberChat } from "../src/db/chats.js";
import { deliveriesOf } from "../src/db/deliveries.js";
import { openDatabase } from "../src/db/open.js";
import { createLogger } from "../src/log/logger.js";
import { startPrivateRedis } from "../src/queue/private-redis.js";
import { type Delivery, enqueueDeliveries } from "../src/queue/promo-delivery.js";
import { QueueService } from "../src/queue/queue-service.js";
import type { RedisConnection } from "../src/queue/redis-connection.js";
import { loadRulesOrThrow } from "../src/rules/load.js";
import type { RulePack } from "../src/rules/rule-pack.js";
import { adapterFor, FakeTelegram } from "../test/helpers/fake-telegram.js";
import { round } from "./engine.js";
import { NullAdapter } from "./null-adapter.js";

export interface FanoutResult {
  scenario: "fanout";
  chats: number;
  deliveriesPerSec: number;
  plainJobsPerSec: number;
  ratio: number;
  /** The configured-limits run. */
  limitedDeliveries: number;
  limitPerSec: number;
  overallPerSec: number;
  busiestSecond: number;
  perChatLimitMs: number;
  /** Shortest gap between two messages to one chat as they left the bot (after its throttler). */
  perChatMinGapMs: number;
  /** The same where Telegram would see it: arrival at the loopback Bot API server (loopback jitter included). */
  perChatMinGapArrivedMs: number;
  withinLimits: boolean;
}

export interface FanoutOptions {
  chats: number;
  rulesDir: string;
  log: (line: string) => void;
}

/** The default send budget of QueueService (deliveries per second), which the limited run keeps. */
const DEFAULT_BUDGET = 25;
/** Telegram's per-group limit the adapter's throttler keeps: one message a second. */
const PER_CHAT_GAP_MS = 1000;
/** Deliveries taken at once by one process (QueueService's default), on both sides. */
const CONCURRENCY = 4;
const PROMO = "bench-fanout";
/** QueueService's lock settings for delivery workers (queue-service.ts, LOCK), so both sides run the same worker. */
const DELIVERY_LOCK = { lockDuration: 10_000, stalledInterval: 5_000 };

async function until(condition: () => boolean, what: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`fanout: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The shortest time between two consecutive messages to the same chat. */
function minGapPerChat(sends: readonly { chat: string; at: number }[]): number {
  const last = new Map<string, number>();
  let min = Number.POSITIVE_INFINITY;
  for (const s of [...sends].sort((a, b) => a.at - b.at)) {
    const before = last.get(s.chat);
    if (before !== undefined) min = Math.min(min, s.at - before);
    last.set(s.chat, s.at);
  }
  return min;
}

/** The default pack with one promo to every promo-category chat, never due on its own (sent with sendNow). */
function benchPack(rulesDir: string): RulePack {
  const pack = loadRulesOrThrow(rulesDir);
  const base = pack.promos[0]!;
  const promo = {
    ...base,
    id: PROMO,
    targets: { ...base.targets, categories: ["promo"], groups: [] },
    cron: "0 0 1 1 *",
    quiet_hours: undefined,
    max_per_day: 1000,
    enabled: true,
  };
  return { ...pack, promos: [promo] };
}

export async function runFanoutBench(options: FanoutOptions): Promise<FanoutResult> {
  const { chats, log } = options;
  const dir = mkdtempSync(join(tmpdir(), "qunguan-bench-fanout-"));
  const redis = await startPrivateRedis(join(dir, "redis"));
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const logger = createLogger({ destination: sink, level: "info" });
  try {
    // Alternating, best of two each: a neighbour's burst on a shared machine hits one run, not the
    // figure, and neither side always runs on a colder Redis than the other.
    let ours = Number.POSITIVE_INFINITY;
    let plainMs = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 2; round++) {
      const plain = await plainJobs(redis.connection, chats, `plain-${round}`);
      const promo = await promoFanout(redis.connection, chats, options.rulesDir, logger, dir, round);
      log(`fanout: ${chats} deliveries in ${promo.toFixed(0)} ms; plain jobs in ${plain.toFixed(0)} ms`);
      ours = Math.min(ours, promo);
      plainMs = Math.min(plainMs, plain);
    }
    const limited = await limitedRun(redis.connection, options.rulesDir, logger, dir, log);
    const deliveriesPerSec = chats / (ours / 1000);
    const plainJobsPerSec = chats / (plainMs / 1000);
    return {
      scenario: "fanout",
      chats,
      deliveriesPerSec: Math.round(deliveriesPerSec),
      plainJobsPerSec: Math.round(plainJobsPerSec),
      ratio: round(deliveriesPerSec / plainJobsPerSec, 2),
      ...limited,
    };
  } finally {
    await redis.stop();
  }
}

/** Plain BullMQ: `n` jobs that do nothing, added in bulk, taken at the same concurrency; ms until all completed. */
async function plainJobs(connection: RedisConnection, n: number, prefix: string): Promise<number> {
  const queue = new Queue("plain", { connection, prefix });
  // Counted inside the job, as ours are counted inside the adapter's send: both clocks stop at the same point.
  let ran = 0;
  const worker = new Worker(
    "plain",
    async () => {
      ran++;
    },
    { connection, prefix, concurrency: CONCURRENCY, ...DELIVERY_LOCK },
  );
  await worker.waitUntilReady();
  const t = performance.now();
  const jobs = [];
  for (let i = 0; i < n; i++) {
    jobs.push({
      name: "nothing",
      data: { i },
      opts: {
        jobId: `plain|${i}`,
        attempts: 5,
        backoff: { type: "exponential", delay: 1000 },
        removeOnComplete: 1000,
        removeOnFail: 1000,
      },
    });
  }
  await queue.addBulk(jobs);
  await until(() => ran >= n, "plain jobs");
  const ms = performance.now() - t;
  await worker.close();
  await queue.close();
  return ms;
}

/** One promo tick to `n` chats, limits lifted; ms from the tick to the last delivery sent. */
async function promoFanout(
  connection: RedisConnection,
  n: number,
  rulesDir: string,
  logger: ReturnType<typeof createLogger>,
  dir: string,
  round: number,
): Promise<number> {
  const database = openDatabase(join(dir, `lifted-${round}.db`));
  const pack = benchPack(rulesDir);
  database.db.transaction((tx) => {
    for (let i = 0; i < n; i++) {
      rememberChat(
        tx,
        { platform: "telegram", chatId: `-100${2_000_000 + i}` },
        `香满楼优惠群${i}`,
        "promo",
        0,
      );
    }
  });
  const adapter = new NullAdapter();
  const queues = new QueueService({
    connection,
    database,
    logger,
    pack: () => pack,
    adapters: [adapter],
    prefix: `lifted-${round}`,
    deliveryConcurrency: CONCURRENCY,
    // Lifted: QueueService's limiter lets one delivery through per ceil(1000 / rate) ms, so any
    // finite rate caps at 1,000 a second; an infinite one makes the window 0 ms, no limit at all.
    deliveriesPerSecond: Number.POSITIVE_INFINITY,
  });
  await queues.start();
  const t = performance.now();
  await queues.sendNow(PROMO, Date.now());
  await until(() => adapter.sends >= n, "promo deliveries");
  const ms = performance.now() - t;
  await queues.stop();
  const sent = deliveriesOf(database.db, PROMO).filter((d) => d.status === "sent").length;
  database.close();
  // Every delivery must be in the ledger as sent, or the figure measured something else.
  if (sent < n - CONCURRENCY) throw new Error(`fanout: ${sent} of ${n} deliveries in the ledger`);
  return ms;
}

/** The configured limits, through the real Telegram adapter and its throttler. */
async function limitedRun(
  connection: RedisConnection,
  rulesDir: string,
  logger: ReturnType<typeof createLogger>,
  dir: string,
  log: (line: string) => void,
) {
  const chats = 20;
  const slots = 5;
  const fake = await FakeTelegram.start();
  const adapter = adapterFor(fake, logger, { throttle: true });
  // When each message leaves: the hook runs after the throttler's wait, right before the request.
  const left: { chat: string; at: number }[] = [];
  const send = adapter.sendText.bind(adapter);
  adapter.sendText = (chat, text, opts = {}) =>
    send(chat, text, {
      ...opts,
      onSending: () => {
        left.push({ chat: chat.id, at: Date.now() });
        opts.onSending?.();
      },
    });
  const database = openDatabase(join(dir, "limited.db"));
  const pack = benchPack(rulesDir);
  const queues = new QueueService({
    connection,
    database,
    logger,
    pack: () => pack,
    adapters: [adapter],
    prefix: "limited",
    deliveryConcurrency: CONCURRENCY,
  });
  try {
    await queues.start();
    const list: Delivery[] = [];
    // Slot after slot: a chat's next message is queued 20 deliveries behind its last, less than a second at 25/s.
    for (let s = 0; s < slots; s++) {
      for (let c = 0; c < chats; c++) {
        list.push({
          promo: "bench-limited",
          platform: "telegram",
          chatId: String(-1002000000000 - c),
          slot: 1_000 + s,
          text: `【香满楼】第 ${s + 1} 轮优惠`,
        });
      }
    }
    const n = list.length;
    await enqueueDeliveries(queues.deliveries, list);
    await until(
      () => fake.callsOf("sendMessage").filter((c) => c.answer === "ok").length >= n,
      "limited sends",
    );
    const arrived = fake
      .callsOf("sendMessage")
      .filter((c) => c.answer === "ok")
      .map((c) => ({ chat: String(c.params.chat_id), at: c.at ?? 0 }));
    const sends = left.sort((a, b) => a.at - b.at);
    const span = (sends.at(-1)!.at - sends[0]!.at) / 1000;
    let busiest = 0;
    for (let i = 0, j = 0; i < sends.length; i++) {
      while (sends[i]!.at - sends[j]!.at >= 1000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    const minGap = minGapPerChat(sends);
    log(`fanout: limited run, ${n} sends over ${span.toFixed(1)} s, busiest second ${busiest}`);
    return {
      limitedDeliveries: n,
      limitPerSec: DEFAULT_BUDGET,
      overallPerSec: round((sends.length - 1) / span, 1),
      busiestSecond: busiest,
      perChatLimitMs: PER_CHAT_GAP_MS,
      perChatMinGapMs: minGap,
      perChatMinGapArrivedMs: minGapPerChat(arrived),
      withinLimits: sends.length === n && busiest <= DEFAULT_BUDGET && minGap >= PER_CHAT_GAP_MS,
    };
  } finally {
    await queues.stop();
    await fake.stop();
    database.close();
  }
}
