/**
 * The wired bot: the maintenance section loaded from the rule files, /maintenance routed, the group
 * scheduled when first seen, and its tick removing and reporting.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Bot } from "../../src/app/bot.js";
import { createLogger } from "../../src/log/logger.js";
import { tempDb, tempRules } from "../helpers/bot.js";
import { RecordingAdapter } from "../helpers/recording-adapter.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const DAY = 86_400_000;

it("a wired bot sends the scheduled maintenance report and answers /maintenance", async () => {
  const rules = tempRules();
  writeFileSync(
    join(rules, "maintenance.yaml"),
    'maintenance:\n  schedule: "* * * * * *"\n  send_to: admins_or_group\n  auto: { remove_inactive: true }\n',
  );
  const adapter = new RecordingAdapter();
  const bot = new Bot({
    rulesDir: rules,
    databasePath: tempDb(),
    logger: createLogger({ destination: new PassThrough() }),
    adapters: [adapter],
    watchRules: false,
    queue: { connection: redis.connection, prefix: `bw${process.pid}` },
  });
  try {
    await bot.start();
    await bot.queuesReady();
    let messages = 0;
    const say = (user: string, text: string, at: number, admin = false) =>
      bot.handle(adapter, {
        type: "message",
        chat: { platform: "telegram", id: "-1001", title: "香满楼优惠群" },
        sender: { id: user, displayName: user, isPlatformAdmin: admin },
        at,
        messageId: String(++messages),
        text,
        kind: "text",
        mentions: [],
      });
    const now = Date.now();
    await say("ghost", "大家好", now - 100 * DAY);
    await say("silentadmin", "欢迎", now - 100 * DAY, true);
    await say("alice", "几点开门？", now);
    await say("mgr", "/maintenance", now, true);
    const answer = adapter.log.find((r) => r.op === "send" && r.text?.includes("群维护报告"));
    expect(answer?.text).toContain("😴 超过 60 天未发言（1）\n• ghost — 100 天未发言\n");
    expect(answer?.text).toContain("🤖 下次定时维护将自动清理\n• 移出 ghost（超过 60 天未发言）");
    expect(adapter.log.filter((r) => r.op === "kick")).toEqual([]);
    // The group was scheduled when first seen; its tick removes ghost and reports into the group.
    for (let i = 0; i < 100 && !adapter.log.some((r) => r.op === "kick"); i++)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    expect(adapter.log.filter((r) => r.op === "kick").map((r) => r.user)).toEqual(["ghost"]);
    const scheduled = adapter.log.filter((r) => r.op === "send" && r.text?.includes("🤖 自动清理\n"));
    expect(scheduled[0]?.chat).toBe("-1001");
    expect(scheduled[0]?.text).toContain("• 移出 ghost（超过 60 天未发言）");
  } finally {
    await bot.stop();
  }
});
