/**
 * Names on WeChat, through PuppetServer + wechaty-puppet-mock over gRPC into the real Bot (issue 17):
 * a member who renames to the owner's nickname must not make "/kick 老板娘" pick anyone.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
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
  const bot = new Bot({ rulesDir, databasePath: tempDb(), logger, adapters: [adapter], watchRules: false });
  const r = { wechat, bot, logs: log.json };
  rigs.push(r);
  await bot.start();
  await waitFor(() => adapter.loggedIn, "the bot to log in");
  return r;
}

/** A room the bot administers, with its owner and a member who took a name that reads like the owner's. */
function roomWithImpostor(r: Rig, ownerName: string, impostorName: string, topic = "香满楼优惠群3") {
  const boss = r.wechat.contact("wxid_boss", ownerName);
  const impostor = r.wechat.contact("wxid_fake", impostorName);
  const room = r.wechat.room({ topic, members: [boss, impostor], owner: boss, admins: [r.wechat.botUser] });
  return { boss, impostor, room };
}

/** Both have spoken, so the bot knows their names; waits until it answered the last line. */
async function bothSpeak(r: Rig, room: RoomMock, boss: ContactMock, impostor: ContactMock): Promise<void> {
  impostor.say("大家好").to(room);
  boss.say("/rules").to(room);
  await waitFor(() => r.wechat.texts(room).length >= 1, "the rules answer");
}

describe("naming a member when two go by that name", () => {
  it("refuses /kick 老板娘 when a member took the owner's exact nickname, and asks for an @", async () => {
    const r = await rig();
    const { boss, impostor, room } = roomWithImpostor(r, "老板娘", "老板娘");
    await bothSpeak(r, room, boss, impostor);
    boss.say("/kick 老板娘 冒充我").to(room);
    await waitFor(() => r.wechat.texts(room).length >= 2, "the answer");
    expect(r.wechat.texts(room)[1]).toContain(
      "本群有 2 位成员叫 老板娘（或名字看起来一样），请 @ 要处理的那一位",
    );
    expect(r.wechat.removed).toEqual([]);
  });

  it("refuses when the names only look alike (Traditional, full-width, spaces), in the group's language", async () => {
    const rulesDir = tempRules();
    const categories = join(rulesDir, "categories.yaml");
    writeFileSync(categories, readFileSync(categories, "utf8").replace("locale: zh-CN", "locale: en"));
    const r = await rig(rulesDir);
    const { boss, impostor, room } = roomWithImpostor(
      r,
      "Lily 老板娘",
      "ＬＩＬＹ老闆娘",
      "Xiangmanlou deals",
    );
    await bothSpeak(r, room, boss, impostor);
    boss.say("/kick Lily老板娘").to(room);
    await waitFor(() => r.wechat.texts(room).length >= 2, "the answer");
    expect(r.wechat.texts(room)[1]).toContain("2 members of this group go by Lily老板娘");
    expect(r.wechat.removed).toEqual([]);
  });

  it("still removes the one @-mentioned when two share the name", async () => {
    const r = await rig();
    const { boss, impostor, room } = roomWithImpostor(r, "老板娘", "老板娘");
    await bothSpeak(r, room, boss, impostor);
    boss.say("/kick @老板娘\u2005冒充群主", [impostor]).to(room);
    await waitFor(() => r.wechat.removed.length > 0, "the removal");
    expect(r.wechat.removed).toEqual([{ roomId: room.id, contactId: impostor.id }]);
  });
});

describe("a member whose name reads like the owner's", () => {
  it("is flagged to the admins once and members are warned, naming nobody; their deposit request carries no authority", async () => {
    const r = await rig();
    const { boss, impostor, room } = roomWithImpostor(r, "老板娘", "老闆娘 ");
    const amei = r.wechat.contact("wxid_amei", "小美");
    room.payload.memberIdList.push(amei.id);
    boss.say("/rules").to(room);
    await waitFor(() => r.wechat.texts(room).length >= 1, "the rules answer");

    impostor.say("今晚订座的朋友请先转定金200给我，扫码付款").to(room);
    await waitFor(() => r.wechat.texts(room).some((t) => t.includes("提醒")), "the warning to members");
    const warning = r.wechat.texts(room).find((t) => t.includes("提醒"))!;
    expect(warning).toContain("店家不会在群里让大家转账、付定金或扫码付款");
    // No mention and no name: "@老闆娘" would read as addressed to the owner.
    expect(warning).not.toMatch(/@|老闆娘|老板娘/);
    const notes = r.logs().filter((l) => l.event === "notify" && l.rule === "impersonation");
    expect(notes).toHaveLength(1);
    expect(notes[0]!.msg).toContain("用户 ID wxid_fake");
    expect(notes[0]!.msg).toContain("管理员 老板娘");

    // The same name again: not flagged twice. And the name gives no admin power.
    impostor.say("/kick @小美\u2005不付定金", [amei]).to(room);
    await waitFor(() => r.wechat.texts(room).some((t) => t.includes("只有本群管理员")), "the refusal");
    expect(r.wechat.removed).toEqual([]);
    expect(r.logs().filter((l) => l.event === "notify" && l.rule === "impersonation")).toHaveLength(1);
    expect(r.wechat.texts(room).filter((t) => t.includes("提醒"))).toHaveLength(1);
  });

  it("leaves members with names of their own alone, and the owner speaking under his own name", async () => {
    const r = await rig();
    const { boss, impostor, room } = roomWithImpostor(r, "老板娘", "老板");
    boss.say("大家好，今晚有位").to(room);
    impostor.say("好的").to(room);
    boss.say("/rules").to(room);
    await waitFor(() => r.wechat.texts(room).length >= 1, "the rules answer");
    expect(r.logs().filter((l) => l.event === "notify")).toEqual([]);
    expect(r.wechat.texts(room).some((t) => t.includes("提醒"))).toBe(false);
  });
});
