/** Messages per day. */
import { PALETTE, perDayChart } from "../charts.js";
import { dayCounts } from "../queries.js";
import { inScope } from "../scope.js";
import type { ReportSection } from "../section.js";

export const messagesSection: ReportSection = {
  id: "messages",
  title: "Messages",
  load(db, window) {
    const rows = dayCounts(db, window);
    return {
      chats: rows,
      view(scope) {
        const perDay = new Map(window.days.map((d) => [d, 0]));
        for (const r of rows) if (inScope(scope, r)) perDay.set(r.day, (perDay.get(r.day) ?? 0) + r.messages);
        const data = window.days.map((d) => perDay.get(d)!);
        return {
          figures: [{ label: "messages", value: data.reduce((a, b) => a + b, 0) }],
          charts: [
            {
              key: "messages-per-day",
              title: "Messages per day",
              config: perDayChart(window.days, [{ label: "messages", data, color: PALETTE.blue }]),
            },
          ],
        };
      },
    };
  },
};
