/**
 * The desk in a bot without Redis (`qunguan start` with no Redis to be had): deadlines run on
 * timers in the process, and a restart escalates what fell due while it was stopped, once.
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { Bot } from "../../src/app/bot.js";
import { getTicket } from "../../src/db/mod.js";
import { createLogger } from "../../src/log/logger.js";
import { tempDb } from "../helpers/bot.js";
import { RecordingAdapter } from "../helpers/recording-adapter.js";
import { deskRules, getDueAt, say, sentTo } from "./desk-helpers.js";

async function startBot(rulesDir: string, adapter: RecordingAdapter, databasePath: string) {
  const bot = new Bot({
    rulesDir,
    databasePath,
    logger: createLogger({ destination: new PassThrough() }),
    adapters: [adapter],
    watchRules: false,
  });
  await bot.start();
  return bot;
}

describe("complaint desk without Redis", () => {
  it("escalates on in-process timers, and a restart escalates what fell due while stopped, once", async () => {
    const adapter = new RecordingAdapter();
    const rules = deskRules("2s", "1h");
    const database = tempDb();
    const first = await startBot(rules, adapter, database);
    try {
      await say(first, adapter, "wang", "菜不新鲜，我要投诉");
      expect(sentTo(adapter, "c1")).toEqual([expect.stringContaining("工单 #1")]);
      await expect
        .poll(() => sentTo(adapter, "manager"), { timeout: 10_000 })
        .toEqual([expect.stringContaining("#1")]);
      await say(first, adapter, "li", "外卖少送了一份，要求退款");
    } finally {
      await first.stop();
    }
    await expect.poll(() => Date.now() > getDueAt(database, 2), { timeout: 10_000 }).toBe(true);
    const second = await startBot(rules, adapter, database);
    try {
      expect(sentTo(adapter, "manager")).toEqual([
        expect.stringContaining("#1"),
        expect.stringContaining("#2"),
      ]);
      expect(getTicket(second.database.db, 2)).toMatchObject({ tier: 1, firstResponseBy: null });
    } finally {
      await second.stop();
    }
  });
});
