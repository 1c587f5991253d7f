/**
 * The escalation ladder: the Nth active warning of a member in a chat brings
 * the Nth step (warn, warn, mute 1h, mute 1d, kick by default); past the end,
 * the last step repeats. Warnings expire after the configured time.
 */
import type { Action } from "../core/decision.js";
import { parseDuration } from "../rules/duration.js";
import type { RulePack } from "../rules/rule-pack.js";
import type { LadderStep } from "../rules/schema.js";

export interface Ladder {
  steps: LadderStep[];
  warningExpiryMs: number;
  resetAfterKick: boolean;
}

/** One ladder per category (its override, or the pack's ladder). */
export function compileLadders(pack: RulePack): { byCategory: Map<string, Ladder>; fallback: Ladder } {
  const e = pack.escalation;
  const fallback: Ladder = {
    steps: e.ladder,
    warningExpiryMs: (parseDuration(e.warning_expiry) ?? 0) * 1000,
    resetAfterKick: e.reset_after_kick,
  };
  const byCategory = new Map<string, Ladder>();
  for (const [category, o] of Object.entries(e.categories)) {
    byCategory.set(category, {
      steps: o.ladder ?? fallback.steps,
      warningExpiryMs:
        o.warning_expiry === undefined
          ? fallback.warningExpiryMs
          : (parseDuration(o.warning_expiry) ?? 0) * 1000,
      resetAfterKick: fallback.resetAfterKick,
    });
  }
  return { byCategory, fallback };
}

/** The sanction the `count`th active warning brings, beside the warning itself. */
export function ladderSanction(
  ladder: Ladder,
  count: number,
  user: string,
  rule: string,
): Action | undefined {
  const step = ladder.steps[Math.min(count, ladder.steps.length) - 1]!;
  if (step === "warn") return undefined;
  if (step === "kick") return { type: "kick", user, rule };
  if (step === "ban") return { type: "ban", user, rule };
  if ("mute" in step) return { type: "mute", user, rule, seconds: parseDuration(step.mute) ?? 3600 };
  return { type: "ban", user, rule, seconds: parseDuration(step.ban) ?? 0 };
}
