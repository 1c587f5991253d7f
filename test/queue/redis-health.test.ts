/** An outage is told once, recalled at most every few minutes, and its end is told. */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/logger.js";
import { isConnectionError, RedisHealth } from "../../src/queue/redis-health.js";

function recordingLogger() {
  const lines: { level: number; msg: string; state?: string; minutes?: number }[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ pretty: false, destination, level: "debug" }), lines };
}

function refused(): Error {
  return Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379"), { code: "ECONNREFUSED" });
}

describe("RedisHealth", () => {
  it("reports the first failure, then a reminder every 5 minutes, then the recovery", () => {
    const { logger, lines } = recordingLogger();
    let now = 0;
    const health = new RedisHealth({ logger, address: "127.0.0.1:6379", now: () => now });
    // Seven queues and workers retrying every second for twelve minutes.
    for (; now <= 12 * 60_000; now += 1000) for (let i = 0; i < 7; i++) health.failed(refused());
    expect(lines.map((l) => [l.level, l.minutes])).toEqual([
      [50, undefined],
      [40, 5],
      [40, 10],
    ]);
    expect(lines[0]?.msg).toBe(
      "Redis at 127.0.0.1:6379 is unreachable (ECONNREFUSED): moderation and FAQ go on; promos, timed unmutes and ticket deadlines wait for it. Start Redis or fix REDIS_URL.",
    );
    health.ready();
    health.ready();
    expect(lines.slice(3).map((l) => [l.state, l.msg])).toEqual([
      ["up", "Redis at 127.0.0.1:6379 is reachable again (after 12 min); queued work goes on"],
    ]);
    // A second outage is told again.
    health.failed(refused());
    expect(lines).toHaveLength(5);
    expect(health.isDown).toBe(true);
  });

  it("tells connection errors from other errors", () => {
    expect(isConnectionError(refused())).toBe(true);
    expect(isConnectionError(new Error("Connection is closed."))).toBe(true);
    expect(isConnectionError(Object.assign(new Error("x"), { code: "ENOTFOUND" }))).toBe(true);
    expect(isConnectionError(new Error("ERR wrong number of arguments for 'hset' command"))).toBe(false);
    expect(isConnectionError("ECONNREFUSED")).toBe(false);
  });
});
