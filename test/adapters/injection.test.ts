/**
 * Hostile names and captions through the real adapters: placeholders, HTML and Markdown, @all and
 * @所有人, bidi controls, line breaks and a 5,000-character name. The bot's words go out as plain
 * text (no parse mode, no entities on Telegram), each name inserted once and cleaned, and nobody can
 * make the bot mention everyone; a command in a media caption is read by the rules but never run.
 */
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { WechatAdapter } from "../../adapters/wechat.js";
import { Bot } from "../../src/app/bot.js";
import { createLogger } from "../../src/log/logger.js";
import { safeName } from "../../src/words/templates.js";
import { tempDb, tempRules } from "../helpers/bot.js";
import { FakeTelegram, type TgUser } from "../helpers/fake-telegram.js";
import { MockWechat, waitFor } from "../helpers/puppet-server.js";
import { startTelegramBot } from "../helpers/telegram-bot.js";

const HOSTILE_NAMES = [
  "{count}{max}{name}{reason}",
  "<b>粗体</b><a href='tg://user?id=1'>管理员</a>",
  "*bold* _it_ `code` [点我](http://evil.example)",
  "@all @admin 全体",
  "所有人",
  "\u202eevil\u202c\nline break\r\nagain",
  "长".repeat(5000),
];
const AD = "兼职日结，日赚500，有意私聊";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop().catch(() => {});
});

describe("hostile names on Telegram", () => {
  it("every notice is plain text with the cleaned name once; no placeholder, markup or @all survives", async () => {
    const fake = await FakeTelegram.start();
    cleanup.push(() => fake.stop());
    const group = { id: -1005550000000, title: "香满楼优惠群" };
    fake.botIsAdmin(group.id);
    // Seven new members post ads here: without the raid section, so the notices are what is tested.
    const bot = await startTelegramBot(fake, { rulesDir: tempRules({ without: ["raid.yaml"] }) });
    cleanup.push(() => bot.stop());
    for (const [i, name] of HOSTILE_NAMES.entries()) {
      const member: TgUser = { id: 3000 + i, is_bot: false, first_name: name };
      fake.message(group, member, AD);
    }
    await expect
      .poll(() => fake.sent(group.id).filter((t) => t.includes("警告 1/")).length, { timeout: 10_000 })
      .toBe(HOSTILE_NAMES.length);
    const notices = fake.callsOf("sendMessage").filter((c) => String(c.params.text).includes("警告 1/"));
    for (const [i, name] of HOSTILE_NAMES.entries()) {
      const clean = safeName(name);
      const notice = notices[i]!;
      const text = String(notice.params.text);
      expect(notice.params.parse_mode).toBeUndefined();
      expect(notice.params.entities).toBeUndefined();
      // A name carrying a link or an @handle is never repeated: the notice says "this member".
      const shown = /https?:|tg:\/\/|@/.test(name) ? "该成员" : clean;
      expect(text.startsWith(`⚠️ ${shown}，`), text).toBe(true);
      expect(text.split(shown)).toHaveLength(2);
      // The template's own placeholders were filled by the bot, not by the name.
      expect(text).toMatch(/警告 1\/5。$/);
      expect(text).not.toMatch(/@all|@admin|\n|\r|\u202e/);
      expect(clean.length).toBeLessThanOrEqual(33);
    }
  });

  it("a command in a photo's caption is never run, even from the group's owner", async () => {
    const fake = await FakeTelegram.start();
    cleanup.push(() => fake.stop());
    const group = { id: -1005550000001, title: "香满楼优惠群" };
    const owner: TgUser = { id: 100, is_bot: false, first_name: "王老板" };
    const member: TgUser = { id: 200, is_bot: false, first_name: "阿明" };
    fake.setMember(group.id, owner, "creator");
    fake.botIsAdmin(group.id);
    const bot = await startTelegramBot(fake);
    cleanup.push(() => bot.stop());
    fake.message(group, member, "大家好");
    const target = fake.updates.at(-1)!.message as { message_id: number };
    const photo = [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }];
    const reply_to_message = { message_id: target.message_id, date: 1, chat: { id: group.id }, from: member };
    fake.push({
      message: {
        message_id: 9001,
        date: Math.floor(Date.now() / 1000),
        chat: { id: group.id, type: "supergroup", title: group.title },
        from: owner,
        photo,
        caption: "/kick 看图",
        reply_to_message,
      },
    });
    fake.push({
      message: {
        message_id: 9002,
        date: Math.floor(Date.now() / 1000),
        chat: { id: group.id, type: "supergroup", title: group.title },
        from: member,
        photo,
        caption: "/ban",
      },
    });
    // A text command afterwards is answered: everything before it was handled.
    fake.message(group, member, "/rules");
    await expect.poll(() => fake.sent(group.id).length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(fake.callsOf("banChatMember")).toEqual([]);
    expect(fake.sent(group.id).some((t) => t.includes("只有本群管理员"))).toBe(false);
    expect(fake.sent(group.id)).toHaveLength(1);
  });
});

describe("hostile names on WeChat", () => {
  it("notices @-mention only the member, never everyone, with the cleaned name", async () => {
    const wechat = await MockWechat.start();
    cleanup.push(() => wechat.close());
    const logger = createLogger({ destination: new PassThrough() });
    const adapter = new WechatAdapter({
      puppet: wechat.client(),
      logger,
      pacing: { replyGapMs: [0, 2], bulkGapMs: [0, 2] },
      reconnect: { initialMs: 50, maxMs: 400 },
    });
    const bot = new Bot({
      // Many new members post ads here: without the raid section, so the notices are what is tested.
      rulesDir: tempRules({ without: ["raid.yaml"] }),
      databasePath: tempDb(),
      logger,
      adapters: [adapter],
      watchRules: false,
    });
    cleanup.push(() => bot.stop());
    await bot.start();
    await waitFor(() => adapter.loggedIn, "the bot to log in");
    const members = HOSTILE_NAMES.map((name, i) => wechat.contact(`wxid_hostile${i}`, name));
    const room = wechat.room({ topic: "香满楼优惠群", members });
    const mentioned: string[][] = [];
    wechat.puppet.on("message", ({ messageId }) => {
      const payload = wechat.mocker.messagePayload(messageId);
      if (payload.talkerId === wechat.botUser.id)
        mentioned.push((payload as { mentionIdList?: string[] }).mentionIdList ?? []);
    });
    for (const member of members) member.say(AD).to(room);
    await waitFor(
      () => wechat.texts(room).filter((t) => t.includes("警告 1/")).length === members.length,
      "a warning for each",
    );
    const notices = wechat.texts(room).filter((t) => t.includes("警告 1/"));
    expect(notices).toHaveLength(HOSTILE_NAMES.length);
    // A name carrying a link or an @handle is never repeated: its notice says "this member".
    const hidden = HOSTILE_NAMES.filter((name) => /https?:|tg:\/\/|@/.test(name));
    expect(notices.filter((t) => t.startsWith("⚠️ 该成员，"))).toHaveLength(hidden.length);
    for (const name of HOSTILE_NAMES.filter((n) => !hidden.includes(n))) {
      const clean = safeName(name);
      const text = notices.find((t) => t.includes(`⚠️ ${clean}，`))!;
      expect(text, clean).toBeDefined();
      // A name that does not read as itself (cut, cleaned, or "everyone") is not written into an
      // @-mention: the notice is the template alone. Others are mentioned, as plain text.
      const mentioned = clean === name && name !== "所有人";
      expect(text.startsWith(mentioned ? `@${name}` : "⚠️ "), text).toBe(true);
      expect(text).not.toMatch(/@所有人|@all|@admin|\n|\r|\u202e/);
      expect(text.length).toBeLessThan(140);
    }
    for (const text of notices) expect(text).not.toMatch(/@所有人|@all|@admin|evil\.example|tg:\/\//);
    // Every @-mention the bot made names one member, never the whole room.
    for (const ids of mentioned) {
      expect(ids.length).toBeLessThanOrEqual(1);
      for (const id of ids) expect(id).toMatch(/^wxid_hostile\d$/);
    }
  });
});
