/** The real bot on the real Telegram adapter, pointed at a loopback FakeTelegram (tests that drive whole runs). */
import { PassThrough } from "node:stream";
import { Bot } from "../../src/app/bot.js";
import { createLogger, type Logger } from "../../src/log/logger.js";
import { tempDb, tempRules } from "./bot.js";
import { adapterFor, type FakeTelegram } from "./fake-telegram.js";

export interface TelegramBotOptions {
  logger?: Logger;
  rulesDir?: string;
  databasePath?: string;
  /** grammY's throttler on, as in production. @defaultValue false */
  throttle?: boolean;
}

/** Starts a Bot with default rules and a fresh SQLite file unless given; the caller stops it. */
export async function startTelegramBot(fake: FakeTelegram, options: TelegramBotOptions = {}): Promise<Bot> {
  const logger = options.logger ?? createLogger({ destination: new PassThrough() });
  const bot = new Bot({
    rulesDir: options.rulesDir ?? tempRules(),
    databasePath: options.databasePath ?? tempDb(),
    logger,
    adapters: [adapterFor(fake, logger, { throttle: options.throttle ?? false })],
    watchRules: false,
  });
  await bot.start();
  return bot;
}
