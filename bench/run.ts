/**
 * `npm run bench [-- --json] [-- --only engine,simulate] [-- --seed N] [-- --quick]`:
 * runs every scenario and prints a table, or with --json one JSON object per
 * scenario per line and nothing else on stdout (progress goes to stderr).
 * Scenarios, in the order they run: engine, simulate, telegram, wechat (real
 * adapter over gRPC, pacing off), fanout (promo to 10,000 chats on a private
 * redis-server against plain BullMQ jobs, then the configured send limits),
 * storage (audit and statistics in SQLite under the engine's load, against
 * none). --quick does a tenth of the work (fanout's limited run stays whole).
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";

const ROOT = resolve(import.meta.dirname, "../..");
const RULES = resolve(ROOT, "rules");

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    json: { type: "boolean", default: false },
    only: { type: "string" },
    seed: { type: "string", default: "7" },
    quick: { type: "boolean", default: false },
  },
  strict: true,
});

const seed = Number(values.seed);
const only = values.only?.split(",");
const wanted = (name: string) => only === undefined || only.includes(name);
// --quick: a tenth of the work, for a fast look while changing code.
const scale = values.quick ? 0.1 : 1;
const log = (line: string) => process.stderr.write(`${line}\n`);

type Row = Record<string, string | number | boolean>;

const UNITS: Record<string, string> = {
  msgsPerSec: "msgs/s",
  naiveMsgsPerSec: "msgs/s",
  classifierMsgsPerSec: "msgs/s",
  learnUs: "µs",
  updatesPerSec: "updates/s",
  offMsgsPerSec: "msgs/s",
  deliveriesPerSec: "deliveries/s",
  plainJobsPerSec: "jobs/s",
  limitPerSec: "deliveries/s",
  overallPerSec: "deliveries/s",
  busiestSecond: "deliveries",
  perChatLimitMs: "ms",
  perChatMinGapMs: "ms",
  perChatMinGapArrivedMs: "ms",
  p50us: "µs",
  p99us: "µs",
  maxus: "µs",
  heapMB: "MB",
  compileMs: "ms",
  coldCompileMs: "ms",
  oursMs: "ms",
  plainMs: "ms",
};

function print(row: Row): void {
  if (values.json) {
    process.stdout.write(`${JSON.stringify(row)}\n`);
    return;
  }
  process.stdout.write(`\n${row.scenario}\n`);
  for (const [key, value] of Object.entries(row)) {
    if (key === "scenario") continue;
    const shown = typeof value === "number" ? value.toLocaleString("en-US") : value;
    process.stdout.write(`  ${key.padEnd(20)} ${String(shown).padStart(14)} ${UNITS[key] ?? ""}\n`);
  }
}

// Scenarios are imported when they run: merely loading the bot's stack (src/app/bot.ts with its
// SQLite, Redis and HTTP clients) measured the engine at about half its speed in the same process,
// so the engine scenario runs before anything else is loaded (see README, Performance).
async function main(): Promise<void> {
  if (wanted("engine")) {
    const { runEngineBench } = await import("./engine.js");
    print({ ...runEngineBench({ seed, messages: Math.round(200_000 * scale), rulesDir: RULES, log }) });
  }
  if (wanted("simulate")) {
    const { runSimulateBench } = await import("./simulate.js");
    print({ ...runSimulateBench({ seed, lines: Math.round(200_000 * scale), root: ROOT, log }) });
  }
  if (wanted("telegram")) {
    const { runTelegramBench } = await import("./telegram.js");
    const updates = Math.round(5_000 * scale);
    print({ ...(await runTelegramBench({ seed, updates, rulesDir: RULES, log })) });
  }
  if (wanted("wechat")) {
    const { runWechatBench } = await import("./wechat.js");
    const messages = Math.round(2_000 * scale);
    print({ ...(await runWechatBench({ seed, messages, rulesDir: RULES, log })) });
  }
  if (wanted("fanout")) {
    const { runFanoutBench } = await import("./fanout.js");
    const chats = Math.round(10_000 * scale);
    print({ ...(await runFanoutBench({ chats, rulesDir: RULES, log })) });
  }
  if (wanted("storage")) {
    const { runStorageBench } = await import("./storage.js");
    print({
      ...(await runStorageBench({ seed, messages: Math.round(200_000 * scale), rulesDir: RULES, log })),
    });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
