/**
 * Two bot processes of one merchant sharing the database (issue 16): what one admin teaches in one
 * process, the other learns with `sync()`; what a /notspam makes one forget, the other forgets too.
 * Real Bots with console adapters and the command router, one SQLite file on disk.
 */
import { describe, expect, it } from "vitest";
import type { MessageEvent } from "../../src/core/chat-event.js";
import { recentAudit } from "../../src/db/mod.js";
import { harness, MIN, T0, tempDb, tempRules } from "../helpers/bot.js";

const UNKNOWN_SPAM = "兄弟们这个软件每天签到领38块，我已经提现三次了，应用商店搜快乐星球";
const VARIANT = "姐妹们这个软件每天签到领50块，我已经提现两次了，应用商店搜快乐星球！";

let nextId = 1;
function say(
  chat: string,
  user: string,
  text: string,
  at: number,
  o: { admin?: boolean; replyTo?: { messageId: string; senderId: string } } = {},
): MessageEvent {
  return {
    type: "message",
    chat: { platform: "console", id: chat, title: "香满楼优惠群" },
    sender: { id: user, displayName: user, isPlatformAdmin: o.admin ?? false },
    at,
    messageId: `m${nextId++}`,
    text,
    kind: "text",
    mentions: [],
    replyTo: o.replyTo,
  };
}

const sanctions = (actions: { type: string; rule?: string }[]) =>
  actions.filter((a) => a.type === "delete" || a.type === "warn").map((a) => `${a.type}:${a.rule}`);

describe("two processes of one merchant", () => {
  it("share what /spam teaches and what /notspam forgets", async () => {
    const rules = tempRules();
    const databasePath = tempDb();
    const one = harness(rules, databasePath);
    const two = harness(rules, databasePath);
    await one.bot.start();
    await two.bot.start();

    const spam = say("g1", "aqiang", UNKNOWN_SPAM, T0);
    await one.bot.handle(one.chat, spam);
    await one.bot.handle(
      one.chat,
      say("g1", "mgr", "/spam", T0 + MIN, {
        admin: true,
        replyTo: { messageId: spam.messageId, senderId: "aqiang" },
      }),
    );
    expect(two.bot.learning.sync()).toBe(1);
    expect(sanctions(two.bot.engine.decide(say("g2", "amei", VARIANT, T0 + 2 * MIN)).actions)).toEqual([
      "delete:learned-spam",
      "warn:learned-spam",
    ]);

    // In process one, a variant caught there is declared ordinary: the sample is forgotten there...
    await one.bot.handle(one.chat, say("g3", "ahua", VARIANT, T0 + 3 * MIN));
    const warn = recentAudit(one.bot.database.db, { platform: "console", chatId: "g3" }, 5).find(
      (r) => r.action === "warn",
    )!;
    expect(warn.rule).toBe("learned-spam");
    await one.bot.handle(one.chat, say("g3", "mgr", `/notspam ${warn.id}`, T0 + 4 * MIN, { admin: true }));
    expect(sanctions(one.bot.engine.decide(say("g4", "aming", UNKNOWN_SPAM, T0 + 5 * MIN)).actions)).toEqual(
      [],
    );

    // ...and in process two once it syncs.
    two.bot.learning.sync();
    expect(sanctions(two.bot.engine.decide(say("g4", "ali", UNKNOWN_SPAM, T0 + 6 * MIN)).actions)).toEqual(
      [],
    );
  });
});
