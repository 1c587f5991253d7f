/**
 * `qunguan demo`: a scripted group conversation through the console adapter,
 * on the default rule pack, a temporary SQLite file and scripted time: FAQ
 * answers (Simplified, Traditional, English), a mention that is not answered,
 * the privacy rule, a spammer walking the ladder to a mute and a kick, and
 * admin commands (refused for a customer, carried out for the owner).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, type Writable } from "node:stream";
import { ConsoleAdapter } from "../../adapters/console.js";
import { Bot } from "../app/bot.js";
import { dbChat, recentAudit } from "../db/mod.js";
import { createLogger } from "../log/logger.js";
import { INSTALL_REDIS, redisServerAvailable, startPrivateRedis } from "../queue/private-redis.js";
import { defaultRulesDir } from "./package-root.js";

const MINUTE = 60_000;

export async function runDemo(out: Writable = process.stdout): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "qunguan-demo-"));
  let at = Date.parse("2026-11-23T10:55:00+08:00");
  // What the console printed, so the demo can wait for the promo to arrive.
  let screen = "";
  const tee = new PassThrough();
  tee.on("data", (d) => {
    screen += d;
    out.write(d);
  });
  const printed = () => screen;
  const console = new ConsoleAdapter({ output: tee, now: () => at });
  const logFile = join(dir, "qunguan.log");
  // The promo push runs on BullMQ: a private redis-server, when Debian's binary is installed.
  const redis = redisServerAvailable() ? await startPrivateRedis(join(dir, "redis")) : undefined;
  const bot = new Bot({
    rulesDir: defaultRulesDir(),
    databasePath: join(dir, "qunguan.db"),
    queue: redis ? { connection: redis.connection, prefix: "qunguan-demo" } : undefined,
    logger: createLogger({
      pretty: false,
      destination: (await import("pino")).default.destination({ dest: logFile, sync: true }),
    }),
    adapters: [console],
    watchRules: false,
    now: () => at,
  });
  const section = (title: string) => out.write(`\n── ${title} ──\n`);
  const say = async (name: string, text: string, advance = MINUTE) => {
    at += advance;
    await console.message(name, text, at);
  };
  try {
    await bot.start();
    console.member("王老板", true);
    for (const name of ["小美", "阿强"]) console.member(name);

    section("A new member is welcomed");
    await console.join("小张", at);

    section("FAQ answers: only questions get one");
    await say("小张", "请问你们几点开门？");
    await say("小美", "我已经订好位了，晚上见");
    await say("Amy", "Do you have parking?");
    await say("陈先生", "請問怎麼訂位");
    await say("老李", "外卖能送到漕河泾吗");

    section("Privacy: phone numbers are removed, no warning");
    await say("小美", "订位留个电话 138 1234 5678");

    section("A spammer climbs the ladder: warn, warn, mute 1h, mute 1d, kick");
    at += MINUTE;
    await console.join("推销员", at);
    await say("推销员", "兼职日结，有意者加 V 信 abc12345");
    await say("推销员", "加.薇.信 看主页，内部价");
    await say("推销员", "百家乐 真人荷官 首充送彩金");
    await say("推销员", "怎么不让说话了");
    await say("推销员", "港澳代购 高仿名表 一手货源", 2 * 60 * MINUTE);
    await say("推销员", "网赌注册送彩金 www.bet-888.xyz", 2 * 24 * 60 * MINUTE);

    section("Admins are exempt");
    await say("王老板", "今晚包场的客人请加我微信 xmlboss01 确认菜单");

    section("Admin commands: only admins of this group may use them");
    await say("阿强", "刷单兼职 日结 300/天");
    await say("小美", "/mute @阿强 1h");
    await say("王老板", "/mute @阿强 30m 发广告");
    await say("王老板", "/warns @阿强");
    await say("王老板", "/unmute @阿强");
    await say("王老板", "/admin add @小美");
    await say("小美", "/warns");
    await say("王老板", "/stats 7");

    section("Promo push: the lunch special, through a BullMQ job and the delivery ledger");
    if (bot.queues) {
      await bot.queuesReady();
      const slot = Date.parse("2026-11-23T11:00:00+08:00");
      // A tick like the one the "0 11 * * 1-5" scheduler fires at 11:00 on weekdays, sent now by hand.
      await bot.queues.promos.add(
        "tick",
        { promo: "lunch-special" },
        { jobId: `demo:lunch-special:${slot}` },
      );
      const promoText = bot.rules.promos.find((p) => p.id === "lunch-special")?.text ?? "";
      const deadline = Date.now() + 15_000;
      while (!printed().includes(promoText.slice(0, 12)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      if (!printed().includes(promoText.slice(0, 12))) out.write("(the promo did not arrive in 15 s)\n");
    } else {
      out.write(`redis-server is not installed, so promos are off (install: ${INSTALL_REDIS})\n`);
    }

    const rows = recentAudit(bot.database.db, dbChat(console.chat), 100);
    section("Audit log (newest first, stored in SQLite)");
    for (const r of rows.slice(0, 12)) {
      out.write(
        `  ${r.action.padEnd(6)} ${(r.rule ?? r.faq ?? (r.command ? `/${r.command}` : "")).padEnd(10)} ${r.outcome.padEnd(8)} ${r.userId ?? ""}\n`,
      );
    }
    const logged = readFileSync(logFile, "utf8")
      .split("\n")
      .filter((l) => l.includes('"event":"action"')).length;
    out.write(`\n${rows.length} actions in the SQLite audit log; ${logged} {"event":"action"} log lines\n`);
    return 0;
  } finally {
    await bot.stop();
    await redis?.stop();
    if (!process.env.QUNGUAN_KEEP_DEMO) rmSync(dir, { recursive: true, force: true });
  }
}
