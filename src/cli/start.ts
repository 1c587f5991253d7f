/**
 * `qunguan start`: every adapter whose credentials are in the environment;
 * with none, the console adapter (a terminal group chat) so a new user can try it.
 */
import { ConsoleAdapter } from "../../adapters/console.js";
import { telegramAdapterFromEnv } from "../../adapters/telegram.js";
import { wechatAdapterFromEnv } from "../../adapters/wechat.js";
import { Bot } from "../app/bot.js";
import type { ChatAdapter } from "../core/adapter.js";
import { createLogger } from "../log/logger.js";
import { defaultRulesDir } from "./package-root.js";
import { setUpRedis } from "./redis-setup.js";

export async function runStart(): Promise<void> {
  const logger = createLogger({ pretty: false, destination: process.stderr });
  const adapters: ChatAdapter[] = [];
  const telegram = telegramAdapterFromEnv(process.env, logger);
  if (telegram) adapters.push(telegram);
  const wechat = wechatAdapterFromEnv(process.env, logger);
  if (wechat) adapters.push(wechat);
  let quit: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    quit = resolve;
  });
  if (adapters.length === 0) {
    adapters.push(new ConsoleAdapter({ input: process.stdin, output: process.stdout, onQuit: () => quit() }));
  }
  const databasePath = process.env.DATABASE_PATH ?? "qunguan.db";
  const redis = await setUpRedis(process.env, databasePath, logger);
  const bot = new Bot({
    rulesDir: defaultRulesDir(),
    databasePath,
    queue: redis.connection ? { connection: redis.connection } : undefined,
    logger,
    adapters,
  });
  await bot.start();
  process.once("SIGINT", () => quit());
  process.once("SIGTERM", () => quit());
  await done;
  await bot.stop();
  await redis.stop();
}
