/**
 * What each `qunguan` command takes, in one place: `qunguan --help`, `qunguan <command> --help`
 * and every usage error print from here, so help and parser cannot disagree.
 */
import type { CommandSpec, OptionSpec } from "./command-line.js";

const ENVIRONMENT = `environment (also read from ./.env; variables already set win):
  TELEGRAM_BOT_TOKEN, WECHATY_PUPPET_SERVICE_TOKEN   platform credentials (none: the console chat)
  REDIS_URL        promos and timed sanctions (unset: a private redis-server next to the database)
  DATABASE_PATH    SQLite file (default ./qunguan.db)
  RULES_DIR        rule directory (default ./rules, else the shipped pack)
  LOG_LEVEL, LOG_FILE, TZ                             see .env.example for the full list`;

export const START: CommandSpec<OptionSpec> = {
  usage: `usage: qunguan start
  Runs the bot: every adapter whose credentials are in the environment; with none, a console
  group chat in this terminal (type as a member; /as NAME, /as NAME admin, /join NAME, /card, /quit).
  In the console chat the logs go to qunguan.log next to the database (LOG_FILE to change);
  warnings and errors are also shown in the terminal.

${ENVIRONMENT}`,
  options: {},
};

export const DEMO: CommandSpec<OptionSpec> = {
  usage: `usage: qunguan demo
  A scripted group conversation through the console chat on the default rule pack: FAQ answers,
  the privacy rule, a spammer walking the warning ladder, admin commands and a promo push.
  Uses a temporary database (kept when QUNGUAN_KEEP_DEMO=1) and a private redis-server when
  Debian's redis-server is installed. Exits 0.`,
  options: {},
};

export const WORKER: CommandSpec<OptionSpec> = {
  usage: `usage: qunguan worker
  Queue consumers only (promo fan-out, deliveries, timers), to add processes on the same Redis and
  database as the bot. Needs REDIS_URL; sends through Telegram (TELEGRAM_BOT_TOKEN).

${ENVIRONMENT}`,
  options: {},
};

export const CHECK: CommandSpec<OptionSpec> = {
  usage: `usage: qunguan check [DIR]
  Validates a rule directory (default: RULES_DIR, else ./rules, else the shipped pack).
  Exit 0 with a summary, or 1 with every problem as file:line:col message.`,
  options: {},
  positionals: 1,
};

export const SIMULATE = {
  usage: `usage: qunguan simulate [--rules DIR] [--category NAME] < transcript.jsonl
  Dry run: one JSON chat event per input line, one decision per line on stdout; no network,
  no Redis, temporary state, time taken from the input.
  --rules DIR       rule directory (default: RULES_DIR, else ./rules, else the shipped pack)
  --category NAME   judge every chat as this category (default: the rule files' bindings)
  input line:  {"chat":"g1","user":"u1","name":"Alice","text":"…","at":"2026-11-22T11:00:00+08:00"}`,
  options: { rules: { type: "string" }, category: { type: "string" } },
} satisfies CommandSpec<OptionSpec>;

export const TOP_LEVEL = `usage: qunguan <command> [options]       (from a checkout: npm run qunguan -- <command>)
  start                              run the bot (console chat when no platform credentials are set)
  demo                               a scripted group conversation through the console chat
  worker                             queue consumers only (promo fan-out, deliveries, timers); needs REDIS_URL
  check [DIR]                        validate rule files (default: RULES_DIR or ./rules)
  simulate [--rules DIR] [--category NAME]
                                     JSONL transcript on stdin → one decision per line on stdout
  report [--days N] [--until DAY] [--tz ZONE] [--locale L] [--rules DIR] [--out FILE.html] [--db PATH]
                                     HTML report with charts per group and category (default 30 days)
  help [COMMAND]                     this list, or one command's usage (also: qunguan COMMAND --help)
  --version                          the version`;
