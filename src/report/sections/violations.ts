/** Violations by rule. */
import { heightFor, PALETTE, perNameChart, rankByCount } from "../charts.js";
import { ruleHitCounts } from "../queries.js";
import { inScope } from "../scope.js";
import type { ReportSection } from "../section.js";

export const violationsSection: ReportSection = {
  id: "violations",
  title: "Violations by rule",
  load(db, window) {
    const rows = ruleHitCounts(db, window);
    return {
      chats: rows,
      view(scope) {
        const ranked = rankByCount(
          rows.filter((r) => inScope(scope, r)),
          (r) => r.key,
          (r) => r.count,
        );
        const total = ranked.reduce((a, r) => a + r.count, 0);
        const figures = [{ label: "violations", value: total }];
        if (ranked.length === 0) return { figures, charts: [], empty: "No violations in this period." };
        return {
          figures,
          charts: [
            {
              key: "violations-by-rule",
              title: "Violations by rule",
              height: heightFor(ranked.length),
              config: perNameChart(
                ranked.map((r) => r.name),
                [{ label: "violations", data: ranked.map((r) => r.count), color: PALETTE.red }],
              ),
            },
          ],
        };
      },
    };
  },
};
