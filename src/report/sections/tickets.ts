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
import { PLAIN_LABELS } from "../labels.js";
import type { ReportWords } from "../report-words.js";
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
/** First-response buckets (upper bounds), as a manager reads them against a 15-minute promise. */
const BUCKETS_UNDER = [5 * MIN, 15 * MIN, 60 * MIN, 240 * MIN, Number.POSITIVE_INFINITY];

/** "< 5 min", "5–15 min", "15–60 min", "1–4 h", "> 4 h" in the reader's words. */
function bucketLabels(w: ReportWords["tickets"]): string[] {
  return [
    w.under(w.minutes(5)),
    `5–${w.minutes(15)}`,
    `15–${w.minutes(60)}`,
    `1–${w.hours(4)}`,
    w.over(w.hours(4)),
  ];
}

/** Met, missed, or still open (not yet due, not yet done) for one deadline. */
function deadline(doneAt: number | null, due: number, now: number): "met" | "missed" | "open" {
  if (doneAt !== null) return doneAt <= due ? "met" : "missed";
  return now > due ? "missed" : "open";
}

export const ticketsSection: ReportSection = {
  id: "tickets",
  load(db, window, labels = PLAIN_LABELS) {
    const rows = ticketTimes(db, window);
    const w = labels.words.tickets;
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
        // Nothing judged yet (no tickets, or none due) is no share at all: "—", not 0 %.
        const pct = (met: number, judged: number) => (judged === 0 ? null : Math.round((100 * met) / judged));
        const averageScore =
          scored.length === 0
            ? null
            : Math.round((10 * scored.reduce((a, r) => a + r.score!, 0)) / scored.length) / 10;
        const figures = [
          { label: w.count, value: mine.length },
          {
            label: w.answeredInTime,
            value: pct(count(first, "met"), count(first, "met") + count(first, "missed")),
            unit: "%",
          },
          {
            label: w.resolvedInTime,
            value: pct(count(resolved, "met"), count(resolved, "met") + count(resolved, "missed")),
            unit: "%",
          },
          { label: w.averageScore, value: averageScore },
        ];
        if (mine.length === 0) return { figures, charts: [], empty: w.empty };
        const buckets = BUCKETS_UNDER.map(() => 0);
        for (const r of answered) {
          const waited = r.firstResponseAt! - r.openedAt;
          buckets[BUCKETS_UNDER.findIndex((under) => waited < under)]! += 1;
        }
        const scores = [1, 2, 3, 4, 5].map((s) => scored.filter((r) => r.score === s).length);
        const deadlines = [w.firstResponseDeadline, w.resolutionDeadline];
        return {
          figures,
          charts: [
            {
              key: "ticket-first-response",
              title: w.firstResponse,
              height: heightFor(BUCKETS_UNDER.length + 1),
              config: perNameChart(
                [...bucketLabels(w), w.notAnswered],
                [
                  {
                    label: w.series,
                    data: [...buckets, mine.length - answered.length],
                    color: PALETTE.blue,
                  },
                ],
              ),
            },
            {
              key: "ticket-deadlines",
              title: w.deadlines,
              height: heightFor(deadlines.length),
              config: perNameChart(deadlines, [
                { label: w.met, data: [count(first, "met"), count(resolved, "met")], color: PALETTE.green },
                {
                  label: w.missed,
                  data: [count(first, "missed"), count(resolved, "missed")],
                  color: PALETTE.red,
                },
                { label: w.open, data: [count(first, "open"), count(resolved, "open")], color: PALETTE.grey },
              ]),
            },
            {
              key: "ticket-satisfaction",
              title: w.satisfaction,
              height: heightFor(5),
              config: perNameChart(
                ["1", "2", "3", "4", "5"],
                [{ label: w.customers, data: scores, color: PALETTE.orange }],
              ),
            },
          ],
        };
      },
    };
  },
};
