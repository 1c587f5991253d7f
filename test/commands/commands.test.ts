/**
 * Slash commands through the console adapter and the real bot (SQLite file, rule directory on disk).
 * In the default pack, the console member "boss" is an owner; "mgr" is made a platform admin here.
 */
import { describe, expect, it } from "vitest";
import { activeSanction, activeWarnings, listBotAdmins, recentAudit } from "../../src/db/mod.js";
import { type Harness, harness, MIN, T0, tempDb, tempRules } from "../helpers/bot.js";

async function started(options: Parameters<typeof harness>[2] = {}): Promise<Harness> {
  const h = harness(tempRules(), tempDb(), options);
  await h.bot.start();
  h.chat.member("mgr", true);
  for (const name of ["boss", "bob", "eve"]) h.chat.member(name);
  // Everybody speaks once so the bot knows them.
  for (const [i, name] of ["boss", "mgr", "bob", "eve"].entries())
    await h.chat.message(name, "大家好", T0 + i * 1000);
  return h;
}

const chatRef = { platform: "console" as const, chatId: "console" };

function lastBotLine(h: Harness): string {
  return (
    h
      .screen()
      .trim()
      .split("\n")
      .filter((l) => l.startsWith("🤖"))
      .at(-1) ?? ""
  );
}

/** Every state a command can change, to prove a refused one changed nothing. */
function snapshot(h: Harness) {
  const db = h.bot.database.db;
  return JSON.stringify({
    warnings: activeWarnings(db, chatRef, "bob", T0 + 10 * MIN).length,
    memoryWarnings: h.bot.engine.memory.activeWarnings("console:console", "bob", T0 + 10 * MIN),
    mute: activeSanction(db, chatRef, "bob", "mute", T0 + 10 * MIN)?.id ?? null,
    ban: activeSanction(db, chatRef, "bob", "ban", T0 + 10 * MIN)?.id ?? null,
    admins: listBotAdmins(db, { platform: "console", scope: "chat", scopeId: "console" }).length,
    dryRun: h.bot.commands.state.isDryRun("console:console"),
    present: h.chat.member("bob").present,
  });
}

const ADMIN_COMMANDS = [
  "/warn @bob spam",
  "/unwarn @bob",
  "/resetwarns @bob",
  "/mute @bob 1h",
  "/unmute @bob",
  "/kick @bob",
  "/ban @bob 1d",
  "/unban bob",
  "/admins",
  "/admin add @bob",
  "/admin remove @bob",
  "/reload",
  "/stats",
  "/audit",
  "/dryrun on",
];

describe("commands: permissions", () => {
  it.each(ADMIN_COMMANDS)(
    "a member who is not an admin is refused %s, and nothing changes",
    async (command) => {
      const h = await started();
      const before = snapshot(h);
      await h.chat.message("eve", command, T0 + MIN);
      expect(lastBotLine(h)).toContain(`只有本群管理员可以使用 /${command.split(" ")[0]!.slice(1)}`);
      expect(snapshot(h)).toBe(before);
    },
  );

  it("answers repeated refused attempts once a minute, not each time", async () => {
    const h = await started();
    for (let i = 0; i < 5; i++) await h.chat.message("eve", "/kick @bob", T0 + MIN + i * 1000);
    expect(h.screen().match(/只有本群管理员/g)).toHaveLength(1);
    await h.chat.message("eve", "/kick @bob", T0 + 3 * MIN);
    expect(h.screen().match(/只有本群管理员/g)).toHaveLength(2);
  });

  it("shields admins from admins: only an owner can act on one", async () => {
    const h = await started();
    await h.chat.message("mgr", "/warn @boss", T0 + MIN);
    expect(lastBotLine(h)).toContain("是管理员，只有群主");
    await h.chat.message("boss", "/warn @mgr 迟到", T0 + 2 * MIN);
    expect(lastBotLine(h)).toContain("警告 1/5");
  });

  it("gives an admin of one group no power in another", async () => {
    const h = await started();
    const other = { platform: "console" as const, id: "other", title: "香满楼订座群" };
    const msg = (user: string, text: string, at: number) =>
      h.bot.handle(h.chat, {
        type: "message",
        chat: other,
        sender: { id: user, displayName: user, isPlatformAdmin: false },
        at,
        messageId: String(at),
        text,
        kind: "text",
        mentions: [],
      });
    await msg("bob", "hello", T0 + MIN);
    // mgr is a platform admin of the console group only.
    await msg("mgr", "/kick bob", T0 + 2 * MIN);
    expect(lastBotLine(h)).toContain("只有本群管理员可以使用 /kick");
    expect(h.chat.member("bob").present).toBe(true);
  });

  it("lets an owner appoint a bot admin, who then may moderate, and dismiss them", async () => {
    const h = await started();
    await h.chat.message("mgr", "/admin add @bob", T0 + MIN);
    expect(lastBotLine(h)).toContain("只有本群管理员可以使用 /admin");
    await h.chat.message("boss", "/admin add @bob", T0 + 2 * MIN);
    expect(lastBotLine(h)).toContain("已任命 bob 为本群管理员");
    await h.chat.message("bob", "/warn @eve 刷屏", T0 + 3 * MIN);
    expect(lastBotLine(h)).toContain("eve，你的消息违反了群规（刷屏），警告 1/5");
    // An appointed admin is exempt from moderation like any admin.
    await h.chat.message("bob", "加我微信 bob12345", T0 + 4 * MIN);
    expect(h.screen()).not.toContain("拉人、私加联系方式");
    await h.chat.message("boss", "/admin remove @bob", T0 + 5 * MIN);
    expect(lastBotLine(h)).toContain("已撤销 bob 的管理员身份");
    await h.chat.message("bob", "/warn @eve", T0 + 6 * MIN);
    expect(lastBotLine(h)).toContain("只有本群管理员可以使用 /warn");
  });
});

describe("commands: what admins do", () => {
  it("/warn climbs the ladder like a rule; /warns, /unwarn and /resetwarns read and undo it", async () => {
    const h = await started();
    for (let i = 0; i < 3; i++) await h.chat.message("mgr", "/warn @bob 广告", T0 + (i + 1) * MIN);
    expect(h.screen()).toContain("bob，你的消息违反了群规（广告），警告 3/5");
    expect(h.screen()).toContain("bob 已被禁言 1 小时（管理员决定）");
    await h.chat.message("eve", "/warns", T0 + 5 * MIN);
    expect(lastBotLine(h)).toContain("eve 现有警告 0/5");
    await h.chat.message("eve", "/warns @bob", T0 + 6 * MIN);
    expect(lastBotLine(h)).toContain("只有本群管理员可以使用 /warns");
    await h.chat.message("mgr", "/warns @bob", T0 + 7 * MIN);
    expect(lastBotLine(h)).toContain("bob 现有警告 3/5");
    await h.chat.message("mgr", "/unwarn @bob", T0 + 8 * MIN);
    expect(lastBotLine(h)).toContain("现有 2/5");
    expect(activeWarnings(h.bot.database.db, chatRef, "bob", T0 + 8 * MIN)).toHaveLength(2);
    await h.chat.message("mgr", "/resetwarns @bob", T0 + 9 * MIN);
    expect(activeWarnings(h.bot.database.db, chatRef, "bob", T0 + 9 * MIN)).toHaveLength(0);
    expect(h.bot.engine.memory.activeWarnings("console:console", "bob", T0 + 9 * MIN)).toBe(0);
  });

  it("/mute and /unmute act on the platform; /kick, /ban and /unban too", async () => {
    const h = await started();
    await h.chat.message("mgr", "/mute @bob 30m 刷屏", T0 + MIN);
    expect(h.screen()).toContain("bob 已被禁言 30 分钟（刷屏）");
    expect(h.chat.member("bob").mutedUntil).toBe(T0 + 31 * MIN);
    await h.chat.message("mgr", "/unmute @bob", T0 + 2 * MIN);
    expect(h.chat.member("bob").mutedUntil).toBeUndefined();
    expect(activeSanction(h.bot.database.db, chatRef, "bob", "mute", T0 + 3 * MIN)).toBeUndefined();
    await h.chat.message("mgr", "/kick @bob 打广告", T0 + 3 * MIN);
    expect(h.chat.member("bob").present).toBe(false);
    await h.chat.message("mgr", "/ban eve 1d", T0 + 4 * MIN);
    expect(h.screen()).toContain("eve 已被封禁 1 天");
    expect(h.chat.member("eve").bannedUntil).toBe(T0 + 4 * MIN + 86_400_000);
    await h.chat.message("mgr", "/unban eve", T0 + 5 * MIN);
    expect(h.chat.member("eve").bannedUntil).toBeUndefined();
  });

  it("keeps warnings and mutes given by command across a restart, and /unmute lifts the mute after it", async () => {
    const rules = tempRules();
    const db = tempDb();
    const first = harness(rules, db);
    await first.bot.start();
    first.chat.member("mgr", true);
    await first.chat.message("bob", "hi", T0);
    await first.chat.message("mgr", "/warn @bob", T0 + MIN);
    await first.chat.message("mgr", "/mute @bob 2h", T0 + 2 * MIN);
    await first.bot.stop();

    const second = harness(rules, db, { now: T0 + 3 * MIN });
    await second.bot.start();
    second.chat.member("mgr", true);
    second.chat.member("bob");
    const memory = second.bot.engine.memory;
    expect(memory.activeWarnings("console:console", "bob", T0 + 3 * MIN)).toBe(1);
    expect(memory.isMuted("console:console", "bob", T0 + 3 * MIN)).toBe(true);
    await second.chat.message("mgr", "/warn bob", T0 + 4 * MIN);
    expect(second.screen()).toContain("警告 2/5");
    await second.chat.message("mgr", "/unmute bob", T0 + 5 * MIN);
    expect(memory.isMuted("console:console", "bob", T0 + 5 * MIN)).toBe(false);
    expect(activeSanction(second.bot.database.db, chatRef, "bob", "mute", T0 + 5 * MIN)).toBeUndefined();
  });

  it("/dryrun on shadows automatic decisions but not admins' commands; off restores them", async () => {
    const h = await started();
    await h.chat.message("mgr", "/dryrun on", T0 + MIN);
    expect(lastBotLine(h)).toContain("试运行模式");
    await h.chat.message("eve", "百家乐 真人荷官", T0 + 2 * MIN);
    expect(h.screen()).not.toContain("deleted");
    const shadowed = h.logs().filter((l) => l.event === "action" && l.outcome === "shadow");
    expect(shadowed.map((l) => `${l.type}:${l.rule}`)).toEqual(["delete:gambling", "warn:gambling"]);
    await h.chat.message("mgr", "/dryrun off", T0 + 3 * MIN);
    await h.chat.message("eve", "百家乐 真人荷官", T0 + 4 * MIN);
    expect(h.screen()).toContain("deleted");
  });

  it("/rules, /faq, /help answer anyone; /help lists only what the caller may use", async () => {
    const h = await started();
    await h.chat.message("eve", "/rules", T0 + MIN);
    expect(lastBotLine(h)).toContain("群规");
    await h.chat.message("eve", "/faq", T0 + 2 * MIN);
    expect(h.screen()).toContain("营业时间");
    await h.chat.message("eve", "/help", T0 + 3 * MIN);
    const eveHelp = h.screen().split("你可以使用的命令").at(-1)!;
    expect(eveHelp).toContain("/rules");
    expect(eveHelp).not.toContain("/kick");
    await h.chat.message("mgr", "/help", T0 + 4 * MIN);
    expect(h.screen().split("你可以使用的命令").at(-1)).toContain("/kick");
  });

  it("/stats and /audit report from SQLite; every command's action names the acting admin", async () => {
    const h = await started();
    await h.chat.message("eve", "百家乐", T0 + MIN);
    await h.chat.message("eve", "请问几点开门？", T0 + 2 * MIN);
    await h.chat.message("mgr", "/warn @eve", T0 + 3 * MIN);
    await h.chat.message("mgr", "/stats 1", T0 + 4 * MIN);
    const stats = h.screen().split("最近 1 天本群统计").at(-1)!;
    expect(stats).toContain("违规 1");
    expect(stats).toContain("违规规则：赌博 1");
    expect(stats).toContain("自动回答：营业时间 1");
    expect(stats).toMatch(/警告最多：eve 2/);
    await h.chat.message("mgr", "/audit 3", T0 + 5 * MIN);
    expect(h.screen()).toContain("最近的操作");
    const warnLog = h.logs().find((l) => l.event === "action" && l.type === "warn" && l.command === "warn");
    expect(warnLog).toMatchObject({ by: "mgr", user: "eve", outcome: "done" });
    const audit = recentAudit(h.bot.database.db, chatRef, 20).find(
      (r) => r.command === "warn" && r.action === "warn",
    );
    expect(audit?.detail).toContain("by mgr");
  });

  it("/reload reports errors with positions and keeps the last good rules", async () => {
    const rules = tempRules();
    const h = harness(rules, tempDb());
    await h.bot.start();
    h.chat.member("mgr", true);
    const { appendFileSync } = await import("node:fs");
    appendFileSync(
      `${rules}/moderation.yaml`,
      '\n  - id: broken\n    match: { regex: "(a+)+$" }\n    actions: [delete]\n',
    );
    await h.chat.message("mgr", "/reload", T0 + MIN);
    expect(h.screen()).toMatch(
      /规则有错误，仍使用上一版规则：\n\s+.*moderation\.yaml:\d+:\d+ regular expression/,
    );
    await h.chat.message("eve", "百家乐", T0 + 2 * MIN);
    expect(h.screen()).toContain("警告 1/5");
  });
});

describe("commands: bad input", () => {
  it.each([
    ["/mute @bob", "用法：/mute <时长>"],
    ["/mute @bob soon", "时长格式不对：soon"],
    ["/mute @bob 0s", "时长格式不对：0s"],
    ["/mute @bob 30", "时长格式不对：30"],
    ["/mute @bob 400d", "时长格式不对：400d"],
    ["/ban @bob 0d", "时长格式不对：0d"],
    ["/ban @bob 2x", "bob 已被封禁（2x）"],
    ["/warn", "用法：/warn"],
    ["/warn @nobody", "在本群找不到成员 nobody"],
    ["/warn nobody", "在本群找不到成员 nobody"],
    ["/dryrun maybe", "用法：/dryrun on|off"],
    ["/stats 0", "用法：/stats"],
    ["/stats lots", "用法：/stats"],
    ["/audit 500", "用法：/audit"],
    ["/admin promote @bob", "只有本群管理员可以使用 /admin"],
    ["/warn @mgr", "不能对自己使用这个命令"],
    ["/frobnicate", "没有 /frobnicate 这个命令"],
  ])("%s → %s", async (command, answer) => {
    const h = await started();
    await h.chat.message("mgr", command, T0 + MIN);
    expect(lastBotLine(h)).toContain(answer);
    expect(activeWarnings(h.bot.database.db, chatRef, "bob", T0 + MIN)).toHaveLength(0);
  });

  it("escapes names: a member cannot inject placeholders, line breaks or @-mentions into the bot's words", async () => {
    const h = await started();
    h.chat.member("{count}\n@all", false);
    await h.chat.message("{count}\n@all", "百家乐", T0 + MIN);
    const warnLine = h
      .screen()
      .split("\n")
      .find((l) => l.includes("你的消息违反了群规"))!;
    expect(warnLine).toContain("{count}＠all，你的消息违反了群规（赌博），警告 1/5");
  });
});

describe("commands: the bot's words", () => {
  it("come from templates the rule files can override, per locale", async () => {
    const rules = tempRules();
    const { writeFileSync } = await import("node:fs");
    writeFileSync(
      `${rules}/templates.yaml`,
      'templates:\n  zh-CN:\n    warn: "【提醒】{name} 第 {count} 次违规（{reason}），满 {max} 次将被移出。"\n    refused: "请联系店长。"\n',
    );
    const h = harness(rules, tempDb());
    await h.bot.start();
    h.chat.member("mgr", true);
    await h.chat.message("bob", "百家乐", T0);
    expect(h.screen()).toContain("【提醒】bob 第 1 次违规（赌博），满 5 次将被移出。");
    await h.chat.message("bob", "/kick @mgr", T0 + MIN);
    expect(h.screen()).toContain("请联系店长。");
  });

  it("speak English in an English category", async () => {
    const rules = tempRules();
    const { readFileSync, writeFileSync } = await import("node:fs");
    const file = `${rules}/categories.yaml`;
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        "name: 香满楼优惠群\n    locale: zh-CN",
        "name: Deals\n    locale: en",
      ),
    );
    const h = harness(rules, tempDb());
    await h.bot.start();
    await h.chat.message("bob", "百家乐", T0);
    expect(h.screen()).toContain("bob, your message breaks the group rules (赌博): warning 1/5.");
    await h.chat.message("bob", "/help", T0 + MIN);
    expect(h.screen()).toContain("Commands you can use:");
  });
});
