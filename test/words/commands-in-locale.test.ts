/**
 * What admins read in the chat, word for word, through the console adapter and the real bot
 * (SQLite file, rule directory on disk): labels in the group's language, rules and FAQs by the
 * descriptions in the rule files, schedules in words, times in the group's zone.
 * T0 is 2026-11-23 12:00 in Shanghai (04:00 UTC), a Monday.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { claimDelivery, markDelivered } from "../../src/db/mod.js";
import { harness, MIN, T0, tempDb } from "../helpers/bot.js";
import { group, groupRules, lastAnswer } from "./chat.js";

const console_ = { platform: "console" as const, chatId: "console" };

describe("/stats in the group's language", () => {
  it("zh-CN: every label in Chinese, rules and FAQs by their descriptions, rules sharing one merged", async () => {
    const h = await group();
    await h.chat.message("eve", "百家乐", T0 + MIN);
    await h.chat.message("eve", "请问几点开门？", T0 + 2 * MIN);
    await h.chat.message("bob", "加我微信 abc12345 有优惠", T0 + 3 * MIN);
    await h.chat.message("mgr", "/warn @eve", T0 + 4 * MIN);
    await h.chat.message("mgr", "/stats 1", T0 + 5 * MIN);
    expect(lastAnswer(h)).toBe(
      [
        "最近 1 天本群统计：",
        "消息 8 · 入群 0 · 退群 0 · 违规 2 · 自动回答 1",
        "违规规则：赌博 1，拉人、私加联系方式 1",
        "自动回答：营业时间 1",
        "警告最多：eve 2，bob 1",
        "学到的样本：垃圾 0，正常 0",
      ].join("\n"),
    );
  });

  it("en: English labels; the rules keep the names the rule files give them", async () => {
    const h = await group({ locale: "en" });
    await h.chat.message("eve", "百家乐", T0 + MIN);
    await h.chat.message("mgr", "/stats", T0 + 2 * MIN);
    expect(lastAnswer(h)).toBe(
      [
        "This group over the last 7 days:",
        "messages 5 · joins 0 · leaves 0 · violations 1 · FAQ answers 0",
        "rules: 赌博 1",
        "FAQ: —",
        "most warned: eve 1",
        "Learned samples: 0 spam, 0 ordinary",
      ].join("\n"),
    );
  });

  it("does not count what a group in dry-run mode only pretended to do as violations", async () => {
    const h = await group();
    await h.chat.message("mgr", "/dryrun on", T0 + MIN);
    await h.chat.message("eve", "百家乐", T0 + 2 * MIN);
    await h.chat.message("mgr", "/stats 1", T0 + 3 * MIN);
    expect(lastAnswer(h)).toContain("违规 0");
    expect(lastAnswer(h)).toContain("违规规则：—");
  });
});

describe("/reload", () => {
  it("counts the rules in the group's language", async () => {
    const zh = await group();
    await zh.chat.message("mgr", "/reload", T0 + MIN);
    expect(lastAnswer(zh)).toBe("✅ 规则已重新加载：14 条管理规则，6 个自动回答的问题");
    const en = await group({ locale: "en" });
    await en.chat.message("mgr", "/reload", T0 + MIN);
    expect(lastAnswer(en)).toBe("✅ Rules reloaded: 14 moderation rules, 6 FAQs");
  });
});

describe("/audit", () => {
  it("shows the time the members saw (Shanghai, not UTC), the action and outcome in words, the rule by name", async () => {
    const h = await group();
    await h.chat.message("eve", "百家乐", T0 + 25 * MIN);
    await h.chat.message("mgr", "/audit 2", T0 + 30 * MIN);
    expect(lastAnswer(h)).toBe(
      [
        "最近的操作：",
        "#2 11月23日 12:25 警告 eve — 赌博（已执行）",
        "#1 11月23日 12:25 删除消息 eve — 赌博（已执行）",
      ].join("\n"),
    );
  });

  it("follows the category's own time zone, and writes English dates in English", async () => {
    const h = await group({ locale: "en", timeZone: "Europe/Berlin" });
    await h.chat.message("eve", "百家乐", T0 + 25 * MIN);
    await h.chat.message("mgr", "/audit 1", T0 + 30 * MIN);
    expect(lastAnswer(h)).toBe(["Latest actions:", "#2 Nov 23, 05:25 warn eve — 赌博 (done)"].join("\n"));
  });
});

describe("/promo", () => {
  it("list: the schedule in words with its zone named, targets by category name, state in words", async () => {
    const h = await group();
    await h.chat.message("mgr", "/promo list", T0 + MIN);
    expect(lastAnswer(h)).toBe(
      [
        "定时推送：",
        "• lunch-special 工作日午市特价：工作日 11:00（北京时间） → 香满楼优惠群 · 启用中",
        "• weekend-event 周末活动预告：每周五 18:00（北京时间） → 香满楼优惠群、香满楼订座群 · 启用中",
      ].join("\n"),
    );
    const en = await group({ locale: "en" });
    await en.chat.message("mgr", "/promo list", T0 + MIN);
    expect(lastAnswer(en)).toContain(
      "• lunch-special 工作日午市特价: weekdays at 11:00 (Beijing time) → Deals · on",
    );
  });

  it("broadcast: the preview names the categories as the rule files do", async () => {
    const h = await group();
    await h.chat.message("boss", "/broadcast promo 今晚八点起全场半价", T0 + MIN);
    expect(lastAnswer(h)).toBe(
      "📣 将发送到 1 个群（香满楼优惠群）：\n今晚八点起全场半价\n5 分钟内发送 /broadcast confirm 确认。",
    );
  });

  it("status: each run of the week in the group's zone, an uncertain group by its title with the command that resends it", async () => {
    const h = await group();
    const db = h.bot.database.db;
    // The ledger as the promo worker leaves it after the 11:00 slot: one sent, one claimed by a worker that died.
    const slot = Date.parse("2026-11-23T11:00:00+08:00");
    claimDelivery(db, { promo: "lunch-special", chat: { platform: "console", chatId: "other" }, slot }, slot);
    markDelivered(db, { promo: "lunch-special", chat: { platform: "console", chatId: "other" }, slot }, slot);
    claimDelivery(db, { promo: "lunch-special", chat: console_, slot }, slot);
    claimDelivery(db, { promo: "lunch-special", chat: console_, slot }, slot + MIN);
    await h.chat.message("mgr", "/promo status lunch-special", T0 + MIN);
    expect(lastAnswer(h)).toBe(
      [
        "推送 lunch-special 最近 7 天的发送（北京时间）：",
        "• 11月23日 11:00 [1123-1100]：已发送 1，失败 0，结果不明 1",
        "  ⚠ 香满楼优惠群 → /promo resend lunch-special 1123-1100",
      ].join("\n"),
    );
  });
});

describe("a sanction command whose member is left out", () => {
  it.each([
    ["/mute 10m", "用法：/mute <时长> [理由]，时长如 30s、10m、2h、1d、1w"],
    ["/mute 2h 刷屏", "用法：/mute <时长> [理由]，时长如 30s、10m、2h、1d、1w"],
    ["/ban 1d 广告", "用法：/ban [时长] [理由]（不写时长为永久）"],
    ["/warn 30m", "用法：/warn [理由]（回复消息、@成员或写用户 ID）"],
    ["/kick 1h", "用法：/kick [理由]（回复消息、@成员或写用户 ID）"],
    ["/unmute 10m", "用法：/unmute（回复消息、@成员或写用户 ID）"],
    // A word that is no duration may be a misspelt name: that is what the answer says.
    ["/mute nobody 10m", "在本群找不到成员 nobody。"],
  ])("%s → %s", async (command, answer) => {
    const h = await group();
    await h.chat.message("mgr", command, T0 + MIN);
    expect(lastAnswer(h)).toBe(answer);
  });

  it("still finds a member whose name looks like a duration", async () => {
    const h = await group();
    h.chat.member("10m");
    await h.chat.message("10m", "大家好", T0 + MIN);
    await h.chat.message("mgr", "/mute 10m 1h", T0 + 2 * MIN);
    expect(lastAnswer(h)).toBe("@10m 🔇 10m 已被禁言 1 小时（管理员决定）。");
  });
});

describe("/admins", () => {
  it("lists the platform admin who asks, with owners from the rules and admins appointed in chat, each by kind", async () => {
    const h = await group();
    await h.chat.message("boss", "/admin add @bob", T0 + MIN);
    await h.chat.message("mgr", "/admins", T0 + 2 * MIN);
    expect(lastAnswer(h)).toBe(
      [
        "本群管理员：",
        "★ 店长（超级管理员）",
        "★ 王老板（超级管理员）",
        "• mgr（群管理员）",
        "• bob（机器人任命）",
      ].join("\n"),
    );
    const en = await group({ locale: "en" });
    await en.chat.message("mgr", "/admins", T0 + MIN);
    expect(lastAnswer(en)).toContain("• mgr (group admin)");
  });
});

describe("zh-TW groups", () => {
  it("get the bot's words in Traditional Chinese as Taiwan writes them", async () => {
    const h = await group({ locale: "zh-TW", timeZone: "Asia/Taipei" });
    await h.chat.message("eve", "百家乐", T0 + MIN);
    expect(lastAnswer(h)).toBe("@eve ⚠️ eve，你的訊息違反了群規（賭博），警告 1/5。");
    await h.chat.message("eve", "/kick @bob", T0 + 2 * MIN);
    expect(lastAnswer(h)).toBe("⛔ 只有本群管理員可以使用 /kick。");
    await h.chat.message("mgr", "/stats 1", T0 + 3 * MIN);
    expect(lastAnswer(h)).toBe(
      [
        "最近 1 天本群統計：",
        "訊息 6 · 入群 0 · 退群 0 · 違規 1 · 自動回答 0",
        "違規規則：賭博 1",
        "自動回答：—",
        "警告最多：eve 1",
        "學到的樣本：垃圾 0，正常 0",
      ].join("\n"),
    );
    await h.chat.message("mgr", "/promo list", T0 + 4 * MIN);
    expect(lastAnswer(h)).toContain(
      "• weekend-event 週末活動預告：每週五 18:00（北京時間） → 香滿樓優惠群、香滿樓訂座群 · 啟用中",
    );
    await h.chat.message("mgr", "/audit 1", T0 + 5 * MIN);
    expect(lastAnswer(h)).toBe("最近的操作：\n#5 11月23日 12:04 回覆 — /promo（已執行）");
    await h.chat.message("mgr", "/dryrun on", T0 + 6 * MIN);
    expect(lastAnswer(h)).toBe("🧪 本群已進入試運行模式：只記錄處理結果，不做任何操作。");
    // Taiwan's words where OpenCC's would read as Mainland usage or another word (回復 is "restore").
    await h.chat.message("mgr", "/unwarn", T0 + 6 * MIN + 30_000);
    expect(lastAnswer(h)).toBe("請回覆要處理的成員的訊息，或 @ 該成員，或寫出其使用者 ID。");
    // The maintenance report too; the group's title stays as its members wrote it.
    await h.chat.message("mgr", "/maintenance", T0 + 6 * MIN + 40_000);
    expect(lastAnswer(h)).toMatch(
      /^🧹 群維護報告：香满楼优惠群\n2026-11-23 · 已知成員 4 人 · 統計最近 30 天\n/,
    );
    expect(lastAnswer(h)).toContain("📊 規則命中（30 天）\n• 賭博 1\n");
    await h.chat.message("mgr", "/help", T0 + 7 * MIN);
    expect(lastAnswer(h)).toContain("/dryrun on|off 試運行：只記錄，不操作");
  });
});

describe("a command the platform cannot carry out", () => {
  it("is explained to the admin in the group's language", async () => {
    const h = harness(groupRules(), tempDb(), { capabilities: { canKick: false, canBan: false } });
    await h.bot.start();
    h.chat.member("mgr", true);
    h.chat.member("bob");
    await h.chat.message("bob", "大家好", T0);
    await h.chat.message("mgr", "/kick @bob", T0 + MIN);
    expect(lastAnswer(h)).toBe("⚠️ /kick 没能执行：本平台不允许机器人移出成员。");
    const en = harness(groupRules({ locale: "en" }), tempDb(), {
      capabilities: { canKick: false, canBan: false },
    });
    await en.bot.start();
    en.chat.member("mgr", true);
    en.chat.member("bob");
    await en.chat.message("bob", "hi", T0);
    await en.chat.message("mgr", "/ban @bob", T0 + MIN);
    expect(lastAnswer(en)).toBe(
      "⚠️ /ban could not be carried out: the platform does not let the bot ban or remove members.",
    );
  });
});

describe("an operator's own wording", () => {
  it("written for zh-CN reaches a zh-TW group converted, unless the files say it for zh-TW too", async () => {
    const rules = groupRules({ locale: "zh-TW" });
    writeFileSync(
      join(rules, "words.yaml"),
      [
        "templates:",
        "  zh-CN:",
        '    warn: "⚠️ {name}，请遵守群规：{reason}（第 {count} 次提醒）"',
        "    kick: 再见 {name}",
        "  zh-TW:",
        "    kick: 掰掰 {name}",
        "",
      ].join("\n"),
    );
    const h = await group({}, rules);
    await h.chat.message("eve", "百家乐", T0 + MIN);
    expect(lastAnswer(h)).toBe("@eve ⚠️ eve，請遵守群規：賭博（第 1 次提醒）");
    await h.chat.message("boss", "/kick @eve", T0 + 2 * MIN);
    expect(lastAnswer(h)).toBe("掰掰 eve");
  });
});
