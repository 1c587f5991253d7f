/**
 * Learning from admins end to end on Telegram (issue 16): the real grammY adapter against the
 * loopback Bot API, the real Bot with the default rule pack copied to a temp dir and a SQLite temp
 * file. An admin's /spam in one group teaches every group of the merchant; /why explains a
 * decision; /notspam undoes one and teaches the text is ordinary; members can report, not teach;
 * what was learned survives a restart.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Bot } from "../../src/app/bot.js";
import { auditForMessage, loadSamples, sampleCounts } from "../../src/db/mod.js";
import { createLogger } from "../../src/log/logger.js";
import { capture, tempDb, tempRules } from "../helpers/bot.js";
import { adapterFor, BOT_USER, FakeTelegram, type TgUser } from "../helpers/fake-telegram.js";

const GROUP1 = { id: -1001000000001, title: "香满楼优惠群1" };
const GROUP2 = { id: -1001000000002, title: "香满楼优惠群2" };
const ADMIN: TgUser = { id: 100, is_bot: false, first_name: "王店长", username: "manager_wang" };
const MEMBER_A: TgUser = { id: 201, is_bot: false, first_name: "阿强", username: "aqiang" };
const MEMBER_B: TgUser = { id: 202, is_bot: false, first_name: "阿美", username: "amei" };
const MEMBER_C: TgUser = { id: 203, is_bot: false, first_name: "阿花", username: "ahua" };
const MEMBER_D: TgUser = { id: 204, is_bot: false, first_name: "阿明", username: "aming" };
const MEMBER_E: TgUser = { id: 205, is_bot: false, first_name: "阿丽", username: "ali" };
const MEMBER_F: TgUser = { id: 206, is_bot: false, first_name: "阿东", username: "adong" };

/** Spam no rule of the default pack knows: only an admin's /spam can teach it. */
const UNKNOWN_SPAM = "兄弟们这个软件每天签到领38块，我已经提现三次了，应用商店搜快乐星球";
const VARIANTS = [
  "姐妹们这个软件每天签到领50块，我已经提现两次了，应用商店搜快乐星球！",
  "这个软件每天签到领38块 我已经提现三次了 应用商店搜 快乐星球 真的",
  "兄弟们这个软件每天签到领88块，我已经提现五次了，应用商店搜索快乐星球",
];

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop().catch(() => {});
});

interface Rig {
  fake: FakeTelegram;
  bot: Bot;
  logs: () => Record<string, unknown>[];
  rulesDir: string;
  databasePath: string;
}

// Several new members post the same spam in one group: without the raid section, so learning is what is tested.
async function rig(
  rulesDir = tempRules({ without: ["raid.yaml"] }),
  databasePath = tempDb(),
  firstMessageId = 1000,
): Promise<Rig> {
  const fake = await FakeTelegram.start();
  // Telegram never reuses a message id in a chat; a second fake after a restart must not either, or
  // the bot rightly takes its messages for ones it handled before the restart.
  (fake as unknown as { nextMessageId: number }).nextMessageId = firstMessageId;
  cleanup.push(() => fake.stop());
  for (const group of [GROUP1, GROUP2]) {
    fake.botIsAdmin(group.id);
    fake.setMember(group.id, ADMIN, "administrator", {});
  }
  const log = capture();
  const logger = createLogger({ destination: log.stream });
  const bot = new Bot({
    rulesDir,
    databasePath,
    logger,
    adapters: [adapterFor(fake, logger)],
    watchRules: false,
  });
  cleanup.push(() => bot.stop());
  await bot.start();
  return { fake, bot, logs: log.json, rulesDir, databasePath };
}

function until(check: () => boolean, timeout = 8000) {
  return expect.poll(check, { timeout, interval: 20 }).toBe(true);
}

/** Posts a group message and returns its message id. */
function post(
  fake: FakeTelegram,
  group: { id: number; title: string },
  from: TgUser,
  text: string,
  extra: Record<string, unknown> = {},
): number {
  const updateId = fake.message(group, from, text, extra);
  const update = fake.updates.find((u) => u.update_id === updateId)!;
  return (update.message as { message_id: number }).message_id;
}

function replyingTo(group: { id: number }, messageId: number, from: TgUser) {
  return {
    reply_to_message: { message_id: messageId, date: 1, chat: { id: group.id, type: "supergroup" }, from },
  };
}

const chatKey = (group: { id: number }) => `telegram:${group.id}`;
const dbChat = (group: { id: number }) => ({ platform: "telegram" as const, chatId: String(group.id) });

/** The message ids the bot deleted in a group. */
function deleted(fake: FakeTelegram, group: { id: number }): number[] {
  return fake
    .callsOf("deleteMessage")
    .filter((c) => Number(c.params.chat_id) === group.id)
    .map((c) => Number(c.params.message_id));
}

/** The message id of the bot's warning notice naming `who` in a group. */
function warningNotice(fake: FakeTelegram, group: { id: number }, who: TgUser): number {
  const call = fake
    .callsOf("sendMessage")
    .find(
      (c) =>
        Number(c.params.chat_id) === group.id &&
        String(c.params.text).includes(`${who.first_name}，你的消息违反了群规`),
    );
  return (call!.result as { message_id: number }).message_id;
}

/** Waits until the bot has read a member's message (it learns the member first) and shows it took no action. */
async function passes(
  r: Rig,
  group: { id: number; title: string },
  who: TgUser,
  messageId: number,
): Promise<void> {
  await until(() => r.bot.engine.memory.known(chatKey(group), String(who.id)) !== undefined);
  // Anything after the member's message in the same chat is handled after it: a probe's answer settles it.
  const answers = r.fake.sent(group.id).length;
  post(r.fake, group, ADMIN, "/warns");
  await until(() => r.fake.sent(group.id).length > answers);
  expect(deleted(r.fake, group)).not.toContain(messageId);
  expect(r.fake.sent(group.id).some((t) => t.includes(`${who.first_name}，你的消息违反了群规`))).toBe(false);
}

/** Teaches the unknown spam through an admin's /spam in group 1; returns the spam's message id. */
async function teachUnknownSpam(r: Rig): Promise<number> {
  const { fake } = r;
  const spamId = post(fake, GROUP1, MEMBER_A, UNKNOWN_SPAM);
  await passes(r, GROUP1, MEMBER_A, spamId);
  post(fake, GROUP1, ADMIN, "/spam", replyingTo(GROUP1, spamId, MEMBER_A));
  await until(() => deleted(fake, GROUP1).includes(spamId));
  await until(() =>
    fake.sent(GROUP1.id).some((t) => t.includes("阿强，你的消息违反了群规（广告），警告 1/5")),
  );
  await until(() => fake.sent(GROUP1.id).some((t) => t.includes("🧹 已删除并记住这条垃圾消息（广告）")));
  return spamId;
}

/** A variant from `who` in group 2: deleted, warned, audited as learned-spam. */
async function caughtInGroup2(r: Rig, who: TgUser, text: string): Promise<number> {
  const id = post(r.fake, GROUP2, who, text);
  await until(() => deleted(r.fake, GROUP2).includes(id));
  await until(() => r.fake.sent(GROUP2.id).some((t) => t.includes(`${who.first_name}，你的消息违反了群规`)));
  await until(() => auditForMessage(r.bot.database.db, dbChat(GROUP2), String(id)).length >= 2);
  const rows = auditForMessage(r.bot.database.db, dbChat(GROUP2), String(id));
  expect(rows.map((row) => [row.action, row.rule])).toEqual([
    ["delete", "learned-spam"],
    ["warn", "learned-spam"],
  ]);
  return id;
}

describe("learning from admins on Telegram", () => {
  it("/spam in one group catches variants in another; /why explains; /notspam undoes and teaches ordinary", async () => {
    const r = await rig();
    const { fake, bot } = r;
    await teachUnknownSpam(r);
    expect(sampleCounts(bot.database.db, bot.learning.merchant)).toEqual({ spam: 1, ham: 0 });

    const onB = await caughtInGroup2(r, MEMBER_B, VARIANTS[0]!);
    await caughtInGroup2(r, MEMBER_C, VARIANTS[1]!);
    await caughtInGroup2(r, MEMBER_D, VARIANTS[2]!);

    // /why on the bot's warning to B: the learned signal and the sample, in the group's language.
    const noticeOnB = warningNotice(fake, GROUP2, MEMBER_B);
    post(fake, GROUP2, ADMIN, "/why", replyingTo(GROUP2, noticeOnB, BOT_USER));
    await until(() => fake.sent(GROUP2.id).some((t) => t.includes("和管理员标记过的垃圾消息相同或相近")));
    const why = fake.sent(GROUP2.id).find((t) => t.includes("和管理员标记过的垃圾消息相同或相近"))!;
    expect(why).toMatch(/^#\d+ 管理员标记过的垃圾消息：/);
    expect(why).toMatch(/和管理员标记过的第 1 条样本相近（\d+%）/);

    // /notspam on the same notice: B's warning goes, the sample that caught it is forgotten.
    post(fake, GROUP2, ADMIN, "/notspam", replyingTo(GROUP2, noticeOnB, BOT_USER));
    await until(() => fake.sent(GROUP2.id).some((t) => t.includes("↩️ 已撤销对 阿美 的处理")));
    expect(fake.sent(GROUP2.id).at(-1)).toMatch(/（被删除的消息无法恢复，撤销警告），并记住这类消息是正常的/);
    post(fake, GROUP2, ADMIN, "/warns", replyingTo(GROUP2, onB, MEMBER_B));
    await until(() => fake.sent(GROUP2.id).some((t) => t.includes("阿美 现有警告 0/5")));
    const samples = loadSamples(bot.database.db, bot.learning.merchant);
    expect(samples.map((s) => s.label)).toEqual(["ham"]);
    expect(samples[0]!.text).toBe(VARIANTS[0]);

    // The same text from someone else is ordinary now.
    const again = post(fake, GROUP2, MEMBER_E, VARIANTS[0]!);
    await passes(r, GROUP2, MEMBER_E, again);

    // A second /notspam on the same notice undoes nothing more.
    const before = fake.sent(GROUP2.id).length;
    post(fake, GROUP2, ADMIN, "/notspam", replyingTo(GROUP2, noticeOnB, BOT_USER));
    await until(() => fake.sent(GROUP2.id).length > before);
    expect(fake.sent(GROUP2.id).at(-1)).toContain("找不到机器人对这条消息的处理");
    expect(sampleCounts(bot.database.db, bot.learning.merchant)).toEqual({ spam: 0, ham: 1 });
    expect(bot.engine.warnings(chatKey(GROUP2), "promo", String(MEMBER_B.id), Date.now()).count).toBe(0);
  });

  it("a member's /spam is refused and teaches nothing; a member's /report tells the admins once", async () => {
    const r = await rig();
    const { fake, bot, logs } = r;
    const spamId = post(fake, GROUP1, MEMBER_A, UNKNOWN_SPAM);
    await passes(r, GROUP1, MEMBER_A, spamId);
    post(fake, GROUP1, MEMBER_B, "/spam", replyingTo(GROUP1, spamId, MEMBER_A));
    await until(() => fake.sent(GROUP1.id).some((t) => t.includes("只有本群管理员可以使用 /spam")));
    expect(sampleCounts(bot.database.db, bot.learning.merchant)).toEqual({ spam: 0, ham: 0 });
    const later = post(fake, GROUP2, MEMBER_C, UNKNOWN_SPAM);
    await passes(r, GROUP2, MEMBER_C, later);

    post(fake, GROUP1, MEMBER_B, "/report", replyingTo(GROUP1, spamId, MEMBER_A));
    await until(() => fake.sent(GROUP1.id).some((t) => t.includes("🙏 已通知管理员")));
    await until(() => logs().some((l) => l.event === "notify"));
    // Another member reporting the same message: it reached the admins already, nothing more is said.
    post(fake, GROUP1, MEMBER_D, "/report", replyingTo(GROUP1, spamId, MEMBER_A));
    const probe = post(fake, GROUP1, MEMBER_F, "今天的菜真好吃");
    await passes(r, GROUP1, MEMBER_F, probe);
    expect(fake.sent(GROUP1.id).filter((t) => t.includes("🙏 已通知管理员"))).toHaveLength(1);
    expect(logs().filter((l) => l.event === "notify")).toHaveLength(1);
    const notify = logs().find((l) => l.event === "notify")!;
    expect(String(notify.msg)).toContain("阿美 举报了 阿强 的消息");
    expect(sampleCounts(bot.database.db, bot.learning.merchant)).toEqual({ spam: 0, ham: 0 });
  });

  it("an admin's mistaken /spam, undone by /notspam on its warning, is unlearned", async () => {
    const r = await rig();
    const { fake, bot } = r;
    await teachUnknownSpam(r);
    const notice = warningNotice(fake, GROUP1, MEMBER_A);
    post(fake, GROUP1, ADMIN, "/notspam", replyingTo(GROUP1, notice, BOT_USER));
    await until(() => fake.sent(GROUP1.id).some((t) => t.includes("↩️ 已撤销对 阿强 的处理")));
    expect(loadSamples(bot.database.db, bot.learning.merchant).map((s) => [s.label, s.text])).toEqual([
      ["ham", UNKNOWN_SPAM],
    ]);
    const again = post(fake, GROUP2, MEMBER_B, UNKNOWN_SPAM);
    await passes(r, GROUP2, MEMBER_B, again);
    const variant = post(fake, GROUP2, MEMBER_C, VARIANTS[0]!);
    await passes(r, GROUP2, MEMBER_C, variant);
  });

  it("keeps what it learned across a restart on the same database", async () => {
    const first = await rig();
    await teachUnknownSpam(first);
    await first.bot.stop();
    await first.fake.stop();

    const second = await rig(first.rulesDir, first.databasePath, 5000);
    await caughtInGroup2(second, MEMBER_C, VARIANTS[1]!);
  });

  it("a /notspam repeated after a restart undoes nothing more (not a later, rightful warning)", async () => {
    const first = await rig();
    post(first.fake, GROUP2, MEMBER_B, "兼职日结，加 V 信 abc12345");
    await until(() =>
      first.fake
        .sent(GROUP2.id)
        .some((t) => t.includes("阿美，你的消息违反了群规（拉人、私加联系方式），警告 1/5")),
    );
    const notice = warningNotice(first.fake, GROUP2, MEMBER_B);
    post(first.fake, GROUP2, ADMIN, "/notspam", replyingTo(GROUP2, notice, BOT_USER));
    await until(() => first.fake.sent(GROUP2.id).some((t) => t.includes("↩️ 已撤销对 阿美 的处理")));
    post(first.fake, GROUP2, MEMBER_B, "百家乐 首充送");
    await until(() =>
      first.fake.sent(GROUP2.id).some((t) => t.includes("阿美，你的消息违反了群规（赌博），警告 1/5")),
    );
    await first.bot.stop();
    await first.fake.stop();

    const second = await rig(first.rulesDir, first.databasePath, 5000);
    post(second.fake, GROUP2, ADMIN, "/notspam", replyingTo(GROUP2, notice, BOT_USER));
    await until(() => second.fake.sent(GROUP2.id).length > 0);
    expect(second.fake.sent(GROUP2.id)[0]).toContain("找不到机器人对这条消息的处理");
    post(second.fake, GROUP2, ADMIN, "/warns", replyingTo(GROUP2, notice, MEMBER_B));
    await until(() => second.fake.sent(GROUP2.id).some((t) => t.includes("阿美 现有警告 1/5")));
  });
});
