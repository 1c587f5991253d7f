/** Members joining and leaving, per day. */
import { PALETTE, perDayChart } from "../charts.js";
import { PLAIN_LABELS } from "../labels.js";
import { dayCounts } from "../queries.js";
import { inScope } from "../scope.js";
import type { ReportSection } from "../section.js";

export const membershipSection: ReportSection = {
  id: "membership",
  load(db, window, labels = PLAIN_LABELS) {
    const rows = dayCounts(db, window);
    const w = labels.words.membership;
    return {
      chats: rows,
      view(scope) {
        const joins = new Map(window.days.map((d) => [d, 0]));
        const leaves = new Map(window.days.map((d) => [d, 0]));
        for (const r of rows) {
          if (!inScope(scope, r)) continue;
          joins.set(r.day, (joins.get(r.day) ?? 0) + r.joins);
          leaves.set(r.day, (leaves.get(r.day) ?? 0) + r.leaves);
        }
        const joined = window.days.map((d) => joins.get(d)!);
        const left = window.days.map((d) => leaves.get(d)!);
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        return {
          figures: [
            { label: w.joins, value: sum(joined) },
            { label: w.leaves, value: sum(left) },
          ],
          charts: [
            {
              key: "joins-leaves-per-day",
              title: w.chart,
              config: perDayChart(window.days, [
                { label: w.series.joins, data: joined, color: PALETTE.green },
                { label: w.series.leaves, data: left, color: PALETTE.red },
              ]),
            },
          ],
        };
      },
    };
  },
};
