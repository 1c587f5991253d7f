/**
 * `qunguan start` without REDIS_URL: a private redis-server child, its data
 * (AOF) in the bot's data directory, on a free loopback port, stopped with
 * the bot. Without the binary there is no Redis: the caller says so.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import type { RedisConnection } from "./redis-connection.js";

export interface PrivateRedis {
  connection: RedisConnection;
  stop(): Promise<void>;
}

/** The command that installs Redis, for the message when it is missing. */
export const INSTALL_REDIS = "sudo apt-get install -y redis-server";

export function redisServerAvailable(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Starts redis-server on `port` (default: a free one) with AOF in `dataDir`; resolves once it answers PING. */
export async function startPrivateRedis(dataDir: string, port?: number): Promise<PrivateRedis> {
  mkdirSync(dataDir, { recursive: true });
  port ??= await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dataDir,
      "--appendonly",
      "yes",
      "--save",
      "",
      "--maxmemory-policy",
      "noeviction",
    ],
    { stdio: "ignore" },
  );
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const pong = spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" });
    if (pong.stdout?.trim() === "PONG") break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    connection: { host: "127.0.0.1", port, maxRetriesPerRequest: null },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
