/**
 * Which Redis `qunguan start` and `qunguan worker` use: REDIS_URL, else a private redis-server next
 * to the database, else none (moderation and FAQ run; promos and timed unmutes are off, and the log
 * says how to install Redis). A Redis whose settings risk losing jobs gets a warning.
 */
import { existsSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import type { Logger } from "../log/logger.js";
import { type RedisConnection, redisConnection, redisSettingProblems } from "../queue/mod.js";
import { INSTALL_REDIS, redisServerAvailable, startPrivateRedis } from "../queue/private-redis.js";

export interface RedisSetup {
  connection: RedisConnection | undefined;
  stop(): Promise<void>;
}

export async function setUpRedis(
  env: NodeJS.ProcessEnv,
  databasePath: string,
  logger: Logger,
): Promise<RedisSetup> {
  if (env.REDIS_URL) {
    const connection = redisConnection(env.REDIS_URL);
    redisSettingProblems(connection)
      .then((problems) => {
        for (const p of problems) logger.warn({ event: "redis", problem: p }, `Redis setting: ${p}`);
      })
      // An unreachable Redis is told once by the queues' health; a Redis that refuses CONFIG
      // (a managed one) is not worth a warning.
      .catch((error: unknown) =>
        logger.debug({ event: "redis", err: error }, "could not read Redis settings"),
      );
    return { connection, stop: async () => {} };
  }
  if (!redisServerAvailable()) {
    logger.warn(
      { event: "redis", install: INSTALL_REDIS },
      `no REDIS_URL and no redis-server: moderation and FAQ run, promos and timed unmutes are off (install: ${INSTALL_REDIS})`,
    );
    return { connection: undefined, stop: async () => {} };
  }
  const dataDir = privateRedisDir(databasePath);
  const redis = await startPrivateRedis(dataDir);
  logger.info(
    { event: "redis", port: redis.connection.port, dir: dataDir },
    "started a private redis-server",
  );
  return { connection: redis.connection, stop: () => redis.stop() };
}

/**
 * The private redis-server's data sits beside the database and is named after it
 * (`qunguan.db` → `qunguan.redis/`), so two databases in one directory keep separate queues and
 * the checkout's .gitignore (`*.redis/`) covers it. A `redis/` left by an earlier version is kept
 * in use: it holds the scheduled jobs.
 */
export function privateRedisDir(databasePath: string): string {
  const dir = dirname(resolve(databasePath));
  const earlier = join(dir, "redis");
  if (existsSync(join(earlier, "appendonlydir"))) return earlier;
  return join(dir, `${basename(databasePath, extname(databasePath))}.redis`);
}
