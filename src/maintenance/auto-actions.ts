/**
 * The automatic clean-ups an operator switched on (`maintenance.auto`), as kick actions for the
 * dispatcher: members banned in another group first (the stronger reason), then members silent for
 * too long, each member at most once, at most `max_removals` per run. All off by default; with
 * `dry_run` the same list comes back as shadow actions (logged and audited, nothing done).
 */
import type { KickAction } from "../core/decision.js";
import type { Locale } from "../words/templates.js";
import { taiwanTable } from "../words/traditional.js";
import type { AutoActionsConfig } from "./config.js";
import type { MaintenanceReport } from "./report-data.js";

/** The rule id every maintenance action carries (audit log, `"event":"action"` lines). */
export const MAINTENANCE_RULE = "maintenance";

export interface AutoPlan {
  /** To carry out. */
  actions: KickAction[];
  /** Only to record (dry run). */
  shadow: KickAction[];
  /** Members left for the next run because of max_removals. */
  capped: number;
}

const BY_LOCALE = {
  "zh-CN": {
    bannedElsewhere: "已在本商家的其他群被封禁",
    inactive: (days: number) => `超过 ${days} 天未发言`,
  },
  en: {
    bannedElsewhere: "banned in another of this merchant's groups",
    inactive: (days: number) => `silent for over ${days} days`,
  },
} as const;

const REASONS = { ...BY_LOCALE, "zh-TW": taiwanTable(BY_LOCALE["zh-CN"]) };

export function autoActions(report: MaintenanceReport, auto: AutoActionsConfig, locale: Locale): AutoPlan {
  const words = REASONS[locale];
  const wanted: KickAction[] = [];
  const seen = new Set<string>();
  const add = (user: string, reason: string) => {
    if (seen.has(user)) return;
    seen.add(user);
    wanted.push({ type: "kick", user, rule: MAINTENANCE_RULE, reason });
  };
  if (auto.remove_banned_elsewhere)
    for (const m of report.bannedElsewhere) add(m.userId, words.bannedElsewhere);
  if (auto.remove_inactive)
    for (const m of report.inactive) add(m.userId, words.inactive(report.inactiveDays));
  const kept = wanted.slice(0, auto.max_removals);
  const capped = wanted.length - kept.length;
  return auto.dry_run ? { actions: [], shadow: kept, capped } : { actions: kept, shadow: [], capped };
}
