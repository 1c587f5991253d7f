/**
 * `qunguan worker`: queue consumers without the chat side, for spreading promo fan-out and deliveries
 * over processes that share one Redis and one database. It sends through the platforms it can
 * reach from here (Telegram, by token); WeChat deliveries stay with the bot process that owns the
 * account, since one WeChat session cannot be shared.
 */
import { telegramAdapterFromEnv } from "../../adapters/telegram.js";
import type { ChatAdapter } from "../core/adapter.js";
import { openDatabase } from "../db/mod.js";
import { createLogger } from "../log/logger.js";
import { deliveriesPerSecondFromEnv, QueueService, redisConnection } from "../queue/mod.js";
import { loadRulesOrThrow, RuleWatcher } from "../rules/mod.js";
import { defaultRulesDir } from "./package-root.js";

export async function runWorker(): Promise<number> {
  const logger = createLogger({ pretty: false, destination: process.stderr });
  if (!process.env.REDIS_URL) {
    logger.error({ event: "worker" }, "qunguan worker needs REDIS_URL (the Redis the bot uses)");
    return 2;
  }
  const rulesDir = defaultRulesDir();
  let pack = loadRulesOrThrow(rulesDir);
  const database = openDatabase(process.env.DATABASE_PATH ?? "qunguan.db");
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
  await queues.start();
  logger.info({ event: "worker", platforms: adapters.map((a) => a.platform) }, "worker running");
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  watcher.stop();
  await queues.stop();
  database.close();
  return 0;
}
