/**
 * The WeChat adapter end to end: the real Bot with the default rules and a real
 * SQLite file, the adapter's PuppetService client talking gRPC to a loopback
 * PuppetServer that wraps wechaty-puppet-mock. Assertions are on what the mock
 * WeChat received (texts, removals) and on the action log.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { types } from "wechaty";
import { messageKind } from "../../adapters/wechat/message-kind.js";
import { type PacerClock, SendPacer } from "../../adapters/wechat/pacing.js";
import { backoffDelay, isConnectionLoss } from "../../adapters/wechat/reconnect.js";
import { splitText, WechatAdapter, wechatAdapterFromEnv } from "../../adapters/wechat.js";
import { Bot } from "../../src/app/bot.js";
import { PlatformError } from "../../src/core/adapter.js";
import { createLogger } from "../../src/log/logger.js";
import { capture, tempDb, tempRules } from "../helpers/bot.js";
import { type ContactMock, MockWechat, type RoomMock, waitFor } from "../helpers/puppet-server.js";

interface Rig {
  wechat: MockWechat;
  adapter: WechatAdapter;
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

async function rig(qrOutput?: NodeJS.WritableStream, rulesDir = tempRules()): Promise<Rig> {
  const wechat = await MockWechat.start();
  const log = capture();
  const logger = createLogger({ level: "debug", destination: log.stream });
  const adapter = new WechatAdapter({
    puppet: wechat.client(),
    logger,
    // Fast pacing for tests; the pacing itself is tested with a fake clock below.
    pacing: { replyGapMs: [0, 5], bulkGapMs: [0, 10] },
    reconnect: { initialMs: 50, maxMs: 400 },
    qrOutput,
  });
  const bot = new Bot({
    rulesDir,
    databasePath: tempDb(),
    logger,
    adapters: [adapter],
    watchRules: false,
  });
  const r: Rig = {
    wechat,
    adapter,
    bot,
    logs: log.json,
  };
  rigs.push(r);
  await bot.start();
  await waitFor(() => adapter.loggedIn, "the bot to log in");
  return r;
}

/** The action log lines: [type, rule/faq/command, outcome]. */
function actions(r: Rig): [unknown, unknown, unknown][] {
  return r
    .logs()
    .filter((l) => l.event === "action")
    .map((l) => [l.type, l.rule, l.outcome]);
}

/** A member sends a message of a given WeChat type (card, red envelope…), as the puppet would report it. */
function sendKind(wechat: MockWechat, from: ContactMock, room: RoomMock, type: types.Message): void {
  const message = wechat.mocker.MessageMock.create({
    id: `msg_${Math.random().toString(36).slice(2)}`,
    talkerId: from.id,
    roomId: room.id,
    timestamp: Date.now(),
    type,
    text: "",
    mentionIdList: [],
  });
  wechat.puppet.emit("message", { messageId: message.id });
}

describe("WeChat adapter over gRPC", () => {
  it("answers an FAQ in a room", async () => {
    const { wechat } = await rig();
    const amei = wechat.contact("wxid_amei", "小美");
    const room = wechat.room({ topic: "香满楼优惠群3", members: [amei] });
    amei.say("请问你们几点开门？").to(room);
    await waitFor(() => wechat.texts(room).length > 0, "an answer");
    expect(wechat.texts(room)).toEqual([expect.stringContaining("营业时间：每天 10:30–22:00")]);
  });

  it("asks the sender to recall an ad (WeChat cannot delete it) and warns them, both @-mentioning them", async () => {
    const r = await rig();
    const { wechat } = r;
    const amei = wechat.contact("wxid_amei", "小美");
    const room = wechat.room({ topic: "香满楼优惠群3", members: [amei] });
    amei.say("兼职日结 300元/天 有意私聊").to(room);
    await waitFor(() => actions(r).length >= 2, "recall notice and warning");
    const [recall, warn] = wechat.texts(room);
    expect(recall).toMatch(/^@小美\s+🙏 小美，请撤回刚才的消息（广告）/);
    expect(warn).toMatch(/^@小美\s+⚠️ 小美，你的消息违反了群规（广告），警告 1\/5。/);
    expect(actions(r)).toEqual([
      ["delete", "ads", "degraded"],
      ["warn", "ads", "done"],
    ]);
  });

  it("soft-mutes a spammer and removes them when they talk on (the bot owns the room)", async () => {
    const r = await rig();
    const { wechat } = r;
    const aqiang = wechat.contact("wxid_aqiang", "阿强");
    const amei = wechat.contact("wxid_amei", "小美");
    const room = wechat.room({ topic: "香满楼优惠群3", members: [aqiang, amei], owner: wechat.botUser });
    const step = async (text: string, expected: string) => {
      aqiang.say(text).to(room);
      await waitFor(() => wechat.texts(room).some((t) => t.includes(expected)), expected);
    };
    await step("兼职日结 300元/天", "警告 1/5");
    await step("无抵押贷款 秒批 不看征信", "警告 2/5");
    await step("招代理 一件代发 厂家直销", "请在 1 小时内不要发言");
    // Soft-muted: WeChat did not stop him, so talking on climbs the ladder.
    await step("我偏要说", "警告 4/5");
    await step("你们管不着", "已被移出群聊");
    await waitFor(() => actions(r).some(([type]) => type === "kick"), "the kick to be logged");
    expect(wechat.removed).toEqual([{ roomId: room.id, contactId: aqiang.id }]);
    expect(room.payload.memberIdList).not.toContain(aqiang.id);
    const kinds = actions(r).map(([type, , outcome]) => `${type}:${outcome}`);
    expect(kinds).toContain("mute:degraded");
    expect(kinds.at(-1)).toBe("kick:done");
  });

  it("tells the owner of an English group in English that it may not remove members", async () => {
    const rulesDir = tempRules();
    const categories = join(rulesDir, "categories.yaml");
    writeFileSync(categories, readFileSync(categories, "utf8").replace("locale: zh-CN", "locale: en"));
    const r = await rig(undefined, rulesDir);
    const { wechat } = r;
    const boss = wechat.contact("wxid_boss", "Mrs Lee");
    const aqiang = wechat.contact("wxid_aqiang", "Tom");
    const room = wechat.room({ topic: "Xiangmanlou deals", members: [boss, aqiang], owner: boss });
    boss.say("/kick @Tom\u2005spam", [aqiang]).to(room);
    await waitFor(() => wechat.texts(room).length > 0, "the note to the owner");
    expect(wechat.texts(room)).toEqual([
      expect.stringMatching(
        /^@Mrs Lee\s+The bot is not an owner or admin of this group and cannot remove Tom\./,
      ),
    ]);
  });

  it("refuses to kick where the bot is neither owner nor admin, tells the owner, and does not retry", async () => {
    const r = await rig();
    const { wechat } = r;
    const boss = wechat.contact("wxid_boss", "老板娘");
    const aqiang = wechat.contact("wxid_aqiang", "阿强");
    const room = wechat.room({ topic: "香满楼优惠群3", members: [boss, aqiang], owner: boss });
    boss.say("/kick @阿强\u2005发广告", [aqiang]).to(room);
    await waitFor(() => wechat.texts(room).length > 0, "the note to the owner");
    await waitFor(() => actions(r).some(([type]) => type === "kick"), "the kick to be audited");
    expect(wechat.texts(room)).toEqual([
      expect.stringMatching(/^@老板娘\s+群管不是本群的群主或管理员，无法把 阿强 移出群聊/),
    ]);
    expect(wechat.removed).toEqual([]);
    expect(actions(r)).toEqual([["kick", "kick", "refused"]]);
    // Asked again: refused again, but the owner is not told twice within the hour.
    boss.say("/kick @阿强\u2005还在发", [aqiang]).to(room);
    await waitFor(() => actions(r).length >= 2, "the second kick to be audited");
    expect(actions(r)[1]).toEqual(["kick", "kick", "refused"]);
    expect(wechat.texts(room)).toHaveLength(1);
    const line = r.logs().find((l) => l.event === "action" && l.type === "kick");
    expect(line?.detail).toMatch(/neither owner nor admin/);
  });

  it("carries out admin commands by @mention and by name, and refuses them to customers", async () => {
    const r = await rig();
    const { wechat } = r;
    const boss = wechat.contact("wxid_boss", "老板娘");
    const aqiang = wechat.contact("wxid_aqiang", "阿强");
    const amei = wechat.contact("wxid_amei", "小美");
    // The owner made the bot a room admin, so it may remove members.
    const room = wechat.room({
      topic: "香满楼优惠群3",
      members: [boss, aqiang, amei],
      owner: boss,
      admins: [wechat.botUser],
    });
    // An ordinary line (an ad would be removed by the rules before the admins get to it).
    aqiang.say("大家晚上好，今天人多吗").to(room);
    amei.say("/warn @阿强\u2005发广告", [aqiang]).to(room);
    await waitFor(() => wechat.texts(room).length >= 1, "the refusal");
    expect(wechat.texts(room)[0]).toContain("⛔ 只有本群管理员可以使用 /warn。");

    boss.say("/warn @阿强\u2005发广告", [aqiang]).to(room);
    await waitFor(() => wechat.texts(room).length >= 2, "the warning");
    expect(wechat.texts(room)[1]).toMatch(/^@阿强\s+⚠️ 阿强，你的消息违反了群规（发广告），警告 1\/5。/);

    // By name: WeChat has no reply-to; the bot knows 阿强 by the name he spoke under.
    // "@群管 /kick 阿强": the leading @bot is dropped so the command is still a command.
    boss.say("@群管\u2005/kick 阿强", [wechat.botUser]).to(room);
    await waitFor(() => wechat.removed.length > 0, "the kick");
    expect(wechat.removed).toEqual([{ roomId: room.id, contactId: aqiang.id }]);
    await waitFor(() => wechat.texts(room).some((t) => t.includes("已被移出群聊")), "the kick notice");
  });

  it("bans without a ban on WeChat: removes, removes again on rejoining, and /unban lets them back", async () => {
    const rules = tempRules();
    const { writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    writeFileSync(
      join(rules, "admins.yaml"),
      "admins:\n  owners:\n    - { platform: wechat, id: wxid_boss, name: 老板娘 }\n",
    );
    const r = await rig(undefined, rules);
    const { wechat } = r;
    const boss = wechat.contact("wxid_boss", "老板娘");
    const aqiang = wechat.contact("wxid_aqiang", "阿强");
    const room = wechat.room({ topic: "香满楼优惠群3", members: [boss, aqiang], owner: wechat.botUser });
    boss.say("/ban @阿强\u2005骚扰客人", [aqiang]).to(room);
    await waitFor(() => wechat.removed.length === 1, "the removal");
    await waitFor(() => wechat.texts(room).some((t) => t.includes("已被封禁")), "the ban notice");
    await waitFor(() => actions(r).some(([type]) => type === "ban"), "the ban to be logged");
    expect(actions(r).find(([type]) => type === "ban")).toEqual(["ban", "ban", "degraded"]);
    room.add(aqiang).by(boss);
    await waitFor(() => wechat.removed.length === 2, "the removal on rejoining");
    await waitFor(() => actions(r).some(([, rule]) => rule === "banned"), "the removal to be logged");
    expect(actions(r).find(([type, rule]) => type === "kick" && rule === "banned")).toEqual([
      "kick",
      "banned",
      "done",
    ]);
    boss.say("/unban wxid_aqiang").to(room);
    await waitFor(() => wechat.texts(room).some((t) => t.includes("已解除封禁")), "the unban notice");
    room.add(aqiang).by(boss);
    await waitFor(() => wechat.texts(room).some((t) => t.includes("欢迎")), "the welcome back");
    expect(wechat.removed).toHaveLength(2);
  });

  it("welcomes a member who joins, and ignores the bot's own messages", async () => {
    const r = await rig();
    const { wechat, adapter } = r;
    const boss = wechat.contact("wxid_boss", "老板娘");
    const newbie = wechat.contact("wxid_newbie", "新来的");
    const room = wechat.room({ topic: "香满楼优惠群3", members: [boss], owner: boss });
    room.add(newbie).by(boss);
    await waitFor(() => wechat.texts(room).length > 0, "the welcome");
    expect(wechat.texts(room)[0]).toMatch(/^@新来的\s+欢迎来到香满楼优惠群！/);

    // The bot says something that would be an ad from a member: it comes back as a message and must be ignored.
    await adapter.sendText({ platform: "wechat", id: room.id }, "兼职日结 300元/天 加微信 abc12345");
    // A later question is handled in order after it, so once it is answered the bot's own message was seen.
    newbie.say("你们店在哪里？").to(room);
    await waitFor(() => actions(r).length >= 2, "the answer");
    expect(wechat.texts(room)[2]).toContain("地址：上海市徐汇区");
    expect(wechat.texts(room)).toHaveLength(3);
    expect(r.bot.engine.memory.known(`wechat:${room.id}`, wechat.botUser.id)).toBeUndefined();
    expect(actions(r).map(([type, rule]) => `${type}:${rule}`)).toEqual(["reply:undefined", "reply:address"]);
  });

  it("moves a room to another category when its topic changes", async () => {
    const { wechat } = await rig();
    const boss = wechat.contact("wxid_boss", "老板娘");
    const amei = wechat.contact("wxid_amei", "小美");
    const newbie = wechat.contact("wxid_newbie", "新来的");
    const room = wechat.room({ topic: "香满楼优惠群3", members: [boss, amei], owner: boss });
    amei.say("/rules").to(room);
    await waitFor(() => wechat.texts(room).length >= 1, "the promo rules");
    expect(wechat.texts(room)[0]).toContain("禁止广告、拉人");

    // Renamed, and asked at once: the very next message is judged under the new category.
    room.topic("香满楼订座群").by(boss);
    amei.say("/rules").to(room);
    await waitFor(() => wechat.texts(room).length >= 2, "the booking rules");
    expect(wechat.texts(room)[1]).toContain("仅讨论订座相关事宜");
    room.add(newbie).by(boss);
    await waitFor(() => wechat.texts(room).length >= 3, "the booking welcome");
    expect(wechat.texts(room)[2]).toContain("这里是香满楼订座群");
  });

  it("translates WeChat message kinds: a contact card from a newcomer is recalled", async () => {
    const r = await rig();
    const { wechat } = r;
    const spammer = wechat.contact("wxid_spam", "推广小号");
    const room = wechat.room({ topic: "香满楼优惠群3", members: [spammer] });
    sendKind(wechat, spammer, room, types.Message.Contact);
    await waitFor(() => actions(r).length >= 2, "recall notice and warning");
    expect(actions(r)).toEqual([
      ["delete", "new-member-cards", "degraded"],
      ["warn", "new-member-cards", "done"],
    ]);
  });

  it("takes admin commands in a private chat and answers there", async () => {
    const { wechat } = await rig();
    const amei = wechat.contact("wxid_amei", "小美");
    // Private talk other than commands is not the bot's business: this question would get an FAQ answer in a room.
    amei.say("请问你们几点开门？").to(wechat.botUser);
    amei.say("/help").to(wechat.botUser);
    await waitFor(() => wechat.said.some((s) => s.to === amei.id), "the private answer");
    const answers = wechat.said.filter((s) => s.to === amei.id);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.text).toContain("/rules");
  });

  it("sets a room announcement, and says honestly what WeChat cannot do", async () => {
    const { wechat, adapter } = await rig();
    const room = wechat.room({ topic: "香满楼优惠群3", members: [], owner: wechat.botUser });
    const chat = { platform: "wechat" as const, id: room.id };
    await adapter.announce(chat, "本周六包间已满");
    expect(wechat.announced).toEqual([{ roomId: room.id, text: "本周六包间已满" }]);
    expect(adapter.capabilities).toMatchObject({
      canDelete: false,
      canMute: false,
      canBan: false,
      canKick: true,
    });
    for (const attempt of [adapter.mute(), adapter.deleteMessage(), adapter.ban()]) {
      await expect(attempt).rejects.toMatchObject({ name: "PlatformError", permanent: true });
    }
    await expect(adapter.kick({ platform: "wechat", id: "dm:wxid_x" }, "wxid_x")).rejects.toBeInstanceOf(
      PlatformError,
    );
  });

  it("shows the login QR code in the terminal and logs its URL when WeChat asks for a scan", async () => {
    const screen = capture();
    const r = await rig(screen.stream);
    r.wechat.mocker.scan("https://login.weixin.qq.com/l/qunguan-test", types.ScanStatus.Waiting);
    await waitFor(() => screen.text().length > 0, "the QR code");
    // Drawn with block characters, many lines high.
    expect(screen.text().split("\n").length).toBeGreaterThan(10);
    const line = r.logs().find((l) => l.what === "scan");
    expect(line?.url).toContain(encodeURIComponent("https://login.weixin.qq.com/l/qunguan-test"));
  });

  it("reconnects after the puppet service stops and restarts mid-conversation", async () => {
    const r = await rig();
    const { wechat, adapter } = r;
    const amei = wechat.contact("wxid_amei", "小美");
    const room = wechat.room({ topic: "香满楼优惠群3", members: [amei] });
    amei.say("请问几点开门？").to(room);
    await waitFor(() => wechat.texts(room).length >= 1, "the first answer");

    await wechat.stopServer();
    await waitFor(() => !adapter.loggedIn, "the bot to notice the drop");
    await wechat.startServer();
    await waitFor(() => adapter.loggedIn && adapter.reconnects >= 1, "the bot to reconnect", 25_000);

    amei.say("你们店在哪里？").to(room);
    await waitFor(() => wechat.texts(room).length >= 2, "an answer after the reconnect");
    expect(wechat.texts(room)[1]).toContain("地址：上海市徐汇区");
    const what = r.logs().map((l) => l.what);
    expect(what).toContain("disconnected");
    expect(what).toContain("reconnected");
  }, 40_000);
});

/** A clock that only moves when the pacer sleeps: every gap is exact and nothing waits for real. */
function fakeClock(start = 0): PacerClock & { t: number } {
  const clock = {
    t: start,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

describe("send pacing (fake clock)", () => {
  const half = () => 0.5;

  it("spaces bulk sends by a random gap in the configured range, for the whole account", async () => {
    const clock = fakeClock();
    const pacer = new SendPacer({ bulkGapMs: [3000, 5000] }, clock, half);
    const at: number[] = [];
    const sends = ["room1", "room2", "room3"].map((room) =>
      pacer.run("bulk", async () => {
        at.push(clock.now());
        return room;
      }),
    );
    expect(await Promise.all(sends)).toEqual(["room1", "room2", "room3"]);
    // random 0.5 → 3000 + floor(0.5 × 2001) = 4000 ms between sends.
    expect(at).toEqual([0, 4000, 8000]);
  });

  it("lets replies overtake queued bulk sends, with the shorter reply gap", async () => {
    const clock = fakeClock();
    const pacer = new SendPacer({ bulkGapMs: [3000, 5000], replyGapMs: [1000, 2000] }, clock, half);
    const order: string[] = [];
    const job = (name: string) => async () => {
      order.push(`${name}@${clock.now()}`);
    };
    await Promise.all([
      pacer.run("bulk", job("promo1")),
      pacer.run("bulk", job("promo2")),
      pacer.run("reply", job("answer")),
    ]);
    expect(order).toEqual(["promo1@0", "answer@1500", "promo2@5500"]);
  });

  it("pauses all sending when WeChat answers 操作过于频繁, then resumes", async () => {
    const clock = fakeClock();
    const pacer = new SendPacer({ replyGapMs: [0, 0], throttlePauseMs: 600_000 }, clock, half);
    await expect(
      pacer.run("reply", async () => {
        throw new Error("发送消息过于频繁，请稍后再试");
      }),
    ).rejects.toMatchObject({ name: "PlatformError", permanent: false, retryAfterMs: 600_000 });
    let sent = false;
    clock.t += 60_000;
    await expect(
      pacer.run("reply", async () => {
        sent = true;
      }),
    ).rejects.toMatchObject({ retryAfterMs: 540_000 });
    expect(sent).toBe(false);
    clock.t += 540_000;
    await pacer.run("reply", async () => {
      sent = true;
    });
    expect(sent).toBe(true);
  });

  it("refuses sends beyond the daily cap until the rolling 24 hours free a slot", async () => {
    const clock = fakeClock();
    const pacer = new SendPacer({ bulkGapMs: [0, 0], dailyCap: 2 }, clock, half);
    await pacer.run("bulk", async () => {});
    clock.t += 3_600_000;
    await pacer.run("bulk", async () => {});
    await expect(pacer.run("bulk", async () => {})).rejects.toMatchObject({ retryAfterMs: 23 * 3_600_000 });
    clock.t += 23 * 3_600_000;
    await expect(pacer.run("bulk", async () => "ok")).resolves.toBe("ok");
  });

  it("rejects what is still queued when stopped", async () => {
    const pacer = new SendPacer({ bulkGapMs: [10_000, 10_000] });
    const first = pacer.run("bulk", async () => "sent");
    const second = pacer.run("bulk", async () => "never");
    expect(await first).toBe("sent");
    pacer.stop();
    await expect(second).rejects.toMatchObject({ name: "PlatformError" });
  });
});

describe("WeChat adapter pieces", () => {
  it("maps every WeChat message type the rules care about to its own kind", () => {
    const M = types.Message;
    const table: [types.Message, string][] = [
      [M.Text, "text"],
      [M.Image, "image"],
      [M.Video, "video"],
      [M.Audio, "voice"],
      [M.Attachment, "file"],
      [M.Emoticon, "sticker"],
      [M.Url, "link_card"],
      [M.Contact, "contact_card"],
      [M.MiniProgram, "mini_program"],
      [M.RedEnvelope, "red_envelope"],
      [M.Transfer, "transfer"],
      [M.ChatHistory, "forward"],
      [M.Location, "location"],
      [M.Recalled, "recalled"],
      [M.GroupNote, "other"],
      [M.Unknown, "other"],
    ];
    expect(table.map(([type]) => messageKind(type))).toEqual(table.map(([, kind]) => kind));
  });

  it("tells a lost connection from other errors", () => {
    expect(
      isConnectionLoss(Object.assign(new Error("14 UNAVAILABLE: No connection established"), { code: 14 })),
    ).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error("1 CANCELLED: Call cancelled"), { code: 1 }))).toBe(true);
    expect(isConnectionLoss(new Error("message not found for id: abc"))).toBe(false);
    expect(isConnectionLoss(Object.assign(new Error("Timeout after 5000 ms"), { code: 4 }))).toBe(false);
  });

  it("backs off exponentially with jitter, up to a ceiling", () => {
    const options = { initialMs: 1000, maxMs: 60_000 };
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, options, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(20, options, () => 1)).toBe(60_000);
    expect(backoffDelay(0, options, () => 0)).toBe(500);
  });

  it("splits long texts at line ends", () => {
    expect(splitText("short", 10)).toEqual(["short"]);
    expect(splitText("line one\nline two\nline three", 20)).toEqual(["line one\nline two", "line three"]);
    expect(splitText("x".repeat(25), 10)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
  });

  it("is built from Wechaty's environment variables, and only with a token", () => {
    const logger = createLogger({ level: "silent", destination: capture().stream });
    expect(wechatAdapterFromEnv({}, logger)).toBeUndefined();
    const adapter = wechatAdapterFromEnv(
      {
        WECHATY_PUPPET_SERVICE_TOKEN: "insecure_qunguan_env_test",
        WECHATY_PUPPET_SERVICE_ENDPOINT: "127.0.0.1:1",
        QUNGUAN_WECHAT_REPLY_GAP_MS: "500-900",
        QUNGUAN_WECHAT_DAILY_CAP: "300",
      },
      logger,
    );
    expect(adapter?.puppet.constructor.name).toBe("PuppetService");
    expect(adapter?.pacer.options).toMatchObject({
      replyGapMs: [500, 900],
      bulkGapMs: [3000, 5000],
      dailyCap: 300,
    });
  });
});
