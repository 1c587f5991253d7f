/**
 * `npm run soak [-- --seconds 300] [-- --rate 2000] [-- --json]`: the whole bot (engine, commands,
 * dispatcher, SQLite file) under a steady message load for five minutes, with a new member in
 * most messages, so that over the run far more distinct members pass than any per-member state
 * should keep. Prints RSS and heap at the start, every 30 s and at the end, and the engine's
 * memory entry counts: they must level off, not grow with the number of members seen.
 *
 * Time is the messages' own (they are 1 s of chat time apart per `rate` messages), so an hour of
 * chat can pass in the run and TTLs really expire.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { parseArgs } from "node:util";
import { Bot } from "../src/app/bot.js";
import { createLogger } from "../src/log/logger.js";
import { generateCorpus, T0 } from "./corpus.js";
import { NullAdapter } from "./null-adapter.js";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    seconds: { type: "string", default: "300" },
    rate: { type: "string", default: "2000" },
    json: { type: "boolean", default: false },
  },
  strict: true,
});
const seconds = Number(values.seconds);
const rate = Number(values.rate);
/** Chat time that passes per wall second: ten minutes, so TTLs of flood windows and cooldowns turn over. */
const CHAT_SECONDS_PER_SECOND = 600;

const ROOT = resolve(import.meta.dirname, "../..");
const texts = generateCorpus({ seed: 11, count: 20_000, chats: 200, users: 5000 });
const adapter = new NullAdapter();
const bot = new Bot({
  rulesDir: resolve(ROOT, "rules"),
  databasePath: join(mkdtempSync(join(tmpdir(), "qunguan-soak-")), "soak.db"),
  logger: createLogger({ destination: new PassThrough(), level: "warn" }),
  adapters: [adapter],
  watchRules: false,
});
await bot.start();

/** Entry counts of the engine's per-member state, where the memory reports them. */
function memorySizes(): Record<string, number> {
  const memory = bot.engine.memory as unknown as { sizes?: () => Record<string, number> };
  return memory.sizes?.() ?? {};
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
function sample(label: string, sent: number, members: number) {
  const m = process.memoryUsage();
  const row = {
    at: label,
    messages: sent,
    distinctMembers: members,
    rssMB: mb(m.rss),
    heapUsedMB: mb(m.heapUsed),
    memory: memorySizes(),
  };
  process.stdout.write(
    values.json
      ? `${JSON.stringify(row)}\n`
      : `${label.padEnd(6)} ${String(sent).padStart(9)} msgs ${String(members).padStart(9)} members  rss ${row.rssMB} MB  heap ${row.heapUsedMB} MB  ${JSON.stringify(row.memory)}\n`,
  );
}

let sent = 0;
let members = 0;
let chatTime = T0;
sample("start", 0, 0);
const started = Date.now();
let nextReport = 30;
const tickMs = 100;
while (Date.now() - started < seconds * 1000) {
  const tickStart = Date.now();
  const batch = Math.round((rate * tickMs) / 1000);
  for (let i = 0; i < batch; i++) {
    const m = texts[sent % texts.length]!;
    // Nine messages in ten come from a member never seen before: a million over a long soak.
    const user = sent % 10 === 0 ? m.user : `m${members++}`;
    chatTime += Math.round((1000 * CHAT_SECONDS_PER_SECOND) / rate);
    await bot.handle(adapter, {
      type: "message",
      chat: { platform: "telegram", id: m.chat, title: `香满楼优惠群${m.chat}` },
      sender: { id: user, displayName: m.name, isPlatformAdmin: false },
      at: chatTime,
      messageId: String(sent),
      text: m.text,
      kind: "text",
      mentions: [],
    });
    sent++;
  }
  const elapsed = (Date.now() - started) / 1000;
  if (elapsed >= nextReport) {
    sample(`${nextReport}s`, sent, members);
    nextReport += 30;
  }
  const wait = tickMs - (Date.now() - tickStart);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
sample("end", sent, members);
await bot.stop();
