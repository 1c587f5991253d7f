/**
 * One group's maintenance, start to finish but without sending: the settings for its category, the
 * report, the automatic clean-up, and the text. The /maintenance command and the scheduled job both
 * go through here, so the text an admin asks for is the text the schedule sends.
 */
import type { KickAction } from "../core/decision.js";
import type { Db, DbChat } from "../db/mod.js";
import type { RulePack } from "../rules/rule-pack.js";
import { timeZoneOf } from "../words/local-time.js";
import { faqName, ruleName } from "../words/rule-names.js";
import type { Locale } from "../words/templates.js";
import { autoActions } from "./auto-actions.js";
import { type MaintenanceSettings, maintenanceOf, settingsFor } from "./config.js";
import { renderReport } from "./render.js";
import { buildReport, type MaintenanceReport } from "./report-data.js";

export interface ComposeInput {
  db: Db;
  chat: DbChat;
  category: string;
  pack: RulePack;
  now: number;
  /** "scheduled": the clean-up is carried out (or shadowed); "command": it is only shown as planned. */
  mode: "scheduled" | "command";
  /** Overrides the category's inactive_days (`/maintenance 90`). */
  inactiveDays?: number;
  isAdmin?: (userId: string) => boolean;
  exclude?: readonly string[];
  statsTimeZone?: string;
}

export interface ComposedMaintenance {
  settings: MaintenanceSettings;
  locale: Locale;
  report: MaintenanceReport;
  /** Kicks to carry out now (scheduled runs only). */
  actions: KickAction[];
  /** Kicks only to record (a dry run). */
  shadow: KickAction[];
  text: string;
}

export function composeMaintenance(input: ComposeInput): ComposedMaintenance {
  const base = settingsFor(maintenanceOf(input.pack), input.category);
  const settings = input.inactiveDays === undefined ? base : { ...base, inactiveDays: input.inactiveDays };
  const locale = input.pack.categories[input.category]?.locale ?? "zh-CN";
  // Statistics are kept in the group's days (the dispatcher counts them in timeZoneOf its category).
  const statsTimeZone = input.statsTimeZone ?? timeZoneOf(input.pack, input.category);
  const report = buildReport({ ...input, statsTimeZone, settings });
  const plan = autoActions(report, settings.auto, locale);
  const scheduled = input.mode === "scheduled";
  const mode = settings.auto.dry_run ? "dry_run" : scheduled ? "done" : "planned";
  const text = renderReport(report, {
    locale,
    top: settings.top,
    timeZone: timeZoneOf(input.pack, input.category),
    names: {
      rule: (id) => ruleName(input.pack, id, locale),
      faq: (id) => faqName(input.pack, id, locale),
    },
    auto: { actions: [...plan.actions, ...plan.shadow], mode, capped: plan.capped },
  });
  return {
    settings,
    locale,
    report,
    actions: scheduled ? plan.actions : [],
    shadow: scheduled ? plan.shadow : [],
    text,
  };
}
