/**
 * What the bot did, from the audit log: each action type by outcome. Shows where a platform
 * made it degrade (a WeChat "mute" that became a soft mute), refuse or fail.
 */
import type { ActionType } from "../../core/decision.js";
import type { AuditOutcome } from "../../db/schema.js";
import { actionWord, outcomeWord } from "../../words/action-words.js";
import { heightFor, PALETTE, perNameChart } from "../charts.js";
import { PLAIN_LABELS } from "../labels.js";
import { actionCounts } from "../queries.js";
import { inScope } from "../scope.js";
import type { ReportSection } from "../section.js";

/** Sanctions first, then their reversals, then talking: the order an operator reads them in. */
const ACTION_ORDER: readonly ActionType[] = [
  "delete",
  "warn",
  "mute",
  "kick",
  "ban",
  "unwarn",
  "unmute",
  "unban",
  "reply",
  "notify",
];

const OUTCOMES: readonly { outcome: AuditOutcome; color: string }[] = [
  { outcome: "done", color: PALETTE.green },
  { outcome: "degraded", color: PALETTE.orange },
  { outcome: "refused", color: PALETTE.purple },
  { outcome: "failed", color: PALETTE.red },
  { outcome: "shadow", color: PALETTE.grey },
];

export const actionsSection: ReportSection = {
  id: "actions",
  load(db, window, labels = PLAIN_LABELS) {
    const rows = actionCounts(db, window);
    const w = labels.words.actions;
    return {
      chats: rows,
      view(scope) {
        const counts = new Map<string, number>();
        let total = 0;
        for (const r of rows) {
          if (!inScope(scope, r)) continue;
          const key = `${r.action}/${r.outcome}`;
          counts.set(key, (counts.get(key) ?? 0) + r.count);
          total += r.count;
        }
        const count = (a: string, o: AuditOutcome) => counts.get(`${a}/${o}`) ?? 0;
        const figures = [{ label: w.figure, value: total }];
        // Action types this module does not know yet (added to the bot later) still show, after the known ones.
        const seen = new Set([...counts.keys()].map((k) => k.slice(0, k.indexOf("/"))));
        const known = new Set<string>(ACTION_ORDER);
        const actions: string[] = [
          ...ACTION_ORDER.filter((a) => seen.has(a)),
          ...[...seen].filter((a) => !known.has(a)).sort(),
        ];
        if (actions.length === 0) return { figures, charts: [], empty: w.empty };
        // Only outcomes that happened: most scopes have nothing refused and no dry runs.
        const outcomes = OUTCOMES.filter(({ outcome }) => actions.some((a) => count(a, outcome) > 0));
        return {
          figures,
          charts: [
            {
              key: "actions-by-outcome",
              title: w.chart,
              height: heightFor(actions.length),
              config: perNameChart(
                actions.map((a) => actionWord(a, labels.locale)),
                outcomes.map((o) => ({
                  label: outcomeWord(o.outcome, labels.locale),
                  data: actions.map((a) => count(a, o.outcome)),
                  color: o.color,
                })),
              ),
            },
          ],
        };
      },
    };
  },
};
