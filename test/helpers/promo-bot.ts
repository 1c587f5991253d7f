/**
 * The real bot with promos on a real redis-server, for the promo tests: a recording Telegram-like
 * adapter whose platform answers in 300 ms, two promo groups, and a clock the test moves. Ticks are
 * added the way BullMQ's scheduler adds them (job id "repeat:<scheduler>:<slot>").
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { Bot } from "../../src/app/bot.js";
import { deliveriesOf } from "../../src/db/mod.js";
import { createLogger } from "../../src/log/logger.js";
import { cronRuns } from "../../src/rules/cron.js";
import { capture, tempDb, tempRules } from "./bot.js";
import { RecordingAdapter } from "./recording-adapter.js";
import type { TestRedis } from "./redis.js";

let prefixes = 0;
const prefix = () => `qp${process.pid}-${prefixes++}`;

export const TEXT = "【香满楼】今日午市特价";
export const CHATS = ["g1", "g2"];

/** A rule directory of the default pack whose promos file is `promos` (YAML lines under `promos:`). */
export function rulesWith(promos: string): string {
  const dir = tempRules();
  writeFileSync(join(dir, "promos.yaml"), `promos:\n${promos}`);
  return dir;
}

export function promo(id: string, fields: Record<string, string | number>): string {
  const lines = [`  - id: ${id}`, "    targets: { categories: [promo] }", `    text: "${TEXT}"`];
  for (const [k, v] of Object.entries(fields))
    lines.push(`    ${k}: ${typeof v === "string" ? `"${v}"` : v}`);
  return `${lines.join("\n")}\n`;
}

export interface Running {
  bot: Bot;
  adapter: RecordingAdapter;
  logs: ReturnType<typeof capture>;
  /** Moves the bot's clock to `at`; it then runs on with real time. */
  setClock(at: number): void;
  clock(): number;
}

/**
 * Starts the bot with two promo groups. Unless `keepSchedules`, the promo schedulers the bot made
 * are removed again: the test adds each tick itself, and a scheduler's own next run (tomorrow,
 * whatever day the test runs on) would otherwise hold the job id of a tick the test adds.
 */
export async function startPromoBot(
  redis: TestRedis,
  rulesDir: string,
  options: { keepSchedules?: boolean } = {},
): Promise<Running> {
  let offset = 0;
  const clock = () => Date.now() + offset;
  const adapter = new RecordingAdapter({ roundTripMs: 300, clock });
  const logs = capture();
  const bot = new Bot({
    rulesDir,
    databasePath: tempDb(),
    logger: createLogger({ destination: logs.stream }),
    adapters: [adapter],
    watchRules: false,
    now: clock,
    queue: { connection: redis.connection, prefix: prefix(), deliveriesPerSecond: 500 },
  });
  await bot.start();
  // The bot reconciles its schedules in the background (a Redis outage must not hold up its start).
  await expect
    .poll(() => logs.json().some((l) => l.msg === "promo schedules reconciled"), { timeout: 10_000 })
    .toBe(true);
  if (!options.keepSchedules) {
    for (const s of await bot.queues!.promos.getJobSchedulers())
      await bot.queues!.promos.removeJobScheduler(s.key);
    await bot.queues!.promos.drain(true);
  }
  for (const id of CHATS) {
    await bot.handle(adapter, {
      type: "join",
      chat: { platform: "telegram", id, title: `香满楼优惠群${id}` },
      sender: { id: `u-${id}`, displayName: `u-${id}`, isPlatformAdmin: false },
      at: Date.now(),
    });
  }
  return {
    bot,
    adapter,
    logs,
    clock,
    setClock(at) {
      offset = at - Date.now();
    },
  };
}

/** The slots of a promo's cron in its zone between two instants, as the scheduler would fire them. */
export function slots(r: Running, id: string, from: string, to: string): number[] {
  const p = r.bot.rules.promos.find((x) => x.id === id)!;
  return cronRuns(p.cron, p.time_zone, Date.parse(from) - 1, Date.parse(to));
}

/** One scheduler tick at `slot`, with the clock there; waits until every chat's delivery is settled. */
export async function tick(r: Running, id: string, slot: number): Promise<void> {
  r.setClock(slot);
  await r.bot.queues!.promos.add("tick", { promo: id }, { jobId: `repeat:promo-${id}:${slot}` });
  await expect
    .poll(
      () => {
        const rows = deliveriesOf(r.bot.database.db, id).filter((d) => d.slot === slot);
        return (
          rows.length === CHATS.length && rows.every((d) => d.status !== "claimed" && d.status !== "released")
        );
      },
      { timeout: 15_000, interval: 50 },
    )
    .toBe(true);
}

/** An admin of group `chatId` says `text` now (by the bot's clock); returns the bot's answer. */
export async function adminSays(r: Running, chatId: string, text: string): Promise<string> {
  const before = r.adapter.log.length;
  await r.bot.handle(r.adapter, {
    type: "message",
    chat: { platform: "telegram", id: chatId, title: `香满楼优惠群${chatId}` },
    sender: { id: "mgr", displayName: "店长", isPlatformAdmin: true },
    at: r.clock(),
    messageId: String(Math.random()),
    text,
    kind: "text",
    mentions: [],
  });
  await expect
    .poll(() => r.adapter.log.slice(before).some((l) => l.op === "send" && l.chat === chatId))
    .toBe(true);
  return r.adapter.log.slice(before).find((l) => l.op === "send" && l.chat === chatId)?.text ?? "";
}
