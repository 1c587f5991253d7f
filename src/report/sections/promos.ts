/** Promo deliveries per promo (named by description; a broadcast by when it went out), by how they ended in the ledger. */
import { heightFor, PALETTE, perNameChart, type Series } from "../charts.js";
import { PLAIN_LABELS } from "../labels.js";
import { type DeliveryStatus, deliveryCounts } from "../queries.js";
import { inScope } from "../scope.js";
import type { ReportSection } from "../section.js";

/**
 * Ledger statuses as the reader sees them: "claimed" (being sent right now) and "released"
 * (to be retried) are both still open, so they show together as pending.
 */
const OUTCOME: Record<DeliveryStatus, keyof typeof COLORS> = {
  sent: "sent",
  failed: "failed",
  uncertain: "uncertain",
  skipped: "skipped",
  claimed: "pending",
  released: "pending",
};

const COLORS = {
  sent: PALETTE.green,
  failed: PALETTE.red,
  uncertain: PALETTE.orange,
  skipped: PALETTE.blue,
  pending: PALETTE.grey,
};

export const promosSection: ReportSection = {
  id: "promos",
  load(db, window, labels = PLAIN_LABELS) {
    const rows = deliveryCounts(db, window);
    const w = labels.words.promos;
    return {
      chats: rows,
      view(scope) {
        const perPromo = new Map<string, Record<keyof typeof COLORS, number>>();
        for (const r of rows) {
          if (!inScope(scope, r)) continue;
          // By name: a promo renamed in the rule files keeps its id, so one id is one name.
          const name = labels.promo(r.promo);
          const c = perPromo.get(name) ?? { sent: 0, failed: 0, uncertain: 0, skipped: 0, pending: 0 };
          perPromo.set(name, c);
          c[OUTCOME[r.status]] += r.count;
        }
        const promos = [...perPromo.keys()].sort();
        const total = (o: keyof typeof COLORS) => promos.reduce((a, p) => a + perPromo.get(p)![o], 0);
        const figures = [
          { label: w.sent, value: total("sent") },
          { label: w.failed, value: total("failed") },
          { label: w.uncertain, value: total("uncertain") },
        ];
        if (promos.length === 0) return { figures, charts: [], empty: w.empty };
        // Held back and pending only appear when there are some; the three outcomes are always shown.
        const outcomes = (["sent", "failed", "uncertain", "skipped", "pending"] as const).filter(
          (o) => (o !== "pending" && o !== "skipped") || total(o) > 0,
        );
        const series: Series[] = outcomes.map((o) => ({
          label: w.outcomes[o],
          data: promos.map((p) => perPromo.get(p)![o]),
          color: COLORS[o],
        }));
        return {
          figures,
          charts: [
            {
              key: "promo-deliveries",
              title: w.chart,
              height: heightFor(promos.length),
              config: perNameChart(promos, series),
            },
          ],
        };
      },
    };
  },
};
