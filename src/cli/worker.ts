/**
 * `qunguan worker`: queue consumers without the chat side, for spreading promo fan-out and deliveries
 * over processes that share one Redis and one database. It sends through the platforms it can
 * reach from here (Telegram, by token); WeChat deliveries stay with the bot process that owns the
 * account, since one WeChat session cannot be shared.
 */
import { telegramAdapterFromEnv } from "../../adapters/telegram.js";
import type { ChatAdapter } from "../core/adapter.js";
import { openDatabase } from "../db/mod.js";
import { deliveriesPerSecondFromEnv, QueueService, redisConnection } from "../queue/mod.js";
import { loadRulesOrThrow, RuleWatcher } from "../rules/mod.js";
import { defaultRulesDir } from "./package-root.js";
import { startLogging } from "./start-logger.js";

export async function runWorker(): Promise<number> {
  const databasePath = process.env.DATABASE_PATH || "qunguan.db";
  const { logger } = startLogging({ consoleChat: false, databasePath });
  if (!process.env.REDIS_URL) {
    logger.error({ event: "worker" }, "qunguan worker needs REDIS_URL (the Redis the bot uses)");
    return 2;
  }
  const rulesDir = defaultRulesDir();
  let pack = loadRulesOrThrow(rulesDir);
  const database = openDatabase(databasePath);
  const adapters: ChatAdapter[] = [];
  const telegram = telegramAdapterFromEnv(process.env, logger);
  if (telegram) adapters.push(telegram);
  const queues = new QueueService({
    connection: redisConnection(process.env.REDIS_URL),
    prefix: process.env.QUNGUAN_QUEUE_PREFIX || undefined,
    deliveriesPerSecond: deliveriesPerSecondFromEnv(),
    database,
    logger,
    pack: () => pack,
    adapters,
  });
  // The worker reads promo texts and targets from the same rule files, and follows their edits.
  const watcher = new RuleWatcher({
    dir: rulesDir,
    onRules: (next) => {
      pack = next;
    },
    onProblems: (problems) =>
      logger.error({ event: "rules", problems: problems.length }, "rule reload failed"),
  });
  watcher.start();
  const stopAsked = new Promise<"stop">((resolve) => {
    process.once("SIGINT", () => resolve("stop"));
    process.once("SIGTERM", () => resolve("stop"));
  });
  // With Redis away, start waits for it; a stop must still be heard.
  const started = queues.start().then(
    () => "started" as const,
    (error: unknown) => {
      logger.error({ event: "worker", err: error }, "could not start the queues");
      return "failed" as const;
    },
  );
  let outcome = await Promise.race([started, stopAsked]);
  if (outcome === "started") {
    logger.info({ event: "worker", platforms: adapters.map((a) => a.platform) }, "worker running");
    outcome = await stopAsked;
  }
  watcher.stop();
  await queues.stop();
  database.close();
  logger.flush();
  // A Redis client still retrying must not keep a stopped worker alive.
  setTimeout(() => process.exit(outcome === "failed" ? 1 : 0), 800).unref();
  return outcome === "failed" ? 1 : 0;
}
