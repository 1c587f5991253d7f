/**
 * What real Telegram groups send that plain member messages do not (issue 17): posts copied in from
 * the linked channel, posts made as a channel or as the group, and the like. Each test replays the
 * exact update shape through the real adapter and Bot against the loopback Bot API.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Bot } from "../../src/app/bot.js";
import { createLogger } from "../../src/log/logger.js";
import { capture, tempDb, tempRules } from "../helpers/bot.js";
import { adapterFor, FakeTelegram, type TgUser } from "../helpers/fake-telegram.js";

const GROUP = { id: -1001111111111, title: "香满楼优惠群" };
const OWNER: TgUser = { id: 100, is_bot: false, first_name: "王老板", username: "boss_wang" };
const ALICE: TgUser = { id: 201, is_bot: false, first_name: "Alice", username: "alice" };
/** Telegram's placeholder `from` of linked-channel forwards. */
const TELEGRAM: TgUser = { id: 777000, is_bot: false, first_name: "Telegram" };
/** Telegram's placeholder `from` of posts made as a channel. */
const CHANNEL_BOT: TgUser = { id: 136817688, is_bot: true, first_name: "Channel", username: "Channel_Bot" };
const ANONYMOUS_ADMIN: TgUser = {
  id: 1087968824,
  is_bot: true,
  first_name: "Group",
  username: "GroupAnonymousBot",
};
const OWN_CHANNEL = {
  id: -1002222222222,
  type: "channel",
  title: "香满楼官方频道",
  username: "xml_official",
};
const AD_CHANNEL = { id: -1003333333333, type: "channel", title: "优惠分享", username: "deals_share" };
const AD = "兼职日结，加 V 信 abc12345";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop().catch(() => {});
});

async function setup(): Promise<{ fake: FakeTelegram; logs: () => Record<string, unknown>[] }> {
  const fake = await FakeTelegram.start();
  cleanup.push(() => fake.stop());
  fake.setMember(GROUP.id, OWNER, "creator");
  fake.botIsAdmin(GROUP.id);
  const log = capture();
  const logger = createLogger({ destination: log.stream });
  const bot = new Bot({
    rulesDir: tempRules(),
    databasePath: tempDb(),
    logger,
    adapters: [adapterFor(fake, logger)],
    watchRules: false,
  });
  cleanup.push(() => bot.stop());
  await bot.start();
  return { fake, logs: log.json };
}

function until(check: () => boolean, timeout = 8000) {
  return expect.poll(check, { timeout, interval: 20 }).toBe(true);
}

/** Every update before it is handled once the marker message (a sure delete) is deleted. */
async function drained(fake: FakeTelegram): Promise<void> {
  const marker = fake.message(GROUP, ALICE, "百家乐 真人荷官 首充送彩金");
  const id = (fake.updates.find((u) => u.update_id === marker)!.message as { message_id: number }).message_id;
  await until(() => fake.callsOf("deleteMessage").some((c) => c.params.message_id === id));
}

describe("telegram semantics: linked channel and sender chats", () => {
  it("leaves automatic forwards from the linked channel alone: not judged, counted or warned", async () => {
    const { fake } = await setup();
    for (let i = 0; i < 6; i++) {
      fake.message(GROUP, TELEGRAM, `${AD} 本店新品 ${i}`, {
        is_automatic_forward: true,
        sender_chat: OWN_CHANNEL,
        forward_origin: { type: "channel", chat: OWN_CHANNEL, message_id: 50 + i, date: 1 },
      });
    }
    await drained(fake);
    const deleted = fake.callsOf("deleteMessage").map((c) => c.params.message_id);
    expect(deleted).toHaveLength(1);
    expect(fake.callsOf("restrictChatMember")).toHaveLength(0);
    expect(fake.callsOf("banChatMember")).toHaveLength(0);
    expect(fake.sent(GROUP.id).some((t) => t.includes("Telegram"))).toBe(false);
  });

  it("counts a channel's posts on the channel and bans the channel with banChatSenderChat", async () => {
    const { fake } = await setup();
    for (const text of ["百家乐", "时时彩 包中", "网赌 首充送"])
      fake.message(GROUP, CHANNEL_BOT, text, { sender_chat: AD_CHANNEL });
    await until(() => fake.callsOf("banChatSenderChat").length === 1);
    const ban = fake.callsOf("banChatSenderChat")[0]!.params;
    expect([Number(ban.chat_id), ban.sender_chat_id]).toEqual([GROUP.id, AD_CHANNEL.id]);
    expect(fake.bannedSenderChats(GROUP.id).has(AD_CHANNEL.id)).toBe(true);
    // Nothing lands on the placeholder user every channel posts through.
    expect(fake.callsOf("restrictChatMember")).toHaveLength(0);
    expect(fake.callsOf("banChatMember")).toHaveLength(0);
    expect(fake.callsOf("deleteMessage")).toHaveLength(3);
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("警告 2/5")));
  });

  it("keeps two channels' warnings apart", async () => {
    const { fake } = await setup();
    fake.message(GROUP, CHANNEL_BOT, "百家乐", { sender_chat: AD_CHANNEL });
    fake.message(GROUP, CHANNEL_BOT, "时时彩 包中", { sender_chat: { ...AD_CHANNEL, id: -1004444444444 } });
    await until(() => fake.callsOf("deleteMessage").length === 2);
    await until(() => fake.sent(GROUP.id).filter((t) => t.includes("警告 1/5")).length === 2);
  });

  it("exempts an anonymous admin posting as the group itself", async () => {
    const { fake } = await setup();
    fake.message(GROUP, ANONYMOUS_ADMIN, AD, {
      sender_chat: { id: GROUP.id, type: "supergroup", title: GROUP.title },
    });
    await drained(fake);
    expect(fake.callsOf("deleteMessage")).toHaveLength(1);
  });
});

describe("telegram semantics: an admin acting on a channel's post", () => {
  it("/ban in reply to a channel's post bans the channel, not Channel_Bot", async () => {
    const { fake } = await setup();
    fake.message(GROUP, OWNER, "/ban 发广告", {
      reply_to_message: {
        message_id: 1000,
        date: 1,
        chat: { id: GROUP.id, type: "supergroup" },
        from: CHANNEL_BOT,
        sender_chat: AD_CHANNEL,
        text: "hello",
      },
    });
    await until(() => fake.callsOf("banChatSenderChat").length === 1);
    expect(fake.callsOf("banChatSenderChat")[0]!.params.sender_chat_id).toBe(AD_CHANNEL.id);
    expect(fake.callsOf("banChatMember")).toHaveLength(0);
  });
});

/** A member joining: the service message Telegram posts into the group. */
function join(fake: FakeTelegram, user: TgUser): void {
  fake.setMember(GROUP.id, user, "member");
  fake.push({
    message: {
      message_id: 5000 + user.id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: GROUP.id, type: "supergroup", title: GROUP.title },
      from: user,
      new_chat_members: [user],
    },
  });
}

describe("telegram semantics: display names", () => {
  const AD_NAME: TgUser = { id: 401, is_bot: false, first_name: "加V信abc123", last_name: "代开发票" };
  const LINK_NAME: TgUser = { id: 402, is_bot: false, first_name: "福利群 t.me/fuli888" };

  it("sanctions a member who joins with an advert for a name, without welcoming or repeating it", async () => {
    const { fake } = await setup();
    join(fake, AD_NAME);
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("警告 1/5")));
    const said = fake.sent(GROUP.id);
    expect(said.some((t) => t.includes("欢迎"))).toBe(false);
    expect(said.join("\n")).not.toMatch(/abc123|发票|加V/);
    expect(said.find((t) => t.includes("警告 1/5"))).toContain("该成员");
    expect(fake.callsOf("deleteMessage")).toHaveLength(0);
  });

  it("deletes the messages of a member whose name is an advert, and climbs the ladder on it", async () => {
    const { fake } = await setup();
    for (const text of ["大家好", "今天开门吗", "好的"]) fake.message(GROUP, AD_NAME, text);
    await until(() => fake.callsOf("restrictChatMember").length === 1);
    expect(fake.callsOf("deleteMessage")).toHaveLength(3);
    expect(fake.sent(GROUP.id).join("\n")).not.toMatch(/abc123|发票|加V/);
  });

  it("never repeats a name carrying a link: the welcome and the warnings say 'this member'", async () => {
    const { fake } = await setup();
    join(fake, LINK_NAME);
    fake.message(GROUP, LINK_NAME, AD);
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("警告")));
    expect(fake.sent(GROUP.id).join("\n")).not.toMatch(/t\.me|fuli888|福利群/);
  });

  it("welcomes and names an ordinary member as before", async () => {
    const { fake } = await setup();
    join(fake, ALICE);
    fake.message(GROUP, ALICE, AD);
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("Alice，") && t.includes("警告 1/5")));
    expect(fake.sent(GROUP.id).some((t) => t.includes("欢迎"))).toBe(true);
  });
});

/** A message from a member the bot first saw two days ago (past every new-member rule). */
function established(fake: FakeTelegram, user: TgUser): void {
  fake.message(GROUP, user, "我是老顾客了", { date: Math.floor(Date.now() / 1000) - 2 * 86400 });
}

describe("telegram semantics: contacts, venues, buttons and forwarded channels", () => {
  it("deletes a contact shared by an established member, like a phone number typed out", async () => {
    const { fake } = await setup();
    established(fake, ALICE);
    const id = fake.message(GROUP, ALICE, "", {
      text: undefined,
      contact: { phone_number: "8613812345678", first_name: "王", last_name: "小明", user_id: 555 },
    });
    const messageId = (fake.updates.find((u) => u.update_id === id)!.message as { message_id: number })
      .message_id;
    await until(() => fake.callsOf("deleteMessage").some((c) => c.params.message_id === messageId));
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("为保护您的隐私")));
    expect(fake.sent(GROUP.id).join("\n")).not.toContain("13812345678");
    expect(fake.sent(GROUP.id).some((t) => t.includes("警告"))).toBe(false);
  });

  it("deletes a venue whose address is a home address", async () => {
    const { fake } = await setup();
    established(fake, ALICE);
    fake.message(GROUP, ALICE, "", {
      text: undefined,
      location: { latitude: 39.9, longitude: 116.4 },
      venue: {
        location: { latitude: 39.9, longitude: 116.4 },
        title: "我家",
        address: "北京市朝阳区建国路88号3单元502室",
      },
    });
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("为保护您的隐私")));
    expect(fake.callsOf("deleteMessage")).toHaveLength(1);
  });

  it("reads URL buttons of a message posted through an inline bot", async () => {
    const { fake } = await setup();
    established(fake, ALICE);
    fake.message(GROUP, ALICE, "今日推荐", {
      via_bot: { id: 888, is_bot: true, first_name: "Share", username: "share_bot" },
      reply_markup: { inline_keyboard: [[{ text: "点击领取", url: "https://xx-bet.top/win" }]] },
    });
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("外部链接")));
    expect(fake.callsOf("deleteMessage")).toHaveLength(1);
  });

  it("judges a forward from a channel by the channel's title and username too", async () => {
    const { fake } = await setup();
    established(fake, ALICE);
    const casino = { id: -1005555555555, type: "channel", title: "百家乐 真人荷官", username: "bjl_live" };
    fake.message(GROUP, ALICE, "大家看看", {
      forward_origin: { type: "channel", chat: casino, message_id: 9, date: 1 },
    });
    await until(() => fake.callsOf("deleteMessage").length === 1);
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("警告 1/5")));
  });

  it("does not run a contact's name as a command", async () => {
    const { fake } = await setup();
    fake.message(GROUP, ALICE, "hi");
    fake.message(GROUP, OWNER, "", {
      text: undefined,
      contact: { phone_number: "+1 202 555 0100", first_name: "/ban", last_name: "everyone" },
    });
    await drained(fake);
    expect(fake.callsOf("banChatMember")).toHaveLength(0);
  });
});

describe("telegram semantics: the same media again and again", () => {
  const sticker = (unique: string) => ({
    text: undefined,
    sticker: {
      file_id: `file-${unique}-${Math.random()}`,
      file_unique_id: unique,
      type: "regular",
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
    },
  });

  it("of 10 identical stickers in 2 s, acts from the count the repeat rule says (3)", async () => {
    const { fake } = await setup();
    established(fake, ALICE);
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) {
      const update = fake.message(GROUP, ALICE, "", sticker("AgADsticker1"));
      ids.push(
        (fake.updates.find((u) => u.update_id === update)!.message as { message_id: number }).message_id,
      );
    }
    await until(() => fake.callsOf("deleteMessage").length === 8);
    const deleted = fake.callsOf("deleteMessage").map((c) => c.params.message_id);
    expect(deleted).toEqual(ids.slice(2));
  });

  it("leaves different stickers alone", async () => {
    const { fake } = await setup();
    established(fake, ALICE);
    for (let i = 0; i < 4; i++) fake.message(GROUP, ALICE, "", sticker(`AgADsticker-${i}`));
    await drained(fake);
    expect(fake.callsOf("deleteMessage")).toHaveLength(1);
  });
});

describe("telegram semantics: bots added by members", () => {
  const PROMO_BOT: TgUser = { id: 990, is_bot: true, first_name: "PromoBot", username: "promo_bot" };
  const addBot = (fake: FakeTelegram, by: TgUser) =>
    fake.push({
      message: {
        message_id: 6000 + by.id,
        date: Math.floor(Date.now() / 1000),
        chat: { id: GROUP.id, type: "supergroup", title: GROUP.title },
        from: by,
        new_chat_members: [PROMO_BOT],
      },
    });

  it("removes a bot a member added, without welcoming it", async () => {
    const { fake } = await setup();
    fake.setMember(GROUP.id, ALICE, "member");
    fake.setMember(GROUP.id, PROMO_BOT, "member");
    addBot(fake, ALICE);
    await until(() => fake.callsOf("unbanChatMember").length === 1);
    expect(fake.callsOf("banChatMember")[0]!.params.user_id).toBe(PROMO_BOT.id);
    expect(fake.sent(GROUP.id).some((t) => t.includes("欢迎"))).toBe(false);
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("非管理员拉入的机器人")));
  });

  it("keeps a bot the owner added", async () => {
    const { fake } = await setup();
    addBot(fake, OWNER);
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("欢迎")));
    expect(fake.callsOf("banChatMember")).toHaveLength(0);
  });
});

describe("telegram semantics: one join told twice", () => {
  const chatMember = (user: TgUser, from: TgUser, joined: boolean) => ({
    chat_member: {
      chat: { id: GROUP.id, type: "supergroup", title: GROUP.title },
      from,
      date: Math.floor(Date.now() / 1000),
      old_chat_member: { status: joined ? "left" : "member", user },
      new_chat_member: { status: joined ? "member" : "left", user },
    },
  });

  it("welcomes once for the service message and the chat_member update of one join, again after a rejoin", async () => {
    const { fake } = await setup();
    const welcomes = () => fake.sent(GROUP.id).filter((t) => t.includes("欢迎")).length;
    join(fake, ALICE);
    fake.push(chatMember(ALICE, ALICE, true));
    await drained(fake);
    expect(welcomes()).toBe(1);
    fake.push(chatMember(ALICE, ALICE, false));
    fake.push(chatMember(ALICE, ALICE, true));
    await until(() => welcomes() === 2);
  });
});

describe("telegram semantics: an admin acting on a member with an advert for a name", () => {
  it("/ban in reply to them names them 'this member', not the advert", async () => {
    const { fake } = await setup();
    const spammer: TgUser = { id: 403, is_bot: false, first_name: "加V信abc123", last_name: "代开发票" };
    join(fake, spammer);
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("警告 1/5")));
    fake.message(GROUP, OWNER, "/ban 广告", {
      reply_to_message: { message_id: 1, date: 1, chat: { id: GROUP.id, type: "supergroup" }, from: spammer },
    });
    await until(() => fake.callsOf("banChatMember").length === 1);
    await until(() => fake.sent(GROUP.id).some((t) => t.includes("已被封禁")));
    expect(fake.sent(GROUP.id).join("\n")).not.toMatch(/abc123|发票|加V/);
  });
});
