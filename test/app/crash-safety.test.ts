/**
 * Crash safety with real processes: `qunguan start` (Telegram through the loopback Bot API, SQLite
 * file, real redis-server) is killed with SIGKILL at a random moment of a busy burst, 20 times,
 * and started again each time. After each kill the SQLite file passes `PRAGMA integrity_check`,
 * and every warning and mute the chat saw (a notice sent, a restriction made) is in the database.
 * At the end, every mute the chat saw has been lifted on the platform: by its delayed job, or at
 * start from SQLite when the process died before Redis heard of it.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tempDb, tempRules } from "../helpers/bot.js";
import { FakeTelegram, type RecordedCall, type TgUser } from "../helpers/fake-telegram.js";
import { type QunguanProcess, startQunguan } from "../helpers/qunguan-process.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";

const TRIALS = Number(process.env.CRASH_TRIALS ?? 20);
const CHATS_PER_TRIAL = 8;
const ROUNDS = 3;

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const startBot = (env: NodeJS.ProcessEnv) => startQunguan("start", env);

const isMute = (c: RecordedCall) =>
  c.method === "restrictChatMember" &&
  (c.params.permissions as { can_send_messages?: boolean } | undefined)?.can_send_messages === false;
const isUnmute = (c: RecordedCall) =>
  c.method === "restrictChatMember" &&
  (c.params.permissions as { can_send_messages?: boolean } | undefined)?.can_send_messages !== false;

it(`${TRIALS} SIGKILLs in a busy run: the database stays sound, holds every sanction the chat saw, and timed unmutes still happen`, async () => {
  const fake = await FakeTelegram.start();
  const rules = tempRules();
  // Short mutes, so that their ends fall inside the test.
  writeFileSync(
    join(rules, "escalation.yaml"),
    "escalation:\n  warning_expiry: 30d\n  ladder: [warn, {mute: 2s}, {mute: 2s}, {mute: 2s}, kick]\n  reset_after_kick: true\n",
  );
  const databasePath = tempDb();
  const env = {
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    DATABASE_PATH: databasePath,
    RULES_DIR: rules,
    REDIS_URL: `redis://127.0.0.1:${redis.connection.port}`,
    QUNGUAN_QUEUE_PREFIX: `crash-bot-${process.pid}`,
    LOG_LEVEL: "info",
  };
  const summary: string[] = [];
  const everyChat: { id: number; title: string }[] = [];
  let bot: QunguanProcess | undefined;
  try {
    for (let trial = 0; trial < TRIALS; trial++) {
      bot = startBot(env);
      await expect
        .poll(() => bot!.log().includes("telegram connected"), { timeout: 20_000 })
        .toBe(true)
        .catch((error: unknown) => {
          throw new Error(`the bot did not start: ${bot!.log().slice(-2000)}`, { cause: error });
        });
      const chats = Array.from({ length: CHATS_PER_TRIAL }, (_, c) => ({
        id: -1007000000000 - trial * 100 - c,
        title: `香满楼优惠群${trial}-${c}`,
      }));
      for (const chat of chats) fake.botIsAdmin(chat.id);
      everyChat.push(...chats);
      for (let round = 0; round < ROUNDS; round++) {
        for (const [c, chat] of chats.entries()) {
          const spammer: TgUser = { id: 90_000 + trial * 100 + c, is_bot: false, first_name: `推销${c}` };
          fake.message(chat, spammer, `兼职日结，日赚500，加我微信 job${round}`);
        }
      }
      // Somewhere in this burst: once the bot acts in one of its chats (it may first finish what
      // the last kill left), then up to two seconds more.
      const ids = new Set(chats.map((c) => c.id));
      await expect
        .poll(
          () => fake.calls.some((c) => ids.has(Number(c.params.chat_id)) && c.method !== "getChatMember"),
          {
            timeout: 30_000,
            interval: 20,
          },
        )
        .toBe(true);
      const delay = Math.floor(Math.random() * 2000);
      await new Promise((r) => setTimeout(r, delay));
      bot.child.kill("SIGKILL");
      expect(await bot.exited).toBeNull();
      bot = undefined;

      const db = new BetterSqlite3(databasePath);
      try {
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        let notices = 0;
        let mutes = 0;
        // Every chat so far: the bot may be finishing an earlier trial's burst when it dies.
        for (const chat of everyChat) {
          const said = fake.sent(chat.id);
          const warned = said.filter((t) => /警告 \d+\/\d+/.test(t)).length;
          const muted = fake.calls.filter((c) => isMute(c) && Number(c.params.chat_id) === chat.id).length;
          const stored = (sql: string) => (db.prepare(sql).get(String(chat.id)) as { n: number }).n;
          expect(stored("SELECT count(*) AS n FROM warnings WHERE chat_id = ?")).toBeGreaterThanOrEqual(
            warned,
          );
          expect(
            stored("SELECT count(*) AS n FROM sanctions WHERE chat_id = ? AND type = 'mute'"),
          ).toBeGreaterThanOrEqual(muted);
          notices += warned;
          mutes += muted;
        }
        summary.push(`${delay}ms:${notices}w/${mutes}m`);
      } finally {
        db.close();
      }
    }
    // One last start: whatever mute was acknowledged and has ended must be lifted on the platform.
    bot = startBot(env);
    const muted = fake.calls.filter(isMute);
    expect(muted.length).toBeGreaterThan(0);
    const lifted = () =>
      muted.filter((m) =>
        fake.calls.some(
          (c) =>
            isUnmute(c) &&
            c.params.chat_id === m.params.chat_id &&
            c.params.user_id === m.params.user_id &&
            (c.at ?? 0) >= (m.at ?? 0),
        ),
      ).length;
    await expect.poll(lifted, { timeout: 30_000, interval: 250 }).toBe(muted.length);
    console.log(
      `${TRIALS} kills (delay: warnings/mutes the chats had seen by then): ${summary.join(" ")}; ` +
        `${muted.length} mutes, all lifted`,
    );
  } finally {
    bot?.child.kill("SIGKILL");
    await fake.stop();
  }
}, 300_000);
