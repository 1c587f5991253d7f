/**
 * The `maintenance:` section through the real rule loader: defaults, a full section, problems as
 * file:line:col, a second section refused, unknown categories caught, per-category settings.
 */
import { describe, expect, it } from "vitest";
import { maintenanceOf, settingsFor } from "../../src/maintenance/config.js";
import { loadRules } from "../../src/rules/load.js";
import { MINIMAL_CATEGORIES, ruleDir } from "../helpers/rules.js";

describe("maintenance section in the rule files", () => {
  it("gives every pack the defaults, and a written section replaces them", () => {
    const plain = loadRules(ruleDir({ "a.yaml": MINIMAL_CATEGORIES }));
    expect(plain.ok && maintenanceOf(plain.pack)).toMatchObject({ inactive_days: 60, send_to: "admins" });
    const written = loadRules(
      ruleDir({
        "a.yaml": MINIMAL_CATEGORIES,
        "maintenance.yaml": `maintenance:
  inactive_days: 45
  schedule: "0 9 1 * *"
  send_to: { platform: telegram, id: "-100777" }
  auto: { remove_banned_elsewhere: true, dry_run: true }
  categories:
    promo: { inactive_days: 90, auto: { dry_run: false } }
`,
      }),
    );
    if (!written.ok) throw new Error(JSON.stringify(written.problems));
    const settings = settingsFor(maintenanceOf(written.pack), "promo");
    expect(settings).toMatchObject({
      inactiveDays: 90,
      schedule: "0 9 1 * *",
      sendTo: { platform: "telegram", id: "-100777" },
      auto: { remove_banned_elsewhere: true, remove_inactive: false, dry_run: false, max_removals: 50 },
    });
  });

  it("reports mistakes as file:line:col problems", () => {
    const dir = ruleDir({
      "a.yaml": MINIMAL_CATEGORIES,
      "m.yaml": `maintenance:
  schedule: monthly
  auto:
    remove_everyone: true
  categories:
    booking: { inactive_days: 10 }
`,
      "n.yaml": "maintenance: { top: 5 }\n",
    });
    const result = loadRules(dir);
    expect(result.ok).toBe(false);
    const problems = result.ok
      ? []
      : result.problems.map((p) => `${p.file.slice(dir.length + 1)}:${p.line}:${p.col} ${p.message}`);
    expect(problems).toEqual([
      'm.yaml:2:13 maintenance.schedule: "monthly" is not a cron expression: it needs 5 fields (minute hour day month weekday) or 6 with seconds first, e.g. "0 10 1 * *" for 10:00 on the 1st of every month',
      'm.yaml:4:5 unknown key "remove_everyone"',
    ]);
    const twice = loadRules(
      ruleDir({
        "a.yaml": MINIMAL_CATEGORIES,
        "m.yaml": "maintenance: { top: 5 }\n",
        "n.yaml": "maintenance: { top: 5 }\n",
      }),
    );
    expect(twice.ok ? [] : twice.problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      expect.stringMatching(/^1:1 "maintenance" is already defined in .*m\.yaml$/),
    ]);
    const unknown = loadRules(
      ruleDir({
        "a.yaml": MINIMAL_CATEGORIES,
        "m.yaml": "maintenance:\n  categories:\n    booking: { inactive_days: 5 }\n",
      }),
    );
    expect(unknown.ok ? [] : unknown.problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '3:14 unknown category "booking"',
    ]);
  });
});
