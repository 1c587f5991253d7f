/**
 * What /audit and /stats say about learning from admins: each /audit line starts with its row id
 * (for `/why 123`, `/notspam 123`), and /stats counts the samples this merchant's admins taught,
 * in the group's locale. Through the real bot and its command router, SQLite file on disk.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type NewSample, recentAudit, saveSample } from "../../src/db/mod.js";
import { type Harness, harness, MIN, T0, tempDb, tempRules } from "../helpers/bot.js";

const chatRef = { platform: "console" as const, chatId: "console" };

/** A rule directory whose learning belongs to merchant "xiangmanlou", the promo group in `locale`. */
function rulesFor(locale: "zh-CN" | "zh-TW" | "en"): string {
  const rules = tempRules();
  writeFileSync(`${rules}/learning.yaml`, "learning:\n  merchant: xiangmanlou\n");
  const file = `${rules}/categories.yaml`;
  writeFileSync(
    file,
    readFileSync(file, "utf8").replace(
      "name: 香满楼优惠群\n    locale: zh-CN",
      `name: 香满楼优惠群\n    locale: ${locale}`,
    ),
  );
  return rules;
}

async function started(locale: "zh-CN" | "zh-TW" | "en"): Promise<Harness> {
  const h = harness(rulesFor(locale), tempDb());
  await h.bot.start();
  h.chat.member("mgr", true);
  h.chat.member("eve");
  return h;
}

function teach(h: Harness, merchant: string, label: NewSample["label"], texts: string[]): void {
  for (const text of texts)
    saveSample(h.bot.database.db, {
      merchant,
      label,
      rule: "ads",
      text,
      textKey: text,
      platform: "console",
      chatId: "console",
      userId: "eve",
      byUser: "mgr",
      at: T0,
    });
}

/** What the bot said after the last `marker`. */
const saidAfter = (h: Harness, marker: string) => h.screen().split(marker).at(-1)!;

describe("/stats counts the merchant's learned samples", () => {
  it("in zh-CN, this merchant's only", async () => {
    const h = await started("zh-CN");
    teach(h, "xiangmanlou", "spam", ["加微信看片", "代开发票", "刷单日结"]);
    teach(h, "xiangmanlou", "ham", ["今天营业吗"]);
    // Another merchant's samples share the database, not this merchant's count.
    teach(h, "other-shop", "spam", ["百家乐", "加群领红包"]);
    await h.chat.message("mgr", "/stats 1", T0 + MIN);
    expect(saidAfter(h, "最近 1 天本群统计")).toContain("学到的样本：垃圾 3，正常 1");
  });

  it("in zh-TW", async () => {
    const h = await started("zh-TW");
    teach(h, "xiangmanlou", "ham", ["今天营业吗", "几点开门"]);
    await h.chat.message("mgr", "/stats 1", T0 + MIN);
    expect(h.screen()).toContain("學到的樣本：垃圾 0，正常 2");
  });

  it("in English", async () => {
    const h = await started("en");
    teach(h, "xiangmanlou", "spam", ["加微信看片"]);
    teach(h, "xiangmanlou", "ham", ["今天营业吗", "几点开门"]);
    await h.chat.message("mgr", "/stats 1", T0 + MIN);
    expect(saidAfter(h, "This group over the last 1 days")).toContain("Learned samples: 1 spam, 2 ordinary");
  });
});

describe("/audit", () => {
  it("starts every line with the row's id", async () => {
    const h = await started("zh-CN");
    await h.chat.message("eve", "百家乐", T0 + MIN);
    await h.chat.message("mgr", "/warn @eve", T0 + 2 * MIN);
    await h.chat.message("mgr", "/audit 3", T0 + 3 * MIN);
    // The console indents a message's later lines.
    const lines = saidAfter(h, "最近的操作：")
      .trim()
      .split("\n")
      .map((l) => l.trim());
    // The rows /audit showed: those before its own answer, which is audited after it.
    const shown = recentAudit(h.bot.database.db, chatRef, 10).filter((r) => r.command !== "audit");
    expect(lines.map((l) => l.match(/^#(\d+) /)?.[1])).toEqual(shown.slice(0, 3).map((r) => String(r.id)));
    expect(lines[0]).toMatch(/^#\d+ .*警告 eve — \/warn/);
  });
});
