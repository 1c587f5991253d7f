/**
 * Staff read which group a ticket comes from by its title, as they know it, through the real bot
 * (rule files on disk, SQLite file, recording adapter) and through `qunguan simulate`.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { Bot } from "../../src/app/bot.js";
import type { MessageEvent } from "../../src/core/chat-event.js";
import { createLogger } from "../../src/log/logger.js";
import { tempDb } from "../helpers/bot.js";
import { RecordingAdapter } from "../helpers/recording-adapter.js";
import { deskRules, say, sentTo } from "./desk-helpers.js";

const ROOT = resolve(import.meta.dirname, "../..");

describe("a ticket alert names the group", () => {
  it("by the title seen before, when the complaint itself comes without one", async () => {
    const rules = deskRules("15m", "2d");
    // Bound by id, so a message that carries no title (Telegram leaves it out of some updates) is still a complaint group's.
    appendFileSync(
      join(rules, "groups.yaml"),
      "    - platform: telegram\n      id: c1\n      category: complaints\n",
    );
    const adapter = new RecordingAdapter();
    const bot = new Bot({
      rulesDir: rules,
      databasePath: tempDb(),
      logger: createLogger({ destination: new PassThrough() }),
      adapters: [adapter],
      watchRules: false,
    });
    await bot.start();
    try {
      await say(bot, adapter, "li", "你好");
      const untitled: MessageEvent = {
        type: "message",
        chat: { platform: "telegram", id: "c1" },
        sender: { id: "wang", displayName: "wang", isPlatformAdmin: false },
        at: Date.now(),
        messageId: "untitled-1",
        text: "你们的鱼一点都不新鲜，我要投诉！",
        kind: "text",
        mentions: [],
      };
      await bot.handle(adapter, untitled);
      await expect
        .poll(() => sentTo(adapter, "staff-1"))
        .toEqual([
          "📝 新投诉工单 #1（香满楼售后群）\n顾客：wang\n内容：你们的鱼一点都不新鲜，我要投诉！\n请在 15 分钟内回复（/ticket take 1）。",
        ]);
    } finally {
      await bot.stop();
    }
  });

  it("in qunguan simulate too: /ticket show names the group by the title its lines gave", () => {
    const at = (min: number) =>
      new Date(Date.parse("2026-11-22T11:00:00+08:00") + min * 60_000).toISOString();
    const lines = [
      {
        chat: "c1",
        title: "香满楼售后群",
        user: "wang",
        name: "王先生",
        text: "菜不新鲜，我要投诉",
        at: at(0),
      },
      {
        chat: "c1",
        title: "香满楼售后群",
        user: "mgr",
        name: "店长",
        admin: true,
        text: "/ticket show 1",
        at: at(1),
      },
    ];
    const r = spawnSync("node", [resolve(ROOT, "dist/src/cli/main.js"), "simulate", "--rules", "rules"], {
      cwd: ROOT,
      input: lines.map((l) => JSON.stringify(l)).join("\n"),
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    const show = JSON.parse(r.stdout.trim().split("\n")[1]!) as { actions: { text?: string }[] };
    expect(show.actions[0]?.text).toBe(
      "工单 #1（香满楼售后群）\n顾客：王先生\n时间：11月22日 11:00\n状态：待回复\n内容：菜不新鲜，我要投诉",
    );
  });
});
