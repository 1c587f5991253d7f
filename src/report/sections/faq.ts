/** FAQ answers by FAQ id. */
import { heightFor, PALETTE, perNameChart, rankByCount } from "../charts.js";
import { faqHitCounts } from "../queries.js";
import { inScope } from "../scope.js";
import type { ReportSection } from "../section.js";

export const faqSection: ReportSection = {
  id: "faq",
  title: "FAQ answers",
  load(db, window) {
    const rows = faqHitCounts(db, window);
    return {
      chats: rows,
      view(scope) {
        const ranked = rankByCount(
          rows.filter((r) => inScope(scope, r)),
          (r) => r.key,
          (r) => r.count,
        );
        const total = ranked.reduce((a, r) => a + r.count, 0);
        const figures = [{ label: "FAQ answers", value: total }];
        if (ranked.length === 0) return { figures, charts: [], empty: "No FAQ answers in this period." };
        return {
          figures,
          charts: [
            {
              key: "faq-answers-by-id",
              title: "FAQ answers by FAQ",
              height: heightFor(ranked.length),
              config: perNameChart(
                ranked.map((r) => r.name),
                [{ label: "answers", data: ranked.map((r) => r.count), color: PALETTE.sky }],
              ),
            },
          ],
        };
      },
    };
  },
};
