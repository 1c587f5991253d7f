/**
 * SQLite failing under the bot: locked by another process for a while, or refusing writes. The bot
 * keeps moderating the chat through both, waits out a short lock (nothing lost), reports what it
 * cannot record, and records again once the database takes writes.
 */
import { spawn } from "node:child_process";
import { expect, it } from "vitest";
import { activeWarnings } from "../../src/db/mod.js";
import { harness, MIN, T0, tempDb, tempRules } from "../helpers/bot.js";

const chatRef = { platform: "console" as const, chatId: "console" };
const AD = "兼职日结，日赚500，有意私聊";

it("waits out another process's write lock: the warning given meanwhile is stored", async () => {
  const databasePath = tempDb();
  const h = harness(tempRules(), databasePath);
  await h.bot.start();
  // Another process holds the write lock for 1.5 s (a backup tool, a second bot on the same file).
  const holder = spawn(
    "node",
    [
      "-e",
      `const D = require("better-sqlite3"); const db = new D(process.argv[1]);
       db.exec("BEGIN EXCLUSIVE"); process.stdout.write("locked\\n");
       setTimeout(() => { db.exec("COMMIT"); db.close(); }, 1500);`,
      databasePath,
    ],
    { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise((r) => holder.on("exit", r));
  await new Promise<void>((resolve) => holder.stdout.once("data", () => resolve()));
  await h.chat.message("bob", AD, T0 + MIN);
  await exited;
  await h.chat.message("eve", "请问几点开门？", T0 + MIN + 1000);
  expect(h.screen()).toContain("警告 1/5");
  expect(h.screen()).toContain("营业时间");
  expect(activeWarnings(h.bot.database.db, chatRef, "bob", T0 + 2 * MIN)).toHaveLength(1);
  expect(h.logs().filter((l) => l.event === "storage")).toEqual([]);
});

it("a database that refuses writes: the chat is still moderated and answered, the failure reported, recording resumes", async () => {
  const h = harness(tempRules(), tempDb());
  await h.bot.start();
  // From the bot's side exactly what a read-only file or a full disk looks like: every write fails.
  h.bot.database.sqlite.pragma("query_only = ON");
  await h.chat.message("bob", AD, T0 + MIN);
  await h.chat.message("eve", "请问几点开门？", T0 + MIN + 1000);
  await h.chat.message("bob", `${AD}！`, T0 + MIN + 2000);
  // Moderation went on from the engine's memory: the ladder climbed even though nothing was stored.
  expect(h.screen()).toContain("警告 1/5");
  expect(h.screen()).toContain("警告 2/5");
  expect(h.screen()).toContain("营业时间");
  const failures = h.logs().filter((l) => l.event === "storage");
  expect(failures.length).toBeGreaterThan(0);
  expect(JSON.stringify(failures)).toMatch(/readonly|query_only|read-only/i);
  h.bot.database.sqlite.pragma("query_only = OFF");
  await h.chat.message("bob", `${AD}!!`, T0 + MIN + 3000);
  expect(activeWarnings(h.bot.database.db, chatRef, "bob", T0 + 2 * MIN)).toHaveLength(1);
});

it("a message delivered again after a crash is not acted on twice; a later edit of it is", async () => {
  const databasePath = tempDb();
  const first = harness(tempRules(), databasePath);
  await first.bot.start();
  const ad = {
    type: "message" as const,
    chat: { platform: "console" as const, id: "console", title: "香满楼优惠群" },
    sender: { id: "bob", displayName: "bob", isPlatformAdmin: false },
    at: T0 + MIN,
    messageId: "m-41",
    text: AD,
    kind: "text" as const,
    mentions: [],
  };
  await first.bot.handle(first.chat, ad);
  await first.bot.stop();
  // The platform delivers it again to the restarted bot (its offset was never confirmed).
  const second = harness(tempRules(), databasePath);
  await second.bot.start();
  await second.bot.handle(second.chat, ad);
  expect(activeWarnings(second.bot.database.db, chatRef, "bob", T0 + 2 * MIN)).toHaveLength(1);
  expect(second.screen()).not.toContain("警告");
  // An edit of the same message is a new text, judged again.
  await second.bot.handle(second.chat, { ...ad, at: T0 + MIN + 5000, edited: true, text: `${AD}!` });
  expect(activeWarnings(second.bot.database.db, chatRef, "bob", T0 + 2 * MIN)).toHaveLength(2);
  expect(second.screen()).toContain("警告 2/5");
});
