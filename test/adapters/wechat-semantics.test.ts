/**
 * What WeChat cards really carry, replayed through PuppetServer + wechaty-puppet-mock over gRPC
 * into the real Bot with the default rules (issue 17, "WeChat, found"): a mini-program is judged
 * by its appid, account and page too, a contact card by the carded contact's name for every
 * sender, and WeChat's invitation and contact links are not admitted by a weixin.qq.com entry.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { types } from "wechaty";
import { WechatAdapter } from "../../adapters/wechat.js";
import { Bot } from "../../src/app/bot.js";
import { createLogger } from "../../src/log/logger.js";
import { capture, tempDb, tempRules } from "../helpers/bot.js";
import { type ContactMock, MockWechat, type RoomMock, waitFor } from "../helpers/puppet-server.js";

interface Rig {
  wechat: MockWechat;
  bot: Bot;
  logs: () => Record<string, unknown>[];
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) {
    await r.bot.stop().catch(() => {});
    await r.wechat.close();
  }
});

async function rig(rulesDir = tempRules()): Promise<Rig> {
  const wechat = await MockWechat.start();
  const log = capture();
  const logger = createLogger({ level: "debug", destination: log.stream });
  const adapter = new WechatAdapter({
    puppet: wechat.client(),
    logger,
    pacing: { replyGapMs: [0, 5], bulkGapMs: [0, 10] },
  });
  const bot = new Bot({
    rulesDir,
    databasePath: tempDb(),
    logger,
    adapters: [adapter],
    watchRules: false,
  });
  const r = { wechat, bot, logs: log.json };
  rigs.push(r);
  await bot.start();
  await waitFor(() => adapter.loggedIn, "the bot to log in");
  return r;
}

/** [type, rule, outcome] of each action logged. */
function actions(r: Rig): [unknown, unknown, unknown][] {
  return r
    .logs()
    .filter((l) => l.event === "action")
    .map((l) => [l.type, l.rule, l.outcome]);
}

const TWO_DAYS_MS = 2 * 86_400_000;

/**
 * A member the bot has known for two days (their first message is dated then), so the
 * new-member-cards rule does not apply to them: what they post is judged by its content.
 */
async function establishedMember(r: Rig, room: RoomMock, id: string, name: string): Promise<ContactMock> {
  const member = r.wechat.contact(id, name);
  room.payload.memberIdList.push(member.id);
  const message = r.wechat.mocker.MessageMock.create({
    id: `old_${id}`,
    talkerId: member.id,
    roomId: room.id,
    timestamp: Date.now() - TWO_DAYS_MS,
    type: types.Message.Text,
    text: "上次的烤鸭很好吃",
    mentionIdList: [],
  });
  r.wechat.puppet.emit("message", { messageId: message.id });
  await settle(r, room, member);
  return member;
}

/** Waits until the bot has answered `member`'s "/rules", so every event before it is handled (a room's events go in order). */
async function settle(r: Rig, room: RoomMock, member: ContactMock): Promise<void> {
  const answers = () => r.wechat.texts(room).filter((t) => t.includes("群规")).length;
  const before = answers();
  member.say("/rules").to(room);
  await waitFor(() => answers() > before, "the rules answer");
}

describe("WeChat cards are judged by everything they carry", () => {
  it("judges a mini-program by the page it opens, not only its bland title", async () => {
    const r = await rig();
    const room = r.wechat.room({ topic: "香满楼优惠群3", members: [] });
    const laoke = await establishedMember(r, room, "wxid_laoke", "老客阿华");
    r.wechat.sendCard(laoke, room, {
      miniProgram: {
        title: "福利中心",
        description: "点击领取",
        appid: "wx5f8b1c2d3e4f5a6b",
        username: "gh_7c1d2e3f4a5b@app",
        pagePath: "pages/index/index.html?from=百家乐真人荷官",
      },
    });
    await waitFor(() => actions(r).some(([type]) => type === "warn"), "the warning");
    expect(actions(r)).toContainEqual(["warn", "gambling", "done"]);
  });

  it('lets a rule name a mini-program by its appid (written without WeChat\'s own "wx")', async () => {
    const rulesDir = tempRules();
    appendFileSync(
      join(rulesDir, "moderation.yaml"),
      [
        "",
        "  - id: known-scam-mini-program",
        "    priority: 80",
        "    match:",
        "      keywords: [5f8b1c2d3e4f5a6b]",
        "    actions: [delete, warn]",
        "",
      ].join("\n"),
    );
    const r = await rig(rulesDir);
    const room = r.wechat.room({ topic: "香满楼优惠群3", members: [] });
    const laoke = await establishedMember(r, room, "wxid_laoke", "老客阿华");
    r.wechat.sendCard(laoke, room, {
      miniProgram: { title: "会员福利", appid: "wx5f8b1c2d3e4f5a6b", username: "gh_7c1d2e3f4a5b@app" },
    });
    await waitFor(() => actions(r).some(([type]) => type === "warn"), "the warning");
    expect(actions(r)).toContainEqual(["warn", "known-scam-mini-program", "done"]);
  });

  it("leaves the merchant's own mini-program alone when posted by an established member", async () => {
    const r = await rig();
    const room = r.wechat.room({ topic: "香满楼优惠群3", members: [] });
    const laoke = await establishedMember(r, room, "wxid_laoke", "老客阿华");
    r.wechat.sendCard(laoke, room, {
      miniProgram: {
        title: "香满楼点餐",
        description: "在线订座、外卖",
        appid: "wx1234abcd5678ef90",
        username: "gh_3f2a1b0c9d8e@app",
        pagePath: "pages/menu/index.html",
      },
    });
    await settle(r, room, laoke);
    expect(actions(r).filter(([type]) => type !== "reply")).toEqual([]);
  });

  it("judges a contact card by the carded contact's name, whoever posts it", async () => {
    const r = await rig();
    const room = r.wechat.room({ topic: "香满楼优惠群3", members: [] });
    const laoke = await establishedMember(r, room, "wxid_laoke", "老客阿华");
    const carded = r.wechat.contact("wxid_fp_8866", "代开发票 加薇信 fp8866");
    r.wechat.sendCard(laoke, room, { contact: carded });
    await waitFor(() => actions(r).some(([type]) => type === "warn"), "the warning");
    expect(actions(r).find(([type]) => type === "warn")?.[1]).not.toBe("new-member-cards");
  });

  it("lets an established member share an ordinary friend's card", async () => {
    const r = await rig();
    const room = r.wechat.room({ topic: "香满楼优惠群3", members: [] });
    const laoke = await establishedMember(r, room, "wxid_laoke", "老客阿华");
    const friend = r.wechat.contact("wxid_xiaomei", "小美");
    r.wechat.sendCard(laoke, room, { contact: friend });
    await settle(r, room, laoke);
    expect(actions(r).filter(([type]) => type !== "reply")).toEqual([]);
  });
});

describe("WeChat invitation and contact links are not admitted by the weixin.qq.com allow-list entry", () => {
  it.each([
    ["a group invitation card", "https://weixin.qq.com/g/AQYAAGm3Xk2pLz"],
    ["another account's article card", "https://mp.weixin.qq.com/s/Q8xY2kLmN0pRsT"],
    ["a personal QR link", "https://u.wechat.com/EBbHqK7zT2Lx"],
  ])("removes %s from an established member", async (_what, url) => {
    const r = await rig();
    const room = r.wechat.room({ topic: "香满楼优惠群3", members: [] });
    const laoke = await establishedMember(r, room, "wxid_laoke", "老客阿华");
    r.wechat.sendCard(laoke, room, { urlLink: { title: "周末聚餐", description: "一起来", url } });
    await waitFor(() => actions(r).some(([type]) => type === "warn"), "the warning");
    expect(actions(r)).toContainEqual(["warn", "links", "done"]);
  });

  it("leaves a card to the platforms the merchant sells on alone", async () => {
    const r = await rig();
    const room = r.wechat.room({ topic: "香满楼优惠群3", members: [] });
    const laoke = await establishedMember(r, room, "wxid_laoke", "老客阿华");
    r.wechat.sendCard(laoke, room, {
      urlLink: { title: "香满楼 大众点评", description: "4.8 分", url: "https://m.dianping.com/shop/k9Xz" },
    });
    await settle(r, room, laoke);
    expect(actions(r).filter(([type]) => type !== "reply")).toEqual([]);
  });
});
