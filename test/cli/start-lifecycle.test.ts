/**
 * `qunguan start` as a new user meets it (issue 13): with the README's REDIS_URL and nothing
 * listening it says so once and keeps chatting; SIGTERM and /quit stop it promptly; quitting right
 * after start logs no error; the console chat shows the chat, not JSON log lines; what it writes
 * beside the database is ignored by git.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gitIgnores, spawnCli } from "../helpers/cli.js";

/** A loopback port with nothing listening (taken from the OS, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A stop must be prompt; the bound leaves room for a loaded CI machine (measured: about 0.2 s
 * after the signal on an idle one). Before the fix the process never exited.
 */
const STOP_BOUND_MS = 3000;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "qunguan-start-"));
}

function jsonLines(text: string): string[] {
  return text.split("\n").filter((line) => line.trimStart().startsWith("{"));
}

describe("qunguan start with Redis unreachable", () => {
  it("says so in one line, keeps moderating, and stops on SIGTERM", async () => {
    const cwd = tempDir();
    const port = await closedPort();
    const bot = spawnCli(["start"], { cwd, env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    await bot.waitFor(/type a message/);
    await bot.waitFor(/unreachable/, "stderr");
    // Moderation and FAQ do not wait for Redis.
    bot.write("请问你们几点开门？");
    await bot.waitFor(/营业时间/);
    // Long enough for every queue and worker to retry several times (BullMQ retries every 1–20 s).
    await new Promise((r) => setTimeout(r, 6000));
    const terminal = bot.stderr().trim().split("\n");
    expect(terminal).toHaveLength(1);
    expect(terminal[0]).toMatch(
      new RegExp(
        `Redis at 127\\.0\\.0\\.1:${port} is unreachable \\(ECONNREFUSED\\).*Start Redis or fix REDIS_URL`,
      ),
    );
    expect(bot.stderr()).not.toMatch(/Unhandled error event|\n\s+at /);
    bot.markStop();
    bot.kill("SIGTERM");
    const { code, afterStopMs } = await bot.exited;
    expect(code).toBe(0);
    expect(afterStopMs).toBeLessThan(STOP_BOUND_MS);
    const log = readFileSync(join(cwd, "qunguan.log"), "utf8");
    expect(log.match(/"state":"down"/g)).toHaveLength(1);
    expect(log).not.toContain("queue worker error");
  }, 90_000);

  it("stops on /quit", async () => {
    const cwd = tempDir();
    const bot = spawnCli(["start"], { cwd, env: { REDIS_URL: `redis://127.0.0.1:${await closedPort()}` } });
    await bot.waitFor(/type a message/);
    await bot.waitFor(/unreachable/, "stderr");
    bot.markStop();
    bot.write("/quit");
    const { code, afterStopMs } = await bot.exited;
    expect(code).toBe(0);
    expect(afterStopMs).toBeLessThan(STOP_BOUND_MS);
  }, 90_000);
});

describe("qunguan worker with Redis unreachable", () => {
  it("logs one line for the outage and stops on SIGTERM", async () => {
    const cwd = tempDir();
    const port = await closedPort();
    const worker = spawnCli(["worker"], { cwd, env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    await worker.waitFor(/unreachable/, "stderr");
    await new Promise((r) => setTimeout(r, 5000));
    const lines = jsonLines(worker.stderr());
    expect(lines.filter((l) => l.includes('"event":"redis"'))).toHaveLength(1);
    expect(lines.filter((l) => /"level":50/.test(l))).toHaveLength(1);
    worker.markStop();
    worker.kill("SIGTERM");
    const { code, afterStopMs } = await worker.exited;
    expect(code).toBe(0);
    expect(afterStopMs).toBeLessThan(STOP_BOUND_MS);
  }, 90_000);
});

describe("qunguan start in the console chat", () => {
  it("quit right after start: no error, no stack, in the terminal or the log", async () => {
    for (let round = 0; round < 2; round++) {
      const cwd = tempDir();
      const bot = spawnCli(["start"], { cwd });
      bot.markStop();
      bot.write("/quit");
      const { code } = await bot.exited;
      expect(code).toBe(0);
      expect(bot.stderr()).toBe("");
      const log = readFileSync(join(cwd, "qunguan.log"), "utf8");
      expect(log).not.toMatch(/"level":(40|50|60)/);
      expect(log).not.toContain("Connection is closed");
    }
  }, 120_000);

  it("shows the chat without JSON log lines; the log goes to qunguan.log beside the database", async () => {
    const cwd = tempDir();
    const bot = spawnCli(["start"], { cwd, env: { DATABASE_PATH: join(cwd, "shop.db") } });
    await bot.waitFor(/type a message/);
    bot.write("请问你们几点开门？");
    await bot.waitFor(/营业时间/);
    bot.write("加V信 abc12345 兼职日结");
    await bot.waitFor(/警告 1\/5/);
    bot.write("/quit");
    expect((await bot.exited).code).toBe(0);
    expect(jsonLines(bot.stdout())).toEqual([]);
    expect(jsonLines(bot.stderr())).toEqual([]);
    expect(bot.stdout()).toContain(`(logs: ${join(cwd, "qunguan.log")})`);
    const log = readFileSync(join(cwd, "qunguan.log"), "utf8");
    expect(log).toMatch(/"event":"action".*"type":"warn".*"rule":"poaching"/);
    // The private redis-server's data is named after the database, beside it.
    expect(readdirSync(cwd).sort()).toEqual(["qunguan.log", "shop.db", "shop.redis"].sort());
  }, 90_000);

  it("leaves nothing git would pick up in a checkout", () => {
    for (const path of [
      "qunguan.db",
      "qunguan.db-wal",
      "qunguan.redis/appendonlydir/x",
      "redis/x",
      "qunguan.log",
    ])
      expect(gitIgnores(path), path).toBe(true);
  });
});
