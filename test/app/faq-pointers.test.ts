/**
 * FAQ pointers on Telegram, through the real grammY adapter talking HTTP to the loopback Bot API:
 * within an answer's cooldown, a second member asking gets a brief line sent as a reply to the
 * bot's earlier answer (Telegram shows it quoted, one tap away), mentioning nobody else; the member
 * already answered asking again gets nothing.
 */
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram, type TgUser } from "../helpers/fake-telegram.js";
import { startTelegramBot } from "../helpers/telegram-bot.js";

const GROUP = { id: -1002222222222, title: "香满楼优惠群" };
const ALICE: TgUser = { id: 201, is_bot: false, first_name: "Alice" };
const BOB: TgUser = { id: 202, is_bot: false, first_name: "Bob" };

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop().catch(() => {});
});

describe("FAQ pointers on Telegram", () => {
  it("a second member within the cooldown gets a reply to the earlier answer; the first member's repeat is ignored", async () => {
    const fake = await FakeTelegram.start();
    cleanup.push(() => fake.stop());
    fake.botIsAdmin(GROUP.id);
    const bot = await startTelegramBot(fake);
    cleanup.push(() => bot.stop());
    const sends = () => fake.callsOf("sendMessage").filter((c) => c.answer === "ok");

    fake.message(GROUP, ALICE, "请问几点开门？");
    await expect.poll(() => sends().length, { timeout: 8000 }).toBe(1);
    const answer = sends()[0]!;
    expect(String(answer.params.text)).toContain("10:30");
    const answerId = (answer.result as { message_id: number }).message_id;

    fake.message(GROUP, BOB, "你们几点开门啊");
    await expect.poll(() => sends().length, { timeout: 8000 }).toBe(2);
    const pointer = sends()[1]!;
    expect(pointer.params.text).toBe("👆 Bob，这个问题刚刚回答过，请看上方的回答。");
    expect(pointer.params.reply_parameters).toMatchObject({ message_id: answerId });

    // Alice and Bob asking again, then an unrelated line that must be the next thing the bot answers.
    fake.message(GROUP, ALICE, "几点开门？");
    fake.message(GROUP, BOB, "几点开门？？");
    fake.message(GROUP, ALICE, "Do you have parking?");
    await expect.poll(() => sends().length, { timeout: 8000 }).toBe(3);
    expect(String(sends()[2]!.params.text)).toContain("B2");
  });
});
