/**
 * Scenario "wechat": messages per second through the real WeChat adapter
 * (Wechaty with its PuppetService client) and the real Bot (engine, commands,
 * dispatcher, SQLite file), over gRPC on loopback to the PuppetServer wrapping
 * wechaty-puppet-mock from the tests: the production wire path. Decisions are
 * carried out: recall notices, warnings and FAQ answers are sent back over
 * gRPC, and kicks remove members (the bot owns the rooms).
 *
 * Pacing is off: the adapter spaces the account's sends 1-2 s apart by
 * default (WeChat's risk control), which would make this a measure of that
 * gap. The row says so (`pacing: "off"`).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { WechatAdapter } from "../adapters/wechat.js";
import { Bot } from "../src/app/bot.js";
import { createLogger } from "../src/log/logger.js";
import { type ContactMock, MockWechat, type RoomMock, waitFor } from "../test/helpers/puppet-server.js";
import { generateCorpus } from "./corpus.js";
import { round } from "./engine.js";

export interface WechatResult {
  scenario: "wechat";
  messages: number;
  msgsPerSec: number;
  /** Messages the bot sent back (answers, notices), over the same gRPC connection. */
  botSent: number;
  pacing: "off";
}

export interface WechatOptions {
  seed: number;
  messages: number;
  rulesDir: string;
  log: (line: string) => void;
}

const ROOMS = 10;
const USERS = 300;

export async function runWechatBench(options: WechatOptions): Promise<WechatResult> {
  const wechat = await MockWechat.start();
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const logger = createLogger({ destination: sink, level: "info" });
  const adapter = new WechatAdapter({
    puppet: wechat.client(),
    logger,
    pacing: { replyGapMs: [0, 0], bulkGapMs: [0, 0], dailyCap: Number.MAX_SAFE_INTEGER },
  });
  const bot = new Bot({
    rulesDir: options.rulesDir,
    databasePath: join(mkdtempSync(join(tmpdir(), "qunguan-bench-db-")), "bot.db"),
    logger,
    adapters: [adapter],
    watchRules: false,
  });
  let handled = 0;
  const handle = bot.handle.bind(bot);
  bot.handle = async (a, event) => {
    await handle(a, event);
    handled++;
  };
  try {
    await bot.start();
    await waitFor(() => adapter.loggedIn, "the bot to log in", 60_000);

    const contacts = new Map<string, ContactMock>();
    for (let u = 0; u < USERS; u++) contacts.set(`u${u}`, wechat.contact(`wxid_bench_${u}`, `member${u}`));
    const rooms: RoomMock[] = [];
    for (let r = 0; r < ROOMS; r++) {
      rooms.push(
        wechat.room({ topic: `香满楼优惠群${r}`, members: [...contacts.values()], owner: wechat.botUser }),
      );
    }
    const corpus = generateCorpus({
      seed: options.seed,
      count: options.messages,
      chats: ROOMS,
      users: USERS,
    });

    // Warm-up on other messages (another seed): connection, payload caches and the JIT, outside the timing.
    const warmCorpus = generateCorpus({ seed: options.seed + 1000, count: 200, chats: ROOMS, users: USERS });
    const warm = warmCorpus.length;
    for (const m of warmCorpus)
      contacts
        .get(m.user)!
        .say(m.text)
        .to(rooms[Number(m.chat.slice(1))]!);
    await waitFor(() => handled >= warm, "the warm-up messages", 120_000);

    handled = 0;
    const sentBefore = wechat.said.length;
    const t = performance.now();
    for (const m of corpus)
      contacts
        .get(m.user)!
        .say(m.text)
        .to(rooms[Number(m.chat.slice(1))]!);
    await waitFor(() => handled >= corpus.length, "every message to be handled", 600_000);
    const ms = performance.now() - t;
    const botSent = wechat.said.length - sentBefore;
    options.log(`wechat: ${corpus.length} messages in ${ms.toFixed(0)} ms, the bot sent ${botSent}`);
    return {
      scenario: "wechat",
      messages: corpus.length,
      msgsPerSec: round(corpus.length / (ms / 1000), 0),
      botSent,
      pacing: "off",
    };
  } finally {
    await bot.stop().catch(() => {});
    await wechat.close();
  }
}
