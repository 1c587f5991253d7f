/**
 * A hostile (or careless) admin cannot grow what the bot learns past its cap, nor its memory, nor
 * touch another merchant sharing the database (issue 16): 10,000 /notspam on one decision and
 * 10,000 /spam on distinct texts, through the real Bot and command router, SQLite file on disk.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import type { MessageEvent } from "../../src/core/chat-event.js";
import { recentAudit, sampleCounts } from "../../src/db/mod.js";
import { normalize } from "../../src/engine/text/normalize.js";
import { type Harness, harness, T0, tempDb, tempRules } from "../helpers/bot.js";

const CAP = 50;
const ROUNDS = 10_000;

/** The default pack with its learning section changed. */
function rulesWith(change: (learning: string) => string): string {
  const dir = tempRules();
  const file = join(dir, "learning.yaml");
  writeFileSync(file, change(readFileSync(file, "utf8")));
  return dir;
}

let nextId = 1;
function say(
  user: string,
  text: string,
  at: number,
  o: { admin?: boolean; replyTo?: { messageId: string; senderId: string } } = {},
): MessageEvent {
  return {
    type: "message",
    chat: { platform: "console", id: "console", title: "香满楼优惠群" },
    sender: { id: user, displayName: user, isPlatformAdmin: o.admin ?? false },
    at,
    messageId: `m${nextId++}`,
    text,
    kind: "text",
    mentions: [],
    replyTo: o.replyTo,
  };
}

/** A deterministic, distinct spam-like text per round: no two fold to the same sample. */
function distinctText(i: number): string {
  const pool =
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞";
  let x = (i + 1) * 2_654_435_761;
  let text = "";
  for (let k = 0; k < 24; k++) {
    x = (x * 1_103_515_245 + 12_345) >>> 0;
    text += pool[x % pool.length];
  }
  return `${text} ${i}`;
}

/**
 * The heap in use after a full collection: measured without one, the bound would be about garbage
 * not yet collected. The flag exposes `gc` to contexts made after it is set.
 */
function settledHeap(): number {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  return process.memoryUsage().heapUsed;
}

/** Lines the other merchant's bot judges before and after the hostile admin: spam, near-spam, ordinary. */
const PROBES = [
  "兼职日结，加 V 信 abc12345",
  "百家乐 首充送",
  "兄弟们这个软件每天签到领38块，我已经提现三次了，应用商店搜快乐星球",
  distinctText(3),
  distinctText(9_999),
  "请问你们几点开门？",
  "今天的菜真好吃",
  "有没有人拼单外卖",
];

/** What the other merchant's bot decides and how its classifier scores, per probe (a fresh member each, in its own group). */
function judged(h: Harness, round: string) {
  return PROBES.map((text, i) => {
    // Each probe in a group of its own: fresh members' ads in one group add up to a raid.
    const event = {
      ...say(`probe-${round}-${i}`, text, T0),
      chat: { platform: "console" as const, id: `probe-${i}` },
    };
    const decision = h.bot.engine.decide(event);
    const score = h.bot.learning.model.score(normalize(text));
    return {
      actions: decision.actions.map((a) => `${a.type}:${"rule" in a ? a.rule : ""}`),
      score: score.score,
      kind: score.kind,
    };
  });
}

describe("a hostile admin", () => {
  it(`cannot grow the samples past the cap, the heap, or another merchant's judgement (${ROUNDS.toLocaleString("en-US")} /notspam and /spam)`, async () => {
    const databasePath = tempDb();
    const capped = rulesWith((l) => l.replace("max_samples: 5000", `max_samples: ${CAP}`));
    const other = rulesWith((l) => l.replace("merchant: sample-restaurant", "merchant: other"));
    const hostile = harness(capped, databasePath);
    const neighbour = harness(other, databasePath);
    await hostile.bot.start();
    await neighbour.bot.start();
    const { bot, chat } = hostile;
    expect(neighbour.bot.learning.merchant).toBe("other");
    const before = judged(neighbour, "before");

    // One decision to undo, over and over.
    let at = T0;
    const next = () => {
      at += 10;
      return at;
    };
    await bot.handle(chat, say("spammer", "兼职日结，加 V 信 abc12345", at));
    const warnRow = recentAudit(bot.database.db, { platform: "console", chatId: "console" }, 10).find(
      (r) => r.action === "warn",
    )!;
    const heapBefore = settledHeap();
    for (let i = 0; i < ROUNDS; i++)
      await bot.handle(chat, say("mgr", `/notspam ${warnRow.id}`, next(), { admin: true }));
    expect(sampleCounts(bot.database.db, bot.learning.merchant)).toEqual({ spam: 0, ham: 1 });
    expect(bot.engine.warnings("console:console", "promo", "spammer", at).count).toBe(0);

    // Distinct texts marked as spam, each from a new member.
    for (let i = 0; i < ROUNDS; i++) {
      const message = say(`member-${i}`, distinctText(i), next());
      await bot.handle(chat, message);
      await bot.handle(
        chat,
        say("mgr", "/spam", next(), {
          admin: true,
          replyTo: { messageId: message.messageId, senderId: message.sender.id },
        }),
      );
    }
    const heapGrowth = settledHeap() - heapBefore;
    console.log(
      `hostile admin: ${ROUNDS} /notspam + ${ROUNDS} /spam, heap grew ${(heapGrowth / 1e6).toFixed(1)} MB, samples ${JSON.stringify(sampleCounts(bot.database.db, bot.learning.merchant))}`,
    );
    const counts = sampleCounts(bot.database.db, bot.learning.merchant);
    expect(counts.spam).toBe(CAP);
    expect(counts.ham).toBeLessThanOrEqual(CAP);
    expect(bot.learning.model.counts.spam).toBeLessThanOrEqual(CAP);
    // The last texts taught are the ones kept: the newest is still caught.
    expect(
      bot.engine.decide(say("late", distinctText(ROUNDS - 1), next())).actions.map((a) => a.type),
    ).toContain("delete");
    expect(heapGrowth).toBeLessThan(100e6);

    // The other merchant, sharing the file, learned nothing and judges exactly as before.
    neighbour.bot.learning.sync();
    expect(sampleCounts(neighbour.bot.database.db, "other")).toEqual({ spam: 0, ham: 0 });
    expect(judged(neighbour, "after")).toEqual(before);
  }, 300_000);
});
