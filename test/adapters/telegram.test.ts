/**
 * The real grammY bot (runner, throttler off, auto-retry on) talking HTTP to a Bot API server on
 * loopback that answers like Telegram, driving the real Qunguan bot (engine, commands, dispatcher,
 * SQLite file, rule files on disk).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import type { TelegramAdapter } from "../../adapters/telegram.js";
import { Bot } from "../../src/app/bot.js";
import type { ChatEvent } from "../../src/core/chat-event.js";
import { createLogger } from "../../src/log/logger.js";
import { capture, tempDb, tempRules } from "../helpers/bot.js";
import { adapterFor, FakeTelegram, type TgUser } from "../helpers/fake-telegram.js";

const GROUP = { id: -1001111111111, title: "香满楼优惠群" };
const OWNER: TgUser = { id: 100, is_bot: false, first_name: "王老板", username: "boss_wang" };
const ALICE: TgUser = { id: 201, is_bot: false, first_name: "Alice", username: "alice" };
const SPAMMER: TgUser = { id: 301, is_bot: false, first_name: "推销员", username: "seller" };

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop().catch(() => {});
});

interface Setup {
  fake: FakeTelegram;
  adapter: TelegramAdapter;
  bot: Bot;
  logs: () => Record<string, unknown>[];
}

async function setup(
  options: { botRights?: "full" | "no-delete" | "none"; rulesDir?: string } = {},
): Promise<Setup> {
  const fake = await FakeTelegram.start();
  cleanup.push(() => fake.stop());
  fake.setMember(GROUP.id, OWNER, "creator");
  if (options.botRights !== "none")
    fake.botIsAdmin(GROUP.id, options.botRights === "no-delete" ? ["can_delete_messages"] : []);
  const log = capture();
  const logger = createLogger({ destination: log.stream });
  const adapter = adapterFor(fake, logger);
  const bot = new Bot({
    rulesDir: options.rulesDir ?? tempRules(),
    databasePath: tempDb(),
    logger,
    adapters: [adapter],
    watchRules: false,
  });
  cleanup.push(() => bot.stop());
  await bot.start();
  return {
    fake,
    adapter,
    bot,
    logs: log.json,
  };
}

function until(check: () => boolean, timeout = 8000) {
  return expect.poll(check, { timeout, interval: 20 }).toBe(true);
}

describe("telegram adapter against a loopback Bot API", () => {
  it("answers an FAQ question in a group, as a reply", async () => {
    const { fake } = await setup();
    fake.message(GROUP, ALICE, "请问你们几点开门？");
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("营业时间")));
    const call = fake.callsOf("sendMessage").find((c) => String(c.params.text).includes("营业时间"))!;
    expect(call.params.reply_parameters).toMatchObject({ allow_sending_without_reply: true });
    expect(call.params.parse_mode).toBeUndefined();
  });

  it("deletes an ad and warns its sender", async () => {
    const { fake } = await setup();
    fake.message(GROUP, SPAMMER, "兼职日结，加 V 信 abc12345");
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("警告 1/5")));
    expect(fake.callsOf("deleteMessage")).toHaveLength(1);
    expect(Number(fake.callsOf("deleteMessage")[0]!.params.chat_id)).toBe(GROUP.id);
  });

  it("climbs the ladder to a mute with the right until_date", async () => {
    const { fake } = await setup();
    for (const text of ["百家乐", "时时彩 包中", "网赌 首充送"]) fake.message(GROUP, SPAMMER, text);
    await until(() => fake.callsOf("restrictChatMember").length === 1);
    const restrict = fake.callsOf("restrictChatMember")[0]!;
    const third = fake.callsOf("deleteMessage").length;
    expect(third).toBe(3);
    const date = Number((fake.updates[2]!.message as { date: number }).date);
    expect(restrict.params.user_id).toBe(SPAMMER.id);
    expect(restrict.params.until_date).toBe(date + 3600);
    expect((restrict.params.permissions as Record<string, boolean>).can_send_messages).toBe(false);
    expect(fake.member(GROUP.id, SPAMMER.id)?.status).toBe("restricted");
  });

  it("kicks: ban then unban, so the member may come back", async () => {
    const { fake } = await setup();
    fake.message(GROUP, SPAMMER, "hello");
    fake.message(GROUP, OWNER, "/kick@qunguan_bot 发广告", {
      reply_to_message: {
        message_id: 1000,
        date: 1,
        chat: { id: GROUP.id, type: "supergroup" },
        from: SPAMMER,
      },
    });
    await until(() => fake.callsOf("unbanChatMember").length === 1);
    expect(fake.callsOf("banChatMember")[0]!.params.user_id).toBe(SPAMMER.id);
    expect(fake.callsOf("unbanChatMember")[0]!.params).toMatchObject({
      user_id: SPAMMER.id,
      only_if_banned: true,
    });
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("已被移出群聊")));
  });

  it("runs an admin command for an admin and refuses it for a member; ignores commands for other bots", async () => {
    const { fake } = await setup();
    fake.message(GROUP, SPAMMER, "hi");
    const replyTo = { message_id: 1000, date: 1, chat: { id: GROUP.id, type: "supergroup" }, from: SPAMMER };
    fake.message(GROUP, ALICE, "/mute 1h", { reply_to_message: replyTo });
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("只有本群管理员可以使用 /mute")));
    expect(fake.callsOf("restrictChatMember")).toHaveLength(0);
    fake.message(GROUP, OWNER, "/mute@other_bot 1h", { reply_to_message: replyTo });
    fake.message(GROUP, OWNER, "/mute@qunguan_bot 2h 刷屏", { reply_to_message: replyTo });
    await until(() => fake.callsOf("restrictChatMember").length === 1);
    expect(fake.callsOf("restrictChatMember")[0]!.params.user_id).toBe(SPAMMER.id);
    expect(fake.callsOf("getChatAdministrators").length).toBeGreaterThan(0);
  });

  it("welcomes a member who joins with the category intro and rules", async () => {
    const { fake } = await setup();
    fake.push({
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: GROUP.id, type: "supergroup", title: GROUP.title },
        from: ALICE,
        new_chat_members: [ALICE],
      },
    });
    await until(() =>
      fake.sent(GROUP.id).some((t) => t.includes("欢迎来到香满楼优惠群") && t.includes("群规")),
    );
  });

  it("re-checks edited messages, and reads captions, hidden links and media kinds", async () => {
    const { fake } = await setup();
    fake.message(GROUP, ALICE, "今天的菜真好吃");
    fake.push({
      edited_message: {
        message_id: 1000,
        date: Math.floor(Date.now() / 1000),
        edit_date: Math.floor(Date.now() / 1000),
        chat: { id: GROUP.id, type: "supergroup", title: GROUP.title },
        from: ALICE,
        text: "今天的菜真好吃 百家乐 真人荷官",
      },
    });
    await until(() => fake.callsOf("deleteMessage").some((c) => c.params.message_id === 1000));
    fake.message(GROUP, SPAMMER, "", {
      text: undefined,
      photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }],
      caption: "点这里领红包",
      caption_entities: [{ type: "text_link", offset: 0, length: 3, url: "https://xx-bet.top/win" }],
    });
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("外部链接")));
  });

  it("tells an English group about missing rights in English, a zh-TW group in Traditional", async () => {
    for (const [locale, expected, unwanted] of [
      ["en", "⚠️ The bot lacks admin rights here: Delete messages, Ban users.", /[\u4e00-\u9fff]/],
      ["zh-TW", "⚠️ 群管機器人缺少管理員權限：刪除訊息、封禁成員。", /删除|缺少管理员/],
    ] as const) {
      const rulesDir = tempRules();
      const categories = join(rulesDir, "categories.yaml");
      writeFileSync(
        categories,
        readFileSync(categories, "utf8").replace("locale: zh-CN", `locale: ${locale}`),
      );
      const { fake } = await setup({ botRights: "none", rulesDir });
      fake.message(GROUP, ALICE, "hello");
      await until(() => fake.sent(GROUP.id).length > 0);
      const notice = fake.sent(GROUP.id)[0]!;
      expect(notice.startsWith(expected), notice).toBe(true);
      expect(notice).not.toMatch(unwanted);
    }
  });

  it("moderates other bots like anyone (spam bots are bots)", async () => {
    const { fake } = await setup();
    const spamBot: TgUser = { id: 999, is_bot: true, first_name: "PromoBot", username: "promo_bot" };
    fake.message(GROUP, spamBot, "百家乐 真人荷官 首充送彩金");
    await until(() => fake.callsOf("deleteMessage").length === 1);
  });

  it("mutes a flooder", async () => {
    const { fake } = await setup();
    for (let i = 0; i < 8; i++) fake.message(GROUP, ALICE, `好吃 ${i}`);
    await until(() => fake.callsOf("restrictChatMember").length === 1);
    expect(fake.callsOf("restrictChatMember")[0]!.params.user_id).toBe(ALICE.id);
  });

  it("without delete rights: says so once, and asks for a recall instead of deleting", async () => {
    const { fake, logs } = await setup({ botRights: "no-delete" });
    fake.message(GROUP, SPAMMER, "百家乐");
    fake.message(GROUP, SPAMMER, "时时彩");
    await until(() => fake.sent(GROUP.id).filter((t) => t.includes("请撤回")).length === 2);
    expect(fake.callsOf("deleteMessage")).toHaveLength(0);
    expect(fake.sent(GROUP.id).filter((t) => t.includes("缺少管理员权限"))).toHaveLength(1);
    expect(
      logs().some((l) => l.event === "rights" && JSON.stringify(l.missing) === '["can_delete_messages"]'),
    ).toBe(true);
  });

  it("honours 429 retry_after and survives a network error: the message still goes out", async () => {
    const { fake } = await setup();
    fake.fail("sendMessage", { kind: "429", retryAfter: 1 }, { kind: "network" });
    fake.message(GROUP, ALICE, "请问有停车位吗");
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("停车")));
    const attempts = fake.callsOf("sendMessage").map((c) => c.answer);
    expect(attempts).toEqual(["429", "network", "ok"]);
  });

  it("keeps Telegram's send limits: one message a second per group, under 30 a second overall", async () => {
    const fake = await FakeTelegram.start();
    cleanup.push(() => fake.stop());
    const adapter = adapterFor(fake, createLogger({ destination: new PassThrough() }), { throttle: true });
    const one = { platform: "telegram" as const, id: String(GROUP.id) };
    const many = Array.from({ length: 90 }, (_, i) => ({
      platform: "telegram" as const,
      id: String(-1002000000000 - i),
    }));
    await Promise.all([
      ...[1, 2, 3, 4].map((n) => adapter.sendText(one, `same group ${n}`)),
      ...many.map((chat) => adapter.sendText(chat, "promo")),
    ]);
    const times = (calls: typeof fake.calls) => calls.map((c) => c.at!).sort((a, b) => a - b);
    const sends = fake.callsOf("sendMessage");
    const group = times(sends.filter((c) => Number(c.params.chat_id) === GROUP.id));
    const gaps = group.slice(1).map((t, i) => t - group[i]!);
    const all = times(sends);
    let busiest = 0;
    for (const t of all) busiest = Math.max(busiest, all.filter((u) => u >= t && u < t + 1000).length);
    const seconds = (all.at(-1)! - all[0]!) / 1000;
    console.log(
      `telegram throttle: one group's gaps ${gaps.join(", ")} ms; ${all.length} sends in ${seconds.toFixed(2)} s, busiest second ${busiest}`,
    );
    expect(sends).toHaveLength(94);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(950);
    expect(busiest).toBeLessThanOrEqual(30);
  });

  it("reports a 400 'not enough rights' as refused and goes on moderating", async () => {
    const { fake, logs } = await setup();
    fake.fail("deleteMessage", {
      kind: "400",
      description: "Bad Request: not enough rights to delete a message",
    });
    fake.message(GROUP, SPAMMER, "百家乐");
    await until(() =>
      logs().some((l) => l.event === "action" && l.type === "delete" && l.outcome === "refused"),
    );
    fake.message(GROUP, ALICE, "请问几点开门？");
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("营业时间")));
  });

  it("survives a Bot API server that lacks methods (getChatAdministrators, getChatMember)", async () => {
    const { fake, logs } = await setup();
    fake.withoutMethod("getChatAdministrators");
    fake.withoutMethod("getChatMember");
    fake.message(GROUP, SPAMMER, "百家乐");
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("警告 1/5")));
    expect(logs().some((l) => l.event === "platform" && String(l.msg).includes("admins"))).toBe(true);
  });
});

describe("telegram adapter: ordering and shutdown", () => {
  it("handles 500 updates across 20 chats, each chat in order, none lost or doubled, and confirms them on stop", async () => {
    const fake = await FakeTelegram.start();
    cleanup.push(() => fake.stop());
    const adapter = adapterFor(fake, createLogger({ destination: new PassThrough() }));
    const seen = new Map<string, number[]>();
    await adapter.start(async (event: ChatEvent) => {
      if (event.type !== "message") return;
      // Uneven work per update, so a chat's updates would overtake each other without sequentializing.
      await new Promise((r) => setTimeout(r, Number(event.text.split(" ")[1]) % 3));
      const list = seen.get(event.chat.id) ?? [];
      list.push(Number(event.text.split(" ")[1]));
      seen.set(event.chat.id, list);
    });
    const started = performance.now();
    for (let i = 0; i < 500; i++) {
      const chat = { id: -1002000000000 - (i % 20), title: `群${i % 20}` };
      fake.botIsAdmin(chat.id);
      fake.message(chat, ALICE, `seq ${i}`);
    }
    await until(() => [...seen.values()].reduce((n, l) => n + l.length, 0) >= 500, 20_000);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `telegram adapter: 500 updates across 20 chats in ${seconds.toFixed(2)} s = ${(500 / seconds).toFixed(0)} updates/s`,
    );
    expect(seen.size).toBe(20);
    for (const list of seen.values()) {
      expect(list).toHaveLength(25);
      expect(list).toEqual([...list].sort((a, b) => a - b));
    }
    await adapter.stop();
    expect(fake.confirmedOffset).toBe(501);
  });
});

describe("telegram adapter: webhook mode", () => {
  it("sets the webhook with a secret, handles posted updates and refuses requests without the secret", async () => {
    const fake = await FakeTelegram.start();
    cleanup.push(() => fake.stop());
    fake.botIsAdmin(GROUP.id);
    const adapter = adapterFor(fake, createLogger({ destination: new PassThrough() }), {
      webhook: { url: "https://bot.example/tg", port: 0, host: "127.0.0.1", secretToken: "s3cret_token" },
    });
    const bot = new Bot({
      rulesDir: tempRules(),
      databasePath: tempDb(),
      logger: createLogger({ destination: new PassThrough() }),
      adapters: [adapter],
      watchRules: false,
    });
    cleanup.push(() => bot.stop());
    await bot.start();
    expect(fake.callsOf("setWebhook")[0]!.params).toMatchObject({
      url: "https://bot.example/tg",
      secret_token: "s3cret_token",
    });
    const update = {
      update_id: 1,
      message: {
        message_id: 5,
        date: Math.floor(Date.now() / 1000),
        chat: { id: GROUP.id, type: "supergroup", title: GROUP.title },
        from: ALICE,
        text: "请问几点开门？",
      },
    };
    const post = (secret?: string) =>
      fetch(`http://127.0.0.1:${adapter.webhookPort}/`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}),
        },
        body: JSON.stringify(update),
      });
    expect((await post("wrong")).status).toBe(401);
    expect(fake.sent(GROUP.id)).toHaveLength(0);
    expect((await post("s3cret_token")).status).toBe(200);
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("营业时间")));
  });
});

describe("qunguan start with TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT", () => {
  it("runs the Telegram adapter (not the console) and stops cleanly on SIGTERM", async () => {
    const { spawn } = await import("node:child_process");
    const { resolve } = await import("node:path");
    const fake = await FakeTelegram.start();
    cleanup.push(() => fake.stop());
    fake.botIsAdmin(GROUP.id);
    const root = resolve(import.meta.dirname, "../..");
    const child = spawn("node", [resolve(root, "dist/src/cli/main.js"), "start"], {
      cwd: root,
      env: {
        ...process.env,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        DATABASE_PATH: tempDb(),
        RULES_DIR: tempRules(),
        LOG_LEVEL: "info",
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    cleanup.push(async () => {
      child.kill("SIGKILL");
    });
    await until(() => stderr.includes("telegram connected"), 15_000);
    fake.message(GROUP, ALICE, "请问几点开门？");
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("营业时间")), 15_000);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).not.toContain(fake.token.split(":")[1]!);
  });
});

describe("telegram adapter: tidy groups", () => {
  it("deletes its own warnings and welcomes after the category's auto_delete time", async () => {
    const fake = await FakeTelegram.start();
    cleanup.push(() => fake.stop());
    fake.botIsAdmin(GROUP.id);
    const rules = tempRules();
    const { readFileSync, writeFileSync } = await import("node:fs");
    const file = `${rules}/categories.yaml`;
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("    locale: zh-CN\n", "    locale: zh-CN\n    auto_delete: 1s\n"),
    );
    const logger = createLogger({ destination: new PassThrough() });
    const adapter = adapterFor(fake, logger);
    const bot = new Bot({
      rulesDir: rules,
      databasePath: tempDb(),
      logger,
      adapters: [adapter],
      watchRules: false,
    });
    cleanup.push(() => bot.stop());
    await bot.start();
    fake.message(GROUP, SPAMMER, "百家乐");
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("警告 1/5")));
    const warningId = fake.callsOf("sendMessage").length;
    expect(warningId).toBe(1);
    // The spammer's message goes at once; the bot's own warning a second later.
    await until(() => fake.callsOf("deleteMessage").length === 2, 5000);
    const deleted = fake.callsOf("deleteMessage").map((c) => Number(c.params.message_id));
    expect(deleted[0]).toBe(1000);
    expect(deleted[1]).toBeGreaterThan(1000);
  });
});
