/**
 * After a busy run through the real Telegram adapter (members posting phone and ID numbers in every
 * spelling, names and command reasons carrying them, admins acting, the Bot API failing), the logs
 * at debug level and every byte of the SQLite files (database, WAL) are scanned for the bot token
 * and for each phone and ID number sent: none may appear in clear.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, it } from "vitest";
import { Bot } from "../../src/app/bot.js";
import { createLogger } from "../../src/log/logger.js";
import { capture, tempDb, tempRules } from "../helpers/bot.js";
import { adapterFor, FakeTelegram, type TgUser } from "../helpers/fake-telegram.js";

/** An 18-digit Chinese ID number with its ISO 7064 check character. */
function idNumber(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body17 + "10X98765432"[sum % 11]!;
}

const PHONES = ["13812345678", "13987654321", "15011112222", "18655556666", "17733334444", "19912340000"];
const IDS = [idNumber("11010519491231002"), idNumber("44030619900101123"), idNumber("31011519851212456")];

/** The same number as members really type it. */
const spaced = (n: string) => `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
const dashed = (n: string) => `+86-${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`;
const fullWidth = (n: string) => n.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

it("leaves no token, phone number or ID number in clear in the logs or the database", async () => {
  const fake = await FakeTelegram.start();
  const group = { id: -1001234500000, title: "香满楼优惠群" };
  const owner: TgUser = { id: 100, is_bot: false, first_name: "王老板" };
  const leaker: TgUser = { id: 201, is_bot: false, first_name: `李四${PHONES[5]}`, username: "lisi" };
  const other: TgUser = { id: 202, is_bot: false, first_name: "Alice", username: "alice" };
  fake.setMember(group.id, owner, "creator");
  fake.botIsAdmin(group.id);
  const log = capture();
  const logger = createLogger({ level: "debug", destination: log.stream });
  const databasePath = tempDb();
  const bot = new Bot({
    rulesDir: tempRules(),
    databasePath,
    logger,
    adapters: [adapterFor(fake, logger)],
    watchRules: false,
  });
  await bot.start();
  try {
    const texts = [
      `我的电话 ${PHONES[0]} 有事打我`,
      `订位请联系 ${spaced(PHONES[1]!)}`,
      `call me ${dashed(PHONES[2]!)}`,
      `手机${fullWidth(PHONES[3]!)}`,
      `身份证 ${IDS[0]} 帮我查一下订单`,
      `我老婆的身份证号是${IDS[1]}`,
      "请问几点开门？",
    ];
    // The Bot API drops a connection and rate-limits once: errors get logged too.
    fake.fail("sendMessage", { kind: "network" }, { kind: "429", retryAfter: 1 });
    for (const text of texts) fake.message(group, other, text);
    fake.message(group, leaker, `加我 V 信 ${PHONES[4]}，${IDS[2]}`);
    const leakerMessage = fake.updates.at(-1)!.message as { message_id: number };
    fake.message(group, owner, `/warn 他发了电话 ${PHONES[4]}`, {
      reply_to_message: {
        message_id: leakerMessage.message_id,
        date: 1,
        chat: { id: group.id },
        from: leaker,
      },
    });
    fake.message(group, owner, `/mute 1h 身份证${IDS[2]}`, {
      reply_to_message: {
        message_id: leakerMessage.message_id,
        date: 1,
        chat: { id: group.id },
        from: leaker,
      },
    });
    fake.message(group, owner, "/audit 20");
    await expect
      .poll(() => fake.sent(group.id).some((t) => t.includes("最近的操作")), { timeout: 15_000 })
      .toBe(true);
    // Each privacy message was removed: the run did what it should, not merely stayed quiet.
    expect(fake.callsOf("deleteMessage").length).toBeGreaterThanOrEqual(6);
    expect(fake.callsOf("restrictChatMember")).toHaveLength(1);
  } finally {
    await bot.stop();
    await fake.stop();
  }
  const dir = dirname(databasePath);
  const files = readdirSync(dir).map((f) => join(dir, f));
  const stored = files.map((f) => readFileSync(f).toString("latin1")).join("\n");
  const logs = log.text();
  expect(logs.length).toBeGreaterThan(1000);
  expect(stored.length).toBeGreaterThan(1000);
  // What the bot said back into the chat may not carry them either (the audit list shows texts).
  const said = fake.sent().join("\n");
  for (const [where, text] of [
    ["logs", logs],
    ["database files", stored],
    ["bot's messages", said],
  ] as const) {
    expect(text.includes(fake.token), `token in ${where}`).toBe(false);
    expect(text.includes(fake.token.split(":")[1]!), `token secret in ${where}`).toBe(false);
    for (const secret of [...PHONES, ...IDS]) {
      expect(text.includes(secret), `${secret} in ${where}`).toBe(false);
      expect(text.includes(spaced(secret)), `${spaced(secret)} in ${where}`).toBe(false);
      // Also the middle digits alone: a partly masked number must not keep enough to rebuild it.
      expect(text.includes(secret.slice(3, 11)), `${secret.slice(3, 11)} of ${secret} in ${where}`).toBe(
        false,
      );
    }
  }
});
