/**
 * Redis for the queues: connection options from REDIS_URL, and a check of
 * the settings production needs (a queue whose keys can be evicted or lost on
 * restart loses scheduled pushes and timed unmutes).
 */
import { Redis } from "ioredis";

export interface RedisConnection {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  /** BullMQ workers block on Redis; they must wait for it instead of failing commands. */
  maxRetriesPerRequest: null;
}

export function redisConnection(url: string): RedisConnection {
  const u = new URL(url);
  if (u.protocol !== "redis:") throw new Error(`REDIS_URL must start with redis:// (got ${u.protocol})`);
  return {
    host: u.hostname || "127.0.0.1",
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined,
    maxRetriesPerRequest: null,
  };
}

/** Settings that risk losing queued work, each as a sentence for the start-up warning. */
export async function redisSettingProblems(connection: RedisConnection): Promise<string[]> {
  // One try, no reconnects, and a listener: an unreachable Redis rejects here instead of printing
  // "[ioredis] Unhandled error event" and retrying in the background.
  const redis = new Redis({
    ...connection,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
    connectTimeout: 3000,
  });
  redis.on("error", () => {});
  try {
    await redis.connect();
    const [, policy] = (await redis.config("GET", "maxmemory-policy")) as [string, string];
    const [, aof] = (await redis.config("GET", "appendonly")) as [string, string];
    const problems: string[] = [];
    if (policy !== "noeviction") problems.push(`maxmemory-policy is ${policy}; queues need noeviction`);
    if (aof !== "yes")
      problems.push("appendonly is off; without AOF a Redis restart can lose scheduled jobs");
    return problems;
  } finally {
    redis.disconnect();
  }
}
