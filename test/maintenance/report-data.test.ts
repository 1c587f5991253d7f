/**
 * The maintenance report of the seeded scenario (scenario.ts) against lists worked out by hand:
 * every list exactly, names and order.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addWarning, bumpRuleHit, touchMember } from "../../src/db/mod.js";
import { defaultMaintenance, maintenanceSection, settingsFor } from "../../src/maintenance/config.js";
import { buildReport, type ReportInput } from "../../src/maintenance/report-data.js";
import { ago, BOOKING, NOW, type Seeded, SHOP, scenarioPack, seedScenario } from "./scenario.js";

let seeded: Seeded;
beforeEach(() => {
  seeded = seedScenario();
});
afterEach(() => seeded.dispose());

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    db: seeded.database.db,
    chat: SHOP,
    category: "promo",
    pack: scenarioPack(),
    settings: settingsFor(defaultMaintenance(), "promo"),
    now: NOW,
    isAdmin: (u) => u === "platadmin",
    exclude: ["bot"],
    ...overrides,
  };
}

describe("maintenance report of the seeded shop group", () => {
  it("lists members silent for over 60 days, longest first, without admins, the bot, the gone or the sanctioned", () => {
    const report = buildReport(input());
    expect(report.inactive.map((m) => [m.userId, m.name, m.days])).toEqual([
      ["carol", "Carol", 200],
      ["grace", "Grace 小美", 90],
      ["peggy", "Peggy", 64],
      ["oscar", "Oscar", 62],
      ["bob", "Bob", 61],
    ]);
    expect(report.inactive[0]!.lastSeenAt).toBe(ago(200));
    // 18 seen, minus the bot, Frank (kicked after he last spoke) and Mallory (banned here).
    expect(report.memberCount).toBe(15);
  });

  it("counts inactivity from the configured number of days, per category", () => {
    const config = maintenanceSection.parse({ categories: { promo: { inactive_days: 80 } } });
    const report = buildReport(input({ settings: settingsFor(config, "promo") }));
    expect(report.inactive.map((m) => m.userId)).toEqual(["carol", "grace"]);
    expect(report.inactiveDays).toBe(80);
  });

  it("without the engine's knowledge of platform admins, a silent platform admin is listed", () => {
    const report = buildReport(input({ isAdmin: undefined }));
    expect(report.inactive.map((m) => m.userId)).toEqual([
      "carol",
      "platadmin",
      "grace",
      "peggy",
      "oscar",
      "bob",
    ]);
  });

  it("ranks the most warned by active warnings, then warnings given in the period", () => {
    const report = buildReport(input());
    expect(report.mostWarned).toEqual([
      { userId: "bob", name: "Bob", active: 2, given: 3 },
      { userId: "eve", name: "Eve", active: 2, given: 2 },
      { userId: "judy", name: "Judy", active: 1, given: 1 },
      { userId: "alice", name: "Alice", active: 1, given: 0 },
      { userId: "dave", name: "Dave", active: 0, given: 1 },
    ]);
  });

  it("cuts the ranked lists at `top`", () => {
    const config = maintenanceSection.parse({ top: 2 });
    const report = buildReport(input({ settings: settingsFor(config, "promo") }));
    expect(report.mostWarned.map((m) => m.userId)).toEqual(["bob", "eve"]);
    expect(report.faqHits.map((h) => h.id)).toEqual(["hours", "address"]);
    // The lists the automatic actions work from are never cut.
    expect(report.inactive).toHaveLength(5);
  });

  it("lists standing mutes and bans oldest first: not lifted, not ended", () => {
    const report = buildReport(input());
    expect(report.sanctioned).toEqual([
      {
        userId: "mallory",
        name: "Mallory",
        type: "ban",
        rule: "porn",
        since: ago(40),
        endsAt: null,
        soft: false,
      },
      { userId: "ken", name: "ken", type: "mute", rule: "flood", since: ago(1), endsAt: null, soft: false },
      {
        userId: "eve",
        name: "Eve",
        type: "mute",
        rule: "flood",
        since: NOW - 2 * 3_600_000,
        endsAt: NOW + 3_600_000,
        soft: false,
      },
    ]);
  });

  it("counts rule hits and FAQ answers over the 30 local days ending today", () => {
    const report = buildReport(input());
    expect(report.ruleHits).toEqual([
      { id: "ads", count: 7 },
      { id: "old-rule", count: 2 },
    ]);
    expect(report.faqHits).toEqual([
      { id: "hours", count: 5 },
      { id: "address", count: 2 },
    ]);
  });

  it("finds members banned in another group of the same platform who are still here", () => {
    const report = buildReport(input());
    expect(report.bannedElsewhere).toEqual([
      { userId: "grace", name: "Grace 小美", bannedIn: [{ chatId: "-1002", title: "香满楼订座群" }] },
      {
        userId: "judy",
        name: "Judy",
        bannedIn: [
          { chatId: "-1002", title: "香满楼订座群" },
          { chatId: "-1004", title: "香满楼VIP群" },
        ],
      },
    ]);
  });

  it("names rules that could fire here but did not, and FAQs nobody asked", () => {
    const report = buildReport(input());
    // Not links (booking only), greeting (reply only), shadowed (dry run), retired (disabled), flood (promo exempt).
    expect(report.quietRules).toEqual(["gambling", "porn"]);
    // Not parking (booking only).
    expect(report.unaskedFaqs).toEqual(["deals"]);
  });

  it("suggests the clean-ups the lists call for", () => {
    expect(buildReport(input()).suggestions).toEqual([
      { kind: "remove_inactive", count: 5, days: 60 },
      { kind: "remove_banned_elsewhere", count: 2 },
      { kind: "review_sanctions", count: 1, days: 30 },
      { kind: "quiet_rules", ids: ["gambling", "porn"], days: 30 },
      { kind: "unasked_faqs", ids: ["deals"], days: 30 },
    ]);
  });

  it("reports the other group on its own data and category", () => {
    const report = buildReport(input({ chat: BOOKING, category: "booking" }));
    expect(report.title).toBe("香满楼订座群");
    // Zed is banned here, so gone; nobody else was ever seen here.
    expect(report.memberCount).toBe(0);
    expect(report.inactive).toEqual([]);
    // Bob, Grace and Judy were never seen here: named as seen in the shop group.
    expect(report.mostWarned).toEqual([{ userId: "bob", name: "Bob", active: 1, given: 1 }]);
    // Not Heidi (lifted) or Ivan (ended).
    expect(report.sanctioned.map((s) => [s.userId, s.name])).toEqual([
      ["grace", "Grace 小美"],
      ["judy", "Judy"],
      ["zed", "Zed"],
    ]);
    expect(report.ruleHits).toEqual([{ id: "porn", count: 1 }]);
    // Flood is exempt only in promo; porn fired here.
    expect(report.quietRules).toEqual(["ads", "gambling", "links", "flood"]);
    expect(report.unaskedFaqs).toEqual(["hours", "address", "parking"]);
  });

  it("an empty group gives empty lists and no suggestion but the unused rules and FAQs", () => {
    const report = buildReport(input({ chat: { platform: "telegram", chatId: "-1999" } }));
    expect(report.title).toBeNull();
    expect([report.inactive, report.mostWarned, report.sanctioned, report.ruleHits, report.faqHits]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);
    expect(report.suggestions.map((s) => s.kind)).toEqual(["quiet_rules", "unasked_faqs"]);
  });

  it("follows new data: a warning and a hit today move the lists", () => {
    const db = seeded.database.db;
    touchMember(db, SHOP, "carol", "Carol", NOW - 1000, { countMessage: true });
    addWarning(db, { chat: SHOP, userId: "alice", rule: "ads", at: NOW - 1000 });
    addWarning(db, { chat: SHOP, userId: "alice", rule: "ads", at: NOW - 500 });
    bumpRuleHit(db, SHOP, "2026-12-01", "gambling", 1);
    const report = buildReport(input());
    expect(report.inactive.map((m) => m.userId)).toEqual(["grace", "peggy", "oscar", "bob"]);
    expect(report.mostWarned[0]).toEqual({ userId: "alice", name: "Alice", active: 3, given: 2 });
    expect(report.quietRules).toEqual(["porn"]);
  });
});
