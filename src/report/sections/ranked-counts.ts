/**
 * A section that ranks names by a count (violations by rule, FAQ answers by FAQ): one headline
 * total and one bar per name, most first.
 */
import type { Db } from "../../db/open.js";
import { heightFor, perNameChart, rankByCount } from "../charts.js";
import type { KeyedCount } from "../queries.js";
import { inScope } from "../scope.js";
import type { ReportSection } from "../section.js";
import type { ReportWindow } from "../window.js";

export interface RankedCountsOptions {
  id: string;
  title: string;
  rows: (db: Db, window: ReportWindow) => KeyedCount[];
  /** The headline figure's label and the bars' series label. */
  figure: string;
  series: string;
  chart: { key: string; title: string };
  color: string;
  empty: string;
}

export function rankedCountsSection(o: RankedCountsOptions): ReportSection {
  return {
    id: o.id,
    title: o.title,
    load(db, window) {
      const rows = o.rows(db, window);
      return {
        chats: rows,
        view(scope) {
          const ranked = rankByCount(
            rows.filter((r) => inScope(scope, r)),
            (r) => r.key,
            (r) => r.count,
          );
          const figures = [{ label: o.figure, value: ranked.reduce((a, r) => a + r.count, 0) }];
          if (ranked.length === 0) return { figures, charts: [], empty: o.empty };
          return {
            figures,
            charts: [
              {
                ...o.chart,
                height: heightFor(ranked.length),
                config: perNameChart(
                  ranked.map((r) => r.name),
                  [{ label: o.series, data: ranked.map((r) => r.count), color: o.color }],
                ),
              },
            ],
          };
        },
      };
    },
  };
}
