/**
 * The complaint desk: how fast tickets got their first answer, how many deadlines were met, and
 * what customers scored. Tickets count in the period they were opened; bookings, which ride the
 * same desk with deadlines of their own, are not complaints and stay out of these figures.
 */
import { and, eq, gte, lt } from "drizzle-orm";
import type { Platform } from "../../core/chat-event.js";
import type { Db } from "../../db/open.js";
import { tickets } from "../../db/schema.js";
import { heightFor, PALETTE, perNameChart } from "../charts.js";
import { inScope } from "../scope.js";
import type { ReportSection } from "../section.js";
import type { ReportWindow } from "../window.js";

interface TicketTimes {
  platform: Platform;
  chatId: string;
  openedAt: number;
  firstResponseDue: number;
  resolutionDue: number;
  firstResponseAt: number | null;
  closedAt: number | null;
  score: number | null;
}

/** Complaint tickets opened within the window, with what the charts need. */
export function ticketTimes(db: Db, w: ReportWindow): TicketTimes[] {
  return db
    .select({
      platform: tickets.platform,
      chatId: tickets.chatId,
      openedAt: tickets.openedAt,
      firstResponseDue: tickets.firstResponseDue,
      resolutionDue: tickets.resolutionDue,
      firstResponseAt: tickets.firstResponseAt,
      closedAt: tickets.closedAt,
      score: tickets.score,
    })
    .from(tickets)
    .where(
      and(eq(tickets.kind, "complaint"), gte(tickets.openedAt, w.startsAt), lt(tickets.openedAt, w.endsAt)),
    )
    .all();
}

const MIN = 60_000;
/** First-response buckets, as a manager reads them against a 15-minute promise. */
const BUCKETS: { label: string; under: number }[] = [
  { label: "< 5 min", under: 5 * MIN },
  { label: "5–15 min", under: 15 * MIN },
  { label: "15–60 min", under: 60 * MIN },
  { label: "1–4 h", under: 240 * MIN },
  { label: "> 4 h", under: Number.POSITIVE_INFINITY },
];

/** Met, missed, or still open (not yet due, not yet done) for one deadline. */
function deadline(doneAt: number | null, due: number, now: number): "met" | "missed" | "open" {
  if (doneAt !== null) return doneAt <= due ? "met" : "missed";
  return now > due ? "missed" : "open";
}

export const ticketsSection: ReportSection = {
  id: "tickets",
  title: "Complaint tickets",
  load(db, window) {
    const rows = ticketTimes(db, window);
    // Deadlines still running are judged at the end of the window (or now, for a window ending today).
    const judgedAt = Math.min(window.endsAt, Date.now());
    return {
      chats: rows,
      view(scope) {
        const mine = rows.filter((r) => inScope(scope, r));
        const answered = mine.filter((r) => r.firstResponseAt !== null);
        const scored = mine.filter((r) => r.score !== null);
        const first = mine.map((r) => deadline(r.firstResponseAt, r.firstResponseDue, judgedAt));
        const resolved = mine.map((r) => deadline(r.closedAt, r.resolutionDue, judgedAt));
        const count = (list: string[], what: string) => list.filter((x) => x === what).length;
        const pct = (met: number, judged: number) => (judged === 0 ? 0 : Math.round((100 * met) / judged));
        const averageScore =
          scored.length === 0
            ? 0
            : Math.round((10 * scored.reduce((a, r) => a + r.score!, 0)) / scored.length) / 10;
        const figures = [
          { label: "tickets", value: mine.length },
          {
            label: "% answered in time",
            value: pct(count(first, "met"), count(first, "met") + count(first, "missed")),
          },
          {
            label: "% resolved in time",
            value: pct(count(resolved, "met"), count(resolved, "met") + count(resolved, "missed")),
          },
          { label: "average score (1–5)", value: averageScore },
        ];
        if (mine.length === 0) return { figures, charts: [], empty: "No complaint tickets in this period." };
        const buckets = BUCKETS.map(() => 0);
        for (const r of answered) {
          const waited = r.firstResponseAt! - r.openedAt;
          buckets[BUCKETS.findIndex((b) => waited < b.under)]! += 1;
        }
        const scores = [1, 2, 3, 4, 5].map((s) => scored.filter((r) => r.score === s).length);
        const deadlines = ["first response", "resolution"];
        return {
          figures,
          charts: [
            {
              key: "ticket-first-response",
              title: "Time to first response",
              height: heightFor(BUCKETS.length + 1),
              config: perNameChart(
                [...BUCKETS.map((b) => b.label), "not answered"],
                [
                  {
                    label: "tickets",
                    data: [...buckets, mine.length - answered.length],
                    color: PALETTE.blue,
                  },
                ],
              ),
            },
            {
              key: "ticket-deadlines",
              title: "Deadlines met",
              height: heightFor(deadlines.length),
              config: perNameChart(deadlines, [
                { label: "met", data: [count(first, "met"), count(resolved, "met")], color: PALETTE.green },
                {
                  label: "missed",
                  data: [count(first, "missed"), count(resolved, "missed")],
                  color: PALETTE.red,
                },
                { label: "open", data: [count(first, "open"), count(resolved, "open")], color: PALETTE.grey },
              ]),
            },
            {
              key: "ticket-satisfaction",
              title: "Satisfaction scores",
              height: heightFor(5),
              config: perNameChart(
                ["1", "2", "3", "4", "5"],
                [{ label: "customers", data: scores, color: PALETTE.orange }],
              ),
            },
          ],
        };
      },
    };
  },
};
