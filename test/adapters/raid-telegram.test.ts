/**
 * A raid through the real Telegram adapter and Bot against the loopback Bot API: fifty fresh
 * accounts, each posting a caught ad (and, in the second case, all joining first). Raid mode
 * must keep the group's screen nearly clean of the bot's own messages (one summary, no notice per
 * raider), ban every raider and delete every ad, while an established customer who slips is still
 * only warned.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Bot } from "../../src/app/bot.js";
import { createLogger } from "../../src/log/logger.js";
import { capture, tempDb, tempRules } from "../helpers/bot.js";
import { adapterFor, FakeTelegram, type TgUser } from "../helpers/fake-telegram.js";

const GROUP = { id: -1002222222222, title: "香满楼优惠群" };
const OWNER: TgUser = { id: 100, is_bot: false, first_name: "王老板", username: "boss_wang" };
const RAIDERS: TgUser[] = Array.from({ length: 50 }, (_, i) => ({
  id: 50_000 + i,
  is_bot: false,
  first_name: `用户${i}`,
}));

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop().catch(() => {});
});

async function setup(throttle = false) {
  const fake = await FakeTelegram.start();
  cleanup.push(() => fake.stop());
  fake.setMember(GROUP.id, OWNER, "creator");
  fake.botIsAdmin(GROUP.id);
  const log = capture();
  const bot = new Bot({
    rulesDir: tempRules(),
    databasePath: tempDb(),
    logger: createLogger({ destination: log.stream }),
    adapters: [adapterFor(fake, createLogger({ destination: log.stream }), { throttle })],
    watchRules: false,
  });
  cleanup.push(() => bot.stop());
  await bot.start();
  return { fake, logs: log.json };
}

function until(check: () => boolean, timeout = 30_000) {
  return expect.poll(check, { timeout, interval: 50 }).toBe(true);
}

const join = (fake: FakeTelegram, user: TgUser) =>
  fake.push({
    message: {
      message_id: 90_000 + user.id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: GROUP.id, type: "supergroup", title: GROUP.title },
      from: user,
      new_chat_members: [user],
    },
  });

const banned = (fake: FakeTelegram) =>
  new Set(fake.callsOf("banChatMember").map((c) => Number(c.params.user_id)));

describe("raid mode on Telegram", () => {
  it("fifty new accounts posting ads, Telegram's posting limits on: every ad deleted, every raider banned, one summary", async () => {
    const { fake } = await setup(true);
    for (const [i, raider] of RAIDERS.entries())
      fake.message(GROUP, raider, `加我微信 abc${1000 + i} 领红包，进群有福利`);
    await until(
      () => banned(fake).size + 2 >= RAIDERS.length && fake.callsOf("deleteMessage").length >= RAIDERS.length,
    );
    // The first two are warned (raid mode is not on yet); from the third, banned without a notice.
    expect(banned(fake).size).toBeGreaterThanOrEqual(RAIDERS.length - 2);
    const texts = fake.sent(GROUP.id);
    expect(texts.filter((t) => t.includes("🛡️"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("警告"))).toHaveLength(2);
    expect(texts.length).toBeLessThanOrEqual(5);
  });

  it("fifty joins first: welcomes stop at the burst, the ads that follow are deleted and their senders banned", async () => {
    const { fake } = await setup();
    for (const raider of RAIDERS) join(fake, raider);
    for (const [i, raider] of RAIDERS.entries()) fake.message(GROUP, raider, `兼职日结，加V信 job${200 + i}`);
    await until(
      () => banned(fake).size >= RAIDERS.length && fake.callsOf("deleteMessage").length >= RAIDERS.length,
    );
    const texts = fake.sent(GROUP.id);
    // Four welcomes before the fifth join starts raid mode, then the summary, then nothing.
    expect(texts.filter((t) => t.includes("欢迎来到"))).toHaveLength(4);
    expect(texts.filter((t) => t.includes("🛡️"))).toHaveLength(1);
    expect(texts.length).toBeLessThanOrEqual(5);
  });

  it("with Telegram's posting limits on (1 a second, 20 a minute per group), joins first: every ad deleted, every raider banned", async () => {
    const { fake } = await setup(true);
    for (const raider of RAIDERS) join(fake, raider);
    for (const [i, raider] of RAIDERS.entries()) fake.message(GROUP, raider, `兼职日结，加V信 job${300 + i}`);
    // Deletes and bans are not held back by the posting limits, and in raid mode there are almost
    // no posts to wait behind (how fast: the test's own duration; no timing is asserted here).
    await until(() => fake.callsOf("deleteMessage").length >= RAIDERS.length, 30_000);
    expect(banned(fake).size).toBe(RAIDERS.length);
    expect(fake.sent(GROUP.id).length).toBeLessThanOrEqual(5);
  });
});
