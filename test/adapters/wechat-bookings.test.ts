/**
 * Bookings and FAQ pointers in WeChat rooms, end to end: the real Bot and its WeChat adapter
 * talking gRPC to a loopback PuppetServer around wechaty-puppet-mock. WeChat has no replies to
 * quote, so a pointer is a short "see above" line @-mentioning the member; a booking's
 * acknowledgement and prompt @-mention the customer too.
 */
import { afterEach, describe, expect, it } from "vitest";
import { WechatAdapter } from "../../adapters/wechat.js";
import { Bot } from "../../src/app/bot.js";
import { getTicket } from "../../src/db/mod.js";
import { createLogger } from "../../src/log/logger.js";
import { capture, tempDb, tempRules } from "../helpers/bot.js";
import { MockWechat, waitFor } from "../helpers/puppet-server.js";

const rigs: { wechat: MockWechat; bot: Bot }[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) {
    await r.bot.stop().catch(() => {});
    await r.wechat.close();
  }
});

async function rig() {
  const wechat = await MockWechat.start();
  const logger = createLogger({ destination: capture().stream });
  const adapter = new WechatAdapter({
    puppet: wechat.client(),
    logger,
    pacing: { replyGapMs: [0, 5], bulkGapMs: [0, 10] },
    reconnect: { initialMs: 50, maxMs: 400 },
  });
  const bot = new Bot({
    rulesDir: tempRules(),
    databasePath: tempDb(),
    logger,
    adapters: [adapter],
    watchRules: false,
  });
  rigs.push({ wechat, bot });
  await bot.start();
  await waitFor(() => adapter.loggedIn, "the bot to log in");
  return { wechat, bot };
}

describe("WeChat rooms", () => {
  it("a second member asking within the cooldown gets a 'see above' line @-mentioning them; the first member's repeat gets nothing", async () => {
    const { wechat } = await rig();
    const amei = wechat.contact("wxid_amei", "小美");
    const aqiang = wechat.contact("wxid_aqiang", "阿强");
    const room = wechat.room({ topic: "香满楼优惠群3", members: [amei, aqiang] });
    amei.say("请问你们几点开门？").to(room);
    await waitFor(() => wechat.texts(room).length === 1, "the answer");
    aqiang.say("几点开门啊？").to(room);
    await waitFor(() => wechat.texts(room).length === 2, "the pointer");
    expect(wechat.texts(room)[1]).toMatch(/^@阿强\s+👆 阿强，这个问题刚刚回答过，请看上方的回答。$/);
    amei.say("几点开门？").to(room);
    amei.say("有停车位吗？").to(room);
    await waitFor(() => wechat.texts(room).length === 3, "the parking answer");
    expect(wechat.texts(room)[2]).toContain("停车");
  });

  it("a booking in a booking room is acknowledged to the customer by @-mention, a bare one prompted", async () => {
    const { wechat, bot } = await rig();
    const amei = wechat.contact("wxid_amei", "小美");
    const aqiang = wechat.contact("wxid_aqiang", "阿强");
    const room = wechat.room({ topic: "香满楼订座群", members: [amei, aqiang] });
    aqiang.say("订位").to(room);
    await waitFor(() => wechat.texts(room).length === 1, "the prompt");
    expect(wechat.texts(room)[0]).toMatch(
      /^@阿强\s+📅 阿强，订位请按“订位\+日期\+时间\+人数”回复.*还缺：日期、时间、人数。$/,
    );
    amei.say("訂位 後天 19:00 4位").to(room);
    await waitFor(() => wechat.texts(room).length === 2, "the acknowledgement");
    expect(wechat.texts(room)[1]).toMatch(
      /^@小美\s+✅ 小美，已收到您的订位：.* 19:00，4 位。订位单 #1，店员会在 30 分钟内确认。$/,
    );
    expect(getTicket(bot.database.db, 1)).toMatchObject({
      kind: "booking",
      platform: "wechat",
      userId: "wxid_amei",
      partySize: 4,
    });
  });
});
