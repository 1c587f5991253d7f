/** Automatic clean-ups: nothing unless switched on, exactly the right kicks when on, shadows in a dry run. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autoActions, MAINTENANCE_RULE } from "../../src/maintenance/auto-actions.js";
import { defaultMaintenance, maintenanceSection, settingsFor } from "../../src/maintenance/config.js";
import { buildReport, type MaintenanceReport } from "../../src/maintenance/report-data.js";
import { NOW, type Seeded, SHOP, scenarioPack, seedScenario } from "./scenario.js";

let seeded: Seeded;
let report: MaintenanceReport;
beforeAll(() => {
  seeded = seedScenario();
  report = buildReport({
    db: seeded.database.db,
    chat: SHOP,
    category: "promo",
    pack: scenarioPack(),
    settings: settingsFor(defaultMaintenance(), "promo"),
    now: NOW,
    isAdmin: (u) => u === "platadmin",
    exclude: ["bot"],
  });
});
afterAll(() => seeded.dispose());

const auto = (section: unknown, category = "promo") =>
  settingsFor(maintenanceSection.parse({ auto: section }), category).auto;
const kick = (user: string, reason: string) => ({ type: "kick", user, rule: MAINTENANCE_RULE, reason });
const BANNED = "banned in another of this merchant's groups";
const SILENT = "silent for over 60 days";

describe("maintenance automatic actions", () => {
  it("are all off by default", () => {
    expect(defaultMaintenance().auto).toEqual({
      remove_banned_elsewhere: false,
      remove_inactive: false,
      dry_run: false,
      max_removals: 50,
    });
    expect(autoActions(report, defaultMaintenance().auto, "en")).toEqual({
      actions: [],
      shadow: [],
      capped: 0,
    });
    // The report still suggests them: the admins decide.
    expect(report.suggestions.map((s) => s.kind)).toContain("remove_banned_elsewhere");
  });

  it("remove members banned in another group when switched on", () => {
    expect(autoActions(report, auto({ remove_banned_elsewhere: true }), "en")).toEqual({
      actions: [kick("grace", BANNED), kick("judy", BANNED)],
      shadow: [],
      capped: 0,
    });
  });

  it("remove inactive members, each once, banned-elsewhere first", () => {
    const plan = autoActions(report, auto({ remove_banned_elsewhere: true, remove_inactive: true }), "en");
    expect(plan.actions).toEqual([
      kick("grace", BANNED),
      kick("judy", BANNED),
      kick("carol", SILENT),
      kick("peggy", SILENT),
      kick("oscar", SILENT),
      kick("bob", SILENT),
    ]);
    // Never an admin, the bot, a muted member, or one already gone.
    for (const u of ["boss", "host", "mgr", "platadmin", "bot", "eve", "frank", "mallory", "dave"])
      expect(plan.actions.map((a) => a.user)).not.toContain(u);
  });

  it("in a dry run come back as shadow actions only", () => {
    const plan = autoActions(report, auto({ remove_banned_elsewhere: true, dry_run: true }), "zh-CN");
    expect(plan.actions).toEqual([]);
    expect(plan.shadow).toEqual([
      kick("grace", "已在本商家的其他群被封禁"),
      kick("judy", "已在本商家的其他群被封禁"),
    ]);
  });

  it("stop at max_removals and say how many were left", () => {
    const plan = autoActions(report, auto({ remove_inactive: true, max_removals: 3 }), "zh-CN");
    expect(plan.actions.map((a) => a.user)).toEqual(["carol", "grace", "peggy"]);
    expect(plan.actions[0]!.reason).toBe("超过 60 天未发言");
    expect(plan.capped).toBe(2);
  });

  it("follow per-category overrides over the section's defaults", () => {
    const config = maintenanceSection.parse({
      auto: { remove_inactive: true, max_removals: 10 },
      categories: { booking: { enabled: false, auto: { remove_inactive: false, dry_run: true } } },
    });
    expect(settingsFor(config, "booking")).toMatchObject({
      enabled: false,
      auto: { remove_inactive: false, dry_run: true, max_removals: 10, remove_banned_elsewhere: false },
    });
    expect(settingsFor(config, "promo").auto).toEqual({
      remove_inactive: true,
      dry_run: false,
      max_removals: 10,
      remove_banned_elsewhere: false,
    });
  });
});

describe("maintenance section of the rule files", () => {
  it("has the documented defaults", () => {
    expect(defaultMaintenance()).toMatchObject({
      enabled: true,
      inactive_days: 60,
      period_days: 30,
      top: 10,
      schedule: "0 10 1 * *",
      time_zone: "Asia/Shanghai",
      send_to: "admins",
      categories: {},
    });
  });

  it("refuses what would fail later: a bad cron, zone, destination, or unknown key", () => {
    const problems = (section: unknown) =>
      maintenanceSection.safeParse(section).error?.issues.map((i) => `${i.path.join(".")}: ${i.code}`) ?? [];
    expect(problems({ schedule: "every month" })).toEqual(["schedule: custom"]);
    // Five fields that cron-parser refuses (no 30th of February) are no cron either.
    expect(problems({ schedule: "0 10 30 2 *" })).toEqual(["schedule: custom"]);
    expect(problems({ schedule: "0 10 1 * * * *" })).toEqual(["schedule: custom"]);
    expect(problems({ schedule: "*/5 9-18 * * 1-5" })).toEqual([]);
    expect(problems({ time_zone: "Mars/Olympus" })).toEqual(["time_zone: custom"]);
    expect(problems({ send_to: "everyone" })).toEqual(["send_to: invalid_union"]);
    expect(problems({ send_to: { platform: "telegram", id: "-100999" } })).toEqual([]);
    expect(problems({ auto: { remove_everyone: true } })).toEqual(["auto: unrecognized_keys"]);
    expect(problems({ inactive_days: 0 })).toEqual(["inactive_days: too_small"]);
    expect(problems({ categories: { Promo: {} } })).toEqual(["categories.Promo: invalid_key"]);
  });
});
