/**
 * Scenario "telegram": updates per second through the real adapter (grammY,
 * runner, auto-retry; throttler off, as Telegram's own limits would make this
 * a measure of them) and the real Bot (engine, commands, dispatcher, SQLite
 * file), against the loopback Bot API server from the tests. Decisions are
 * carried out: deletes, warnings, mutes and answers go back over HTTP.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { Bot } from "../src/app/bot.js";
import { createLogger } from "../src/log/logger.js";
import { adapterFor, FakeTelegram, type TgUser } from "../test/helpers/fake-telegram.js";
import { generateCorpus } from "./corpus.js";
import { round } from "./engine.js";

export interface TelegramResult {
  scenario: "telegram";
  updates: number;
  updatesPerSec: number;
  apiCalls: number;
}

export interface TelegramOptions {
  seed: number;
  updates: number;
  rulesDir: string;
  log: (line: string) => void;
}

export async function runTelegramBench(options: TelegramOptions): Promise<TelegramResult> {
  const fake = await FakeTelegram.start();
  const chats = 20;
  for (let c = 0; c < chats; c++) fake.botIsAdmin(-1001000000000 - c);
  // The bot's logs are part of the work (one line per action), but not of the output.
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const logger = createLogger({ destination: sink, level: "info" });
  const adapter = adapterFor(fake, logger);
  const bot = new Bot({
    rulesDir: options.rulesDir,
    databasePath: join(mkdtempSync(join(tmpdir(), "qunguan-bench-db-")), "bot.db"),
    logger,
    adapters: [adapter],
    watchRules: false,
  });
  let handled = 0;
  let finished: () => void = () => {};
  const done = new Promise<void>((r) => {
    finished = r;
  });
  const handle = bot.handle.bind(bot);
  bot.handle = async (a, event) => {
    await handle(a, event);
    if (++handled === options.updates) finished();
  };
  await bot.start();

  const corpus = generateCorpus({ seed: options.seed, count: options.updates, chats, users: 1000 });
  const users = new Map<string, TgUser>();
  const t = performance.now();
  for (const m of corpus) {
    let from = users.get(m.user);
    if (!from) {
      from = { id: 200_000 + Number(m.user.slice(1)), is_bot: false, first_name: m.name };
      users.set(m.user, from);
    }
    fake.message({ id: -1001000000000 - Number(m.chat.slice(1)), title: "香满楼优惠群" }, from, m.text);
  }
  await done;
  const ms = performance.now() - t;
  const apiCalls = fake.calls.length;
  options.log(`telegram: ${options.updates} updates in ${ms.toFixed(0)} ms, ${apiCalls} API calls`);
  await bot.stop();
  await fake.stop();
  return {
    scenario: "telegram",
    updates: options.updates,
    updatesPerSec: round(options.updates / (ms / 1000), 0),
    apiCalls,
  };
}
