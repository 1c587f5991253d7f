/** Messages per day. */
import { PALETTE, perDayChart } from "../charts.js";
import { PLAIN_LABELS } from "../labels.js";
import { dayCounts } from "../queries.js";
import { inScope } from "../scope.js";
import type { ReportSection } from "../section.js";

export const messagesSection: ReportSection = {
  id: "messages",
  load(db, window, labels = PLAIN_LABELS) {
    const rows = dayCounts(db, window);
    const w = labels.words.messages;
    return {
      chats: rows,
      view(scope) {
        const perDay = new Map(window.days.map((d) => [d, 0]));
        for (const r of rows) if (inScope(scope, r)) perDay.set(r.day, (perDay.get(r.day) ?? 0) + r.messages);
        const data = window.days.map((d) => perDay.get(d)!);
        return {
          figures: [{ label: w.figure, value: data.reduce((a, b) => a + b, 0) }],
          charts: [
            {
              key: "messages-per-day",
              title: w.chart,
              config: perDayChart(window.days, [{ label: w.series, data, color: PALETTE.blue }]),
            },
          ],
        };
      },
    };
  },
};
