/** The bot as `qunguan start` runs it, for tests: console adapter, a real SQLite file, a rule directory on disk. */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach } from "vitest";
import { ConsoleAdapter } from "../../adapters/console.js";
import { Bot } from "../../src/app/bot.js";
import type { Capabilities } from "../../src/core/capabilities.js";
import { createLogger } from "../../src/log/logger.js";
import { DEFAULT_RULES_DIR } from "./rules.js";

export const T0 = Date.parse("2026-11-23T12:00:00+08:00");
export const MIN = 60_000;

export interface Harness {
  bot: Bot;
  chat: ConsoleAdapter;
  screen: () => string;
  logs: () => Record<string, unknown>[];
}

const running: Bot[] = [];
afterEach(async () => {
  for (const bot of running.splice(0)) await bot.stop().catch(() => {});
});

/** Collects what is written to a stream. */
export function capture(): {
  stream: PassThrough;
  text: () => string;
  json: () => Record<string, unknown>[];
} {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (d) => {
    text += d;
  });
  /** The JSON log lines written so far. */
  const json = () =>
    text
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { stream, text: () => text, json };
}

export function harness(
  rulesDir: string,
  databasePath: string,
  options: { now?: number; capabilities?: Partial<Capabilities>; watchRules?: boolean } = {},
): Harness {
  const screen = capture();
  const log = capture();
  const chat = new ConsoleAdapter({ output: screen.stream, capabilities: options.capabilities });
  const bot = new Bot({
    rulesDir,
    databasePath,
    logger: createLogger({ level: "info", destination: log.stream }),
    adapters: [chat],
    watchRules: options.watchRules ?? false,
    now: () => options.now ?? T0,
  });
  running.push(bot);
  return {
    bot,
    chat,
    screen: screen.text,
    logs: log.json,
  };
}

/**
 * A copy of the default pack in a temp dir. `without` leaves rule files out: a test of notices or
 * of learning that has many new members post ads in one group would otherwise be testing raid
 * mode (`raid.yaml`), which bans them quietly.
 */
export function tempRules(options: { without?: string[] } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "qunguan-live-rules-"));
  cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
  for (const name of options.without ?? []) rmSync(join(dir, name));
  return dir;
}

export function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), "qunguan-db-")), "bot.db");
}
