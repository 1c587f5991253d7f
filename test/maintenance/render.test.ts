/** The report as chat text: both locales word for word, cut lists, and names chosen to break it. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rememberChat, touchMember } from "../../src/db/mod.js";
import { autoActions } from "../../src/maintenance/auto-actions.js";
import { defaultMaintenance, maintenanceSection, settingsFor } from "../../src/maintenance/config.js";
import { renderReport } from "../../src/maintenance/render.js";
import { buildReport, type MaintenanceReport } from "../../src/maintenance/report-data.js";
import { ago, NOW, type Seeded, SHOP, scenarioPack, seedScenario } from "./scenario.js";

let seeded: Seeded;
beforeEach(() => {
  seeded = seedScenario();
});
afterEach(() => seeded.dispose());

function report(config = defaultMaintenance()): MaintenanceReport {
  return buildReport({
    db: seeded.database.db,
    chat: SHOP,
    category: "promo",
    pack: scenarioPack(),
    settings: settingsFor(config, "promo"),
    now: NOW,
    isAdmin: (u) => u === "platadmin",
    exclude: ["bot"],
  });
}

const zone = "Asia/Shanghai";

describe("maintenance report text", () => {
  it("reads in Simplified Chinese", () => {
    expect(renderReport(report(), { locale: "zh-CN", top: 10, timeZone: zone })).toBe(
      [
        "🧹 群维护报告：香满楼优惠群",
        "2026-12-01 · 已知成员 15 人 · 统计最近 30 天",
        "",
        "😴 超过 60 天未发言（5）",
        "• Carol — 200 天未发言",
        "• Grace 小美 — 90 天未发言",
        "• Peggy — 64 天未发言",
        "• Oscar — 62 天未发言",
        "• Bob — 61 天未发言",
        "",
        "⚠️ 警告最多",
        "• Bob — 有效警告 2，30 天内共 3 次",
        "• Eve — 有效警告 2，30 天内共 2 次",
        "• Judy — 有效警告 1，30 天内共 1 次",
        "• Alice — 有效警告 1，30 天内共 0 次",
        "• Dave — 有效警告 0，30 天内共 1 次",
        "",
        "🔇 正在禁言/封禁（3）",
        "• Mallory — 封禁，直到解除（porn）",
        "• ken — 禁言，直到解除（flood）",
        "• Eve — 禁言，至 2026年12月1日 11:00（flood）",
        "",
        "📊 规则命中（30 天）",
        "• ads 7",
        "• old-rule 2",
        "",
        "❓ 问得最多的问题（30 天）",
        "• hours 5",
        "• address 2",
        "",
        "🚫 在其他群被封禁、仍在本群（2）",
        "• Grace 小美 — 封禁于 香满楼订座群",
        "• Judy — 封禁于 香满楼订座群、香满楼VIP群",
        "",
        "💡 建议",
        "• 移出 5 位超过 60 天未发言的成员",
        "• 处理 2 位在其他群被封禁的成员",
        "• 复查 1 项已持续 30 天以上、没有期限的禁言/封禁",
        "• 30 天内没有命中的规则，可检查是否仍需要：gambling；porn",
        "• 30 天内无人问过的问题，可考虑删减：deals",
      ].join("\n"),
    );
  });

  it("reads in English, with dates in the configured zone", () => {
    const text = renderReport(report(), { locale: "en", top: 10, timeZone: "Europe/London" });
    expect(text.split("\n").slice(0, 4)).toEqual([
      "🧹 Group maintenance: 香满楼优惠群",
      "2026-12-01 · 15 known members · last 30 days",
      "",
      "😴 Silent for over 60 days (5)",
    ]);
    // 11:00 in Shanghai is 03:00 in London (UTC+0 in December).
    expect(text).toContain("\n• Eve — muted, until Dec 1, 2026, 03:00 (flood)\n");
    expect(text).toContain("\n• Bob — 2 active, 3 in 30 days\n");
    expect(text).toContain("\n• Judy — banned in 香满楼订座群, 香满楼VIP群\n");
    expect(text.split("\n").slice(-6)).toEqual([
      "💡 Suggestions",
      "• remove 5 members silent for over 60 days",
      "• deal with 2 members banned in another group",
      "• review 1 open-ended mutes/bans older than 30 days",
      "• rules with no hit in 30 days, still needed? gambling, porn",
      "• FAQs nobody asked in 30 days, worth trimming? deals",
    ]);
    expect(text).not.toMatch(/[\u4e00-\u9fff]{2,}天|建议|禁言/);
  });

  it("cuts long lists with …and N more, but never the suggestions", () => {
    const zh = renderReport(report(), { locale: "zh-CN", top: 2, timeZone: zone }).split("\n");
    const inactive = zh.indexOf("😴 超过 60 天未发言（5）");
    expect(zh.slice(inactive, inactive + 4)).toEqual([
      "😴 超过 60 天未发言（5）",
      "• Carol — 200 天未发言",
      "• Grace 小美 — 90 天未发言",
      "…还有 3 人",
    ]);
    const en = renderReport(report(), { locale: "en", top: 1, timeZone: zone });
    expect(en).toContain("\n• Mallory — banned, until lifted (porn)\n…and 2 more\n");
    // Suggestions stay whole; a suggestion's own list of ids is cut.
    expect(en).toContain("\n• rules with no hit in 30 days, still needed? gambling, …and 1 more\n");
    expect(en.split("\n").filter((l) => l.startsWith("• ") && l.includes("remove 5 members"))).toHaveLength(
      1,
    );
  });

  it("a group with nothing to report says so in every section", () => {
    const empty = buildReport({
      db: seeded.database.db,
      chat: { platform: "telegram", chatId: "-1999" },
      category: "booking",
      pack: { ...scenarioPack(), moderation: [], faq: { cooldown: "2m", entries: [] } },
      settings: settingsFor(defaultMaintenance(), "booking"),
      now: NOW,
    });
    const text = renderReport(empty, { locale: "en", top: 10, timeZone: zone });
    expect(text.split("\n")[0]).toBe("🧹 Group maintenance: -1999");
    expect(text.match(/^• none$/gm)).toHaveLength(7);
  });

  it("names cannot break lines, mention everyone, flip the text or flood the message", () => {
    const db = seeded.database.db;
    const hostile = [
      "Mallet\n• 💡 建议\n• 移出 全部成员",
      "@all 全体成员",
      "\u202Eevil\u2066name\u200b",
      "长".repeat(500),
      "{name}{count}",
    ];
    hostile.forEach((name, i) => touchMember(db, SHOP, `h${i}`, name, ago(300 + i)));
    rememberChat(db, SHOP, "Shop\n🧹 Group maintenance: fake", "promo", NOW);
    const before = renderReport(report(), { locale: "en", top: 10, timeZone: zone });
    const lines = before.split("\n");
    expect(lines[0]).toBe("🧹 Group maintenance: Shop🧹 Group maintenance: fake");
    expect(lines.filter((l) => l.startsWith("🧹"))).toHaveLength(1);
    expect(lines.filter((l) => l === "💡 Suggestions")).toHaveLength(1);
    expect(before).not.toMatch(/[@\u202a-\u202e\u2066-\u2069\u200b]/);
    const inactive = lines.slice(
      lines.indexOf("😴 Silent for over 60 days (10)") + 1,
      lines.indexOf("😴 Silent for over 60 days (10)") + 11,
    );
    expect(inactive).toEqual([
      "• {name}{count} — silent 304 days",
      `• ${"长".repeat(32)}… — silent 303 days`,
      "• evilname — silent 302 days",
      "• ＠all 全体成员 — silent 301 days",
      "• Mallet• 💡 建议• 移出 全部成员 — silent 300 days",
      "• Carol — silent 200 days",
      "• Grace 小美 — silent 90 days",
      "• Peggy — silent 64 days",
      "• Oscar — silent 62 days",
      "• Bob — silent 61 days",
    ]);
  });

  it("shows the automatic clean-up of the run, and says when it is a dry run", () => {
    const config = maintenanceSection.parse({ auto: { remove_banned_elsewhere: true, dry_run: true } });
    const r = report(config);
    const plan = autoActions(r, config.auto, "zh-CN");
    const text = renderReport(r, {
      locale: "zh-CN",
      top: 10,
      timeZone: zone,
      auto: { actions: plan.shadow, mode: "dry_run", capped: plan.capped },
    });
    expect(text.split("\n").slice(-3)).toEqual([
      "🤖 自动清理（试运行，不会执行）",
      "• 移出 Grace 小美（已在本商家的其他群被封禁）",
      "• 移出 Judy（已在本商家的其他群被封禁）",
    ]);
    const capped = maintenanceSection.parse({ auto: { remove_inactive: true, max_removals: 2 } });
    const plan2 = autoActions(r, capped.auto, "en");
    const text2 = renderReport(r, {
      locale: "en",
      top: 10,
      timeZone: zone,
      auto: { actions: plan2.actions, mode: "done", capped: plan2.capped },
    });
    expect(text2.split("\n").slice(-4)).toEqual([
      "🤖 Automatic clean-up",
      "• remove Carol (silent for over 60 days)",
      "• remove Grace 小美 (silent for over 60 days)",
      "3 more over the per-run limit, left for next time",
    ]);
  });
});
