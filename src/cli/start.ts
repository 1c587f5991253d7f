/**
 * `qunguan start`: every adapter whose credentials are in the environment;
 * with none, the console adapter (a terminal group chat) so a new user can try it.
 */
import { ConsoleAdapter } from "../../adapters/console.js";
import { telegramAdapterFromEnv } from "../../adapters/telegram.js";
import { wechatAdapterFromEnv } from "../../adapters/wechat.js";
import { Bot } from "../app/bot.js";
import type { ChatAdapter } from "../core/adapter.js";
import type { EnvFileResult } from "./env-file.js";
import { defaultRulesDir } from "./package-root.js";
import { setUpRedis } from "./redis-setup.js";
import { startLogging } from "./start-logger.js";

/**
 * What is left to close after a stop (a Redis client still retrying, a platform socket) must not
 * keep the process alive: a stop asked for by SIGTERM or /quit ends the process within this.
 */
const EXIT_GRACE_MS = 200;

export async function runStart(envFile: EnvFileResult = { applied: [], overridden: [] }): Promise<number> {
  const consoleChat = !process.env.TELEGRAM_BOT_TOKEN && !process.env.WECHATY_PUPPET_SERVICE_TOKEN;
  const databasePath = process.env.DATABASE_PATH || "qunguan.db";
  const { logger, file } = startLogging({ consoleChat, databasePath });
  if (envFile.file)
    logger.info(
      { event: "env", file: envFile.file, applied: envFile.applied, kept: envFile.overridden },
      `read ${envFile.applied.length} settings from ${envFile.file}`,
    );
  // Installed before anything that can wait (Redis, a platform login), so a stop is always heard.
  let quit: () => void = () => {};
  const stopAsked = new Promise<void>((resolve) => {
    quit = resolve;
  });
  process.once("SIGINT", () => quit());
  process.once("SIGTERM", () => quit());

  const adapters: ChatAdapter[] = [];
  const telegram = telegramAdapterFromEnv(process.env, logger);
  if (telegram) adapters.push(telegram);
  const wechat = wechatAdapterFromEnv(process.env, logger);
  if (wechat) adapters.push(wechat);
  if (adapters.length === 0) {
    if (file) process.stdout.write(`(logs: ${file})\n`);
    adapters.push(new ConsoleAdapter({ input: process.stdin, output: process.stdout, onQuit: () => quit() }));
  }
  const redis = await setUpRedis(process.env, databasePath, logger);
  const bot = new Bot({
    rulesDir: defaultRulesDir(),
    databasePath,
    queue: redis.connection ? { connection: redis.connection } : undefined,
    logger,
    adapters,
  });
  const started = bot.start().then(
    () => "started" as const,
    (error: unknown) => {
      logger.error({ event: "start", err: error }, "could not start");
      return "failed" as const;
    },
  );
  const outcome = await Promise.race([started, stopAsked.then(() => "stop" as const)]);
  if (outcome === "started") await stopAsked;
  logger.info({ event: "stop" }, "stopping");
  await bot.stop();
  await redis.stop();
  logger.info({ event: "stop" }, "stopped");
  logger.flush();
  setTimeout(() => process.exit(outcome === "failed" ? 1 : 0), EXIT_GRACE_MS).unref();
  return outcome === "failed" ? 1 : 0;
}
