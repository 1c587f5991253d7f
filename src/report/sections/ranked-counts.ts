/**
 * A section that ranks names by a count (violations by rule, FAQ answers by FAQ): one headline
 * total and one bar per name, most first. Keys are shown by their names in the rule files, and
 * keys that share a name (two rules both described as 广告) are one bar.
 */
import type { Db } from "../../db/open.js";
import { heightFor, perNameChart, rankByCount } from "../charts.js";
import { PLAIN_LABELS, type ReportLabels } from "../labels.js";
import type { KeyedCount } from "../queries.js";
import { inScope } from "../scope.js";
import type { ReportSection } from "../section.js";
import type { ReportWindow } from "../window.js";

/** The words of one ranked section. */
export interface RankedWords {
  /** The headline figure's label. */
  figure: string;
  /** The bars' series label. */
  series: string;
  chart: string;
  empty: string;
}

export interface RankedCountsOptions {
  id: string;
  rows: (db: Db, window: ReportWindow) => KeyedCount[];
  words: (labels: ReportLabels) => RankedWords;
  /** How a key is named for the reader. */
  name: (labels: ReportLabels, key: string) => string;
  /** The chart's stable key (its canvas's data-chart attribute). */
  chartKey: string;
  color: string;
}

export function rankedCountsSection(o: RankedCountsOptions): ReportSection {
  return {
    id: o.id,
    load(db, window, labels = PLAIN_LABELS) {
      const rows = o.rows(db, window);
      const w = o.words(labels);
      return {
        chats: rows,
        view(scope) {
          const ranked = rankByCount(
            rows.filter((r) => inScope(scope, r)),
            (r) => o.name(labels, r.key),
            (r) => r.count,
          );
          const figures = [{ label: w.figure, value: ranked.reduce((a, r) => a + r.count, 0) }];
          if (ranked.length === 0) return { figures, charts: [], empty: w.empty };
          return {
            figures,
            charts: [
              {
                key: o.chartKey,
                title: w.chart,
                height: heightFor(ranked.length),
                config: perNameChart(
                  ranked.map((r) => r.name),
                  [{ label: w.series, data: ranked.map((r) => r.count), color: o.color }],
                ),
              },
            ],
          };
        },
      };
    },
  };
}
