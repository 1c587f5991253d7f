/**
 * A database written by the real bot, for the report's language tests: the console group
 * 香满楼优惠群 (promo, zh-CN) where members break rules and ask a question, a spell in dry-run
 * mode, and an owner's one-off broadcast delivered through BullMQ on a real redis-server.
 * T0 is 2026-11-23 12:00 in Shanghai.
 */
import { PassThrough } from "node:stream";
import { ConsoleAdapter } from "../../adapters/console.js";
import { Bot } from "../../src/app/bot.js";
import { deliveriesOf } from "../../src/db/mod.js";
import { createLogger } from "../../src/log/logger.js";
import { MIN, T0, tempDb, tempRules } from "../helpers/bot.js";
import { startRedis } from "../helpers/redis.js";

export interface BotMadeDb {
  databasePath: string;
  rulesDir: string;
  /** When the broadcast went out (its ledger id is broadcast-<this>). */
  broadcastAt: number;
}

/** Waits for `done` (the worker delivers on its own time); beforeAll has no expect.poll. */
async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("the broadcast was not delivered in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function botMadeDb(): Promise<BotMadeDb> {
  const redis = await startRedis();
  const databasePath = tempDb();
  const rulesDir = tempRules();
  const chat = new ConsoleAdapter({ output: new PassThrough() });
  const bot = new Bot({
    rulesDir,
    databasePath,
    logger: createLogger({ destination: new PassThrough() }),
    adapters: [chat],
    watchRules: false,
    now: () => T0,
    queue: { connection: redis.connection, prefix: `rw${process.pid}` },
  });
  const broadcastAt = T0 + 10 * MIN;
  try {
    await bot.start();
    await bot.queuesReady();
    chat.member("mgr", true);
    await chat.message("boss", "大家好", T0);
    await chat.message("eve", "百家乐", T0 + MIN);
    await chat.message("eve", "请问几点开门？", T0 + 2 * MIN);
    await chat.message("bob", "加我微信 abc12345 有优惠", T0 + 3 * MIN);
    // In dry-run mode the gambling rule only pretends: no violation.
    await chat.message("mgr", "/dryrun on", T0 + 4 * MIN);
    await chat.message("bob", "百家乐 真人荷官", T0 + 5 * MIN);
    await chat.message("mgr", "/dryrun off", T0 + 6 * MIN);
    await chat.message("boss", "/broadcast promo 今晚八点起全场半价", T0 + 9 * MIN);
    await chat.message("boss", "/broadcast confirm", broadcastAt);
    await until(
      () => deliveriesOf(bot.database.db, `broadcast-${broadcastAt}`)[0]?.status === "sent",
      10_000,
    );
  } finally {
    await bot.stop();
    await redis.stop();
  }
  return { databasePath, rulesDir, broadcastAt };
}
