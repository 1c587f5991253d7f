/**
 * A private redis-server for a test file: the same start-up `qunguan start` uses (Debian's binary,
 * a free loopback port, AOF in a temporary directory), with a restart on the same port and data.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RedisConnection } from "../../src/queue/mod.js";
import { type PrivateRedis, startPrivateRedis } from "../../src/queue/private-redis.js";

export interface TestRedis {
  connection: RedisConnection;
  stop(): Promise<void>;
  /** Stops and starts it again on the same port, with the same data (AOF). */
  restart(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), "qunguan-redis-"));
  let server: PrivateRedis = await startPrivateRedis(dir);
  const port = server.connection.port;
  return {
    connection: server.connection,
    stop: () => server.stop(),
    async restart() {
      await server.stop();
      server = await startPrivateRedis(dir, port);
    },
  };
}
