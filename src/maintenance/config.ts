/**
 * The `maintenance:` section of the rule files: the monthly report each group's admins get, and the
 * automatic clean-ups an operator may switch on. Every automatic action is off by default: removing
 * customers from a merchant's group is the merchant's decision, never the bot's unasked.
 */
import { z } from "zod";
import { cronField } from "../rules/cron.js";
import { id, timeZone } from "../rules/fields.js";
import type { RulePack } from "../rules/rule-pack.js";

// Checked at load with BullMQ's own parser, so that a typo is a file:line:col problem, not a
// scheduler error per chat at start.
const cron = cronField('"0 10 1 * *" for 10:00 on the 1st of every month');

const sendTo = z
  .union([
    z.enum(["admins", "group", "admins_or_group"]),
    z.strictObject({
      platform: z.enum(["telegram", "wechat", "console"]),
      id: z.string().min(1).describe("The staff chat's id on its platform"),
    }),
  ])
  .describe(
    "admins: a private message to each owner and bot admin of the group (nobody reachable: not sent, logged) | group: into the group itself | admins_or_group: admins, else the group | {platform, id}: a staff chat",
  );

const auto = z
  .strictObject({
    remove_banned_elsewhere: z
      .boolean()
      .default(false)
      .describe("Remove a member who has a standing ban in another group of this bot (same platform)"),
    remove_inactive: z
      .boolean()
      .default(false)
      .describe("Remove members not seen for inactive_days (never admins)"),
    dry_run: z
      .boolean()
      .default(false)
      .describe("Shadow mode: list what would be removed in the report and the log, remove nobody"),
    max_removals: z
      .number()
      .int()
      .min(1)
      .default(50)
      .describe("At most this many removals per group per run, so a wrong setting cannot empty a group"),
  })
  .describe("Automatic clean-ups at the scheduled run; all off by default");

const categoryOverride = z
  .strictObject({
    enabled: z.boolean().optional(),
    inactive_days: z.number().int().min(1).optional(),
    send_to: sendTo.optional(),
    // Not auto.partial(): zod keeps the defaults inside partial(), and an override would reset them.
    auto: z
      .strictObject({
        remove_banned_elsewhere: z.boolean().optional(),
        remove_inactive: z.boolean().optional(),
        dry_run: z.boolean().optional(),
        max_removals: z.number().int().min(1).optional(),
      })
      .optional(),
  })
  .describe("Overrides for the groups of one category");

export const maintenanceSection = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe("Send the scheduled report (the /maintenance command always works)"),
    inactive_days: z
      .number()
      .int()
      .min(1)
      .default(60)
      .describe("A member not seen for this many days is listed as inactive"),
    period_days: z
      .number()
      .int()
      .min(1)
      .default(30)
      .describe("Warnings, rule hits and FAQ questions are counted over this many days"),
    top: z.number().int().min(1).max(100).default(10).describe("Longest list shown in the report"),
    schedule: cron.default("0 10 1 * *"),
    time_zone: timeZone.default("Asia/Shanghai"),
    send_to: sendTo.default("admins"),
    auto: auto.default({
      remove_banned_elsewhere: false,
      remove_inactive: false,
      dry_run: false,
      max_removals: 50,
    }),
    categories: z.record(id, categoryOverride).default({}).describe("Per-category overrides"),
  })
  .describe("Monthly group maintenance: a report to the admins, and optional automatic clean-ups");

export type MaintenanceConfig = z.output<typeof maintenanceSection>;
export type SendTo = MaintenanceConfig["send_to"];
export type AutoActionsConfig = MaintenanceConfig["auto"];

/** The settings of one category's groups: the section with that category's overrides applied. */
export interface MaintenanceSettings {
  enabled: boolean;
  inactiveDays: number;
  periodDays: number;
  top: number;
  schedule: string;
  timeZone: string;
  sendTo: SendTo;
  auto: AutoActionsConfig;
}

/** What a pack without a `maintenance:` section gets. */
export function defaultMaintenance(): MaintenanceConfig {
  return maintenanceSection.parse({});
}

/**
 * The pack's maintenance section, or the defaults. Reads `pack.maintenance` once the loader puts it
 * there; until then (and for packs without the section) every group gets the defaults.
 */
export function maintenanceOf(pack: RulePack): MaintenanceConfig {
  return (pack as RulePack & { maintenance?: MaintenanceConfig }).maintenance ?? defaultMaintenance();
}

export function settingsFor(config: MaintenanceConfig, category: string): MaintenanceSettings {
  const o = config.categories[category] ?? {};
  return {
    enabled: o.enabled ?? config.enabled,
    inactiveDays: o.inactive_days ?? config.inactive_days,
    periodDays: config.period_days,
    top: config.top,
    schedule: config.schedule,
    timeZone: config.time_zone,
    sendTo: o.send_to ?? config.send_to,
    auto: { ...config.auto, ...definedOnly(o.auto ?? {}) },
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
