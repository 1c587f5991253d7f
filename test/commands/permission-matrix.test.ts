/**
 * Every admin command × every kind of caller, through the real Telegram adapter (grammY over HTTP to
 * the loopback Bot API) and the real bot. Each pair runs in a group of its own, so refusals are never
 * silenced by the once-a-minute limit, and the state a command can change (warnings, sanctions, bot
 * admins, dry-run, promo pauses, deliveries) is compared before and after: a refused command changes
 * nothing, in SQLite or on the platform.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot } from "../../src/app/bot.js";
import { createLogger } from "../../src/log/logger.js";
import { tempDb, tempRules } from "../helpers/bot.js";
import { adapterFor, BOT_USER, FakeTelegram, type TgUser } from "../helpers/fake-telegram.js";
import { type CallerKind, COMMANDS, commandState, refusalOf } from "./permission-cases.js";

const user = (id: number, name: string, isBot = false): TgUser => ({
  id,
  is_bot: isBot,
  first_name: name,
  username: `${name.toLowerCase()}_${id}`,
});

const CALLERS: Record<CallerKind, TgUser> = {
  member: user(501, "Member"),
  "admin of another group": user(502, "Elsewhere"),
  "platform admin": user(503, "GroupAdmin"),
  "bot admin": user(504, "Appointed"),
  owner: user(100, "Owner"),
  "the bot itself": BOT_USER,
  "another bot": user(505, "SpamBot", true),
};
const TARGET = user(600, "Target");
const ELSEWHERE_GROUP = -1009999999999;

const MODERATION_CALLS = ["restrictChatMember", "banChatMember", "unbanChatMember", "deleteMessage"];

let fake: FakeTelegram;
let bot: Bot;

beforeAll(async () => {
  fake = await FakeTelegram.start();
  const rules = tempRules();
  writeFileSync(
    join(rules, "admins.yaml"),
    [
      "admins:",
      "  owners:",
      `    - { platform: telegram, id: "${CALLERS.owner.id}", name: 老板 }`,
      "  categories:",
      "    promo:",
      `      - { platform: telegram, id: "${CALLERS["bot admin"].id}", name: 小李 }`,
      "  appoint: owners",
      "",
    ].join("\n"),
  );
  const logger = createLogger({ destination: new PassThrough() });
  bot = new Bot({
    rulesDir: rules,
    databasePath: tempDb(),
    logger,
    adapters: [adapterFor(fake, logger)],
    watchRules: false,
  });
  fake.setMember(ELSEWHERE_GROUP, CALLERS["admin of another group"], "administrator");
  await bot.start();
});

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const sentTo = (chat: number) =>
  fake.callsOf("sendMessage").filter((c) => Number(c.params.chat_id) === chat && c.answer === "ok");
const moderationIn = (chat: number) =>
  fake.calls.filter((c) => MODERATION_CALLS.includes(c.method) && Number(c.params.chat_id) === chat);

async function until(check: () => boolean): Promise<void> {
  await expect.poll(check, { timeout: 8000, interval: 10 }).toBe(true);
}

let groups = 0;

/** A fresh group where the target has spoken and the caller is what their kind says. */
async function freshGroup(kind: CallerKind): Promise<{ id: number; title: string; targetMessage: number }> {
  const group = { id: -1008000000000 - groups++, title: `香满楼优惠群${groups}` };
  fake.botIsAdmin(group.id);
  if (kind === "platform admin") fake.setMember(group.id, CALLERS[kind], "administrator");
  // The target speaks, and the bot answers nothing to 你好: wait for /rules to know it is processed.
  fake.message(group, TARGET, "你好");
  const targetMessage = fake.updates.at(-1)!.message as { message_id: number };
  fake.message(group, TARGET, "/rules");
  await until(() => sentTo(group.id).length === 1);
  return { ...group, targetMessage: targetMessage.message_id };
}

describe("permission matrix on Telegram: every admin command × every kind of caller", () => {
  const pairs = COMMANDS.flatMap((c) =>
    (Object.keys(CALLERS) as CallerKind[]).map((kind) => [c.text, kind, c.allowed.includes(kind)] as const),
  );

  it.each(pairs)("%s by %s: allowed=%s", async (text, kind, allowed) => {
    const group = await freshGroup(kind);
    const before = commandState(bot);
    const sentBefore = sentTo(group.id).length;
    const reply_to_message = {
      message_id: group.targetMessage,
      date: 1,
      chat: { id: group.id, type: "supergroup" },
      from: TARGET,
    };
    fake.message(group, CALLERS[kind], text.replace("{target}", String(TARGET.id)), { reply_to_message });
    const refusal = refusalOf(text);
    if (kind === "the bot itself") {
      // Ignored outright: a later message from a member is answered, and nothing came before it.
      fake.message(group, TARGET, "/rules");
      await until(() => sentTo(group.id).length === sentBefore + 1);
      expect(String(sentTo(group.id).at(-1)!.params.text)).not.toContain(refusal);
      expect(moderationIn(group.id)).toEqual([]);
      expect(commandState(bot)).toBe(before);
      return;
    }
    await until(() => sentTo(group.id).length > sentBefore);
    const answer = String(sentTo(group.id)[sentBefore]!.params.text);
    if (allowed) {
      expect(answer).not.toContain(refusal);
      return;
    }
    expect(answer).toContain(refusal);
    expect(moderationIn(group.id)).toEqual([]);
    expect(commandState(bot)).toBe(before);
  });

  it("allowed commands really act: a platform admin's /mute restricts the member, a bot admin's /warn is stored", async () => {
    const a = await freshGroup("platform admin");
    const reply = (g: typeof a) => ({
      reply_to_message: {
        message_id: g.targetMessage,
        date: 1,
        chat: { id: g.id, type: "supergroup" },
        from: TARGET,
      },
    });
    fake.message(a, CALLERS["platform admin"], "/mute 1h", reply(a));
    await until(() => moderationIn(a.id).some((c) => c.method === "restrictChatMember"));
    const b = await freshGroup("bot admin");
    fake.message(b, CALLERS["bot admin"], "/warn 刷屏", reply(b));
    const warnings = () =>
      (
        bot.database.sqlite
          .prepare("SELECT count(*) AS n FROM warnings WHERE chat_id = ?")
          .get(String(b.id)) as {
          n: number;
        }
      ).n;
    await until(() => warnings() === 1);
  });
});
