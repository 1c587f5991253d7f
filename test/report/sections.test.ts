/**
 * Each section's numbers for the overview, a category and single groups, from the seeded
 * database; expectations worked out by hand from seed.ts.
 */
import type { ChartConfiguration } from "chart.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportChats } from "../../src/report/build.js";
import { NO_CATEGORY, reportScopes, type Scope } from "../../src/report/scope.js";
import type { LoadedSection, ReportSection, SectionView } from "../../src/report/section.js";
import { actionsSection } from "../../src/report/sections/actions.js";
import { faqSection } from "../../src/report/sections/faq.js";
import { groupsSection } from "../../src/report/sections/groups.js";
import { membershipSection } from "../../src/report/sections/membership.js";
import { messagesSection } from "../../src/report/sections/messages.js";
import { promosSection } from "../../src/report/sections/promos.js";
import { ticketsSection } from "../../src/report/sections/tickets.js";
import { violationsSection } from "../../src/report/sections/violations.js";
import { reportWindow } from "../../src/report/window.js";
import { DAYS, EVIL_RULE, EVIL_TITLE, openSeededDb, type SeededDb, TIME_ZONE, UNTIL } from "./seed.js";

/** Labels and each dataset's label and numbers: what a reader sees in a chart. */
function shown(config: ChartConfiguration | undefined) {
  if (!config) return undefined;
  return {
    labels: config.data.labels,
    datasets: config.data.datasets.map((d) => ({ label: d.label, data: d.data })),
  };
}

describe("report sections", () => {
  let seeded: SeededDb;
  let scopes: Scope[];
  const window = reportWindow(UNTIL, DAYS, TIME_ZONE);
  const loaded = new Map<ReportSection, LoadedSection>();

  beforeAll(() => {
    seeded = openSeededDb();
    const db = seeded.database.db;
    for (const s of [
      messagesSection,
      membershipSection,
      violationsSection,
      faqSection,
      promosSection,
      ticketsSection,
      actionsSection,
      groupsSection,
    ])
      loaded.set(s, s.load(db, window));
    scopes = reportScopes(
      reportChats(
        db,
        [...loaded.values()].flatMap((l) => l.chats),
      ),
    );
  });
  afterAll(() => seeded.dispose());

  const scope = (title: string) => scopes.find((s) => s.title === title)!;
  const view = (section: ReportSection, title: string): SectionView | undefined =>
    loaded.get(section)!.view(scope(title));
  const chart = (section: ReportSection, title: string) => shown(view(section, title)?.charts[0]?.config);

  it("orders scopes from the whole to the parts, chats without a category last, with generated ids", () => {
    expect(scopes.map((s) => [s.kind, s.id, s.title, s.chats.size])).toEqual([
      ["overview", "all", "All groups", 4],
      ["category", "cat-1", "promo", 2],
      ["group", "grp-1", EVIL_TITLE, 1],
      ["group", "grp-2", "Noodle Bar deals", 1],
      ["category", "cat-2", "waitlist", 1],
      ["group", "grp-3", "Waitlist Jing'an", 1],
      ["category", "cat-3", NO_CATEGORY, 1],
      ["group", "grp-4", "-1004", 1],
    ]);
  });

  it("counts messages per day, silent days as zero", () => {
    const days = [
      "2026-11-16",
      "2026-11-17",
      "2026-11-18",
      "2026-11-19",
      "2026-11-20",
      "2026-11-21",
      "2026-11-22",
    ];
    expect(chart(messagesSection, "All groups")).toEqual({
      labels: days,
      datasets: [{ label: "messages", data: [14, 0, 5, 3, 6, 2, 7] }],
    });
    expect(chart(messagesSection, "promo")?.datasets[0]?.data).toEqual([14, 0, 5, 0, 6, 0, 7]);
    expect(chart(messagesSection, "Noodle Bar deals")?.datasets[0]?.data).toEqual([10, 0, 5, 0, 0, 0, 7]);
    expect(chart(messagesSection, "-1004")?.datasets[0]?.data).toEqual([0, 0, 0, 0, 0, 2, 0]);
    expect(view(messagesSection, "All groups")?.figures).toEqual([{ label: "messages", value: 37 }]);
  });

  it("counts joins and leaves per day", () => {
    expect(chart(membershipSection, "All groups")?.datasets).toEqual([
      { label: "joins", data: [5, 0, 0, 1, 0, 0, 1] },
      { label: "leaves", data: [1, 0, 2, 1, 1, 0, 0] },
    ]);
    expect(view(membershipSection, "promo")?.figures).toEqual([
      { label: "joins", value: 6 },
      { label: "leaves", value: 4 },
    ]);
  });

  it("ranks rules by violations, most first, ties by name", () => {
    expect(chart(violationsSection, "All groups")).toEqual({
      labels: ["ads", "pii", "flood", EVIL_RULE, "gambling"],
      datasets: [{ label: "violations", data: [6, 4, 2, 1, 1] }],
    });
    expect(chart(violationsSection, "promo")).toEqual({
      labels: ["ads", "pii", "gambling"],
      datasets: [{ label: "violations", data: [6, 4, 1] }],
    });
    expect(chart(violationsSection, "Noodle Bar deals")?.labels).toEqual(["ads", "gambling"]);
    expect(view(violationsSection, "All groups")?.figures).toEqual([{ label: "violations", value: 14 }]);
  });

  it("ranks FAQ answers by FAQ", () => {
    expect(chart(faqSection, "All groups")).toEqual({
      labels: ["hours", "address", "booking", "parking"],
      datasets: [{ label: "answers", data: [5, 1, 1, 1] }],
    });
    expect(chart(faqSection, EVIL_TITLE)).toEqual({
      labels: ["hours", "parking"],
      datasets: [{ label: "answers", data: [3, 1] }],
    });
  });

  it("says so instead of drawing an empty chart", () => {
    expect(view(faqSection, "-1004")).toEqual({
      figures: [{ label: "FAQ answers", value: 0 }],
      charts: [],
      empty: "No FAQ answers in this period.",
    });
    expect(view(promosSection, "Waitlist Jing'an")?.empty).toBe("No promo deliveries in this period.");
  });

  it("shows promo deliveries per promo as sent / failed / uncertain, pending only while in flight", () => {
    expect(chart(promosSection, "All groups")).toEqual({
      labels: ["early", "lunch", "weekend"],
      datasets: [
        { label: "sent", data: [1, 3, 1] },
        { label: "failed", data: [0, 1, 0] },
        { label: "uncertain", data: [0, 0, 1] },
        { label: "pending", data: [0, 0, 1] },
      ],
    });
    expect(chart(promosSection, "Noodle Bar deals")).toEqual({
      labels: ["lunch", "weekend"],
      datasets: [
        { label: "sent", data: [2, 0] },
        { label: "failed", data: [0, 0] },
        { label: "uncertain", data: [0, 1] },
        { label: "pending", data: [0, 1] },
      ],
    });
    expect(chart(promosSection, EVIL_TITLE)).toEqual({
      labels: ["early", "lunch", "weekend"],
      datasets: [
        { label: "sent", data: [1, 1, 1] },
        { label: "failed", data: [0, 1, 0] },
        { label: "uncertain", data: [0, 0, 0] },
      ],
    });
    expect(view(promosSection, "All groups")?.figures).toEqual([
      { label: "promos sent", value: 5 },
      { label: "promos failed", value: 1 },
      { label: "promos uncertain", value: 1 },
    ]);
  });

  it("shows tickets' first-response times, deadlines met and scores, counted in the period they opened", () => {
    expect(view(ticketsSection, "All groups")?.figures).toEqual([
      { label: "tickets", value: 3 },
      { label: "answered in time", value: 33, unit: "%" },
      { label: "resolved in time", value: 33, unit: "%" },
      { label: "average score (1–5)", value: 3.5 },
    ]);
    const [first, deadlines, scores] = view(ticketsSection, "All groups")!.charts.map((c) => shown(c.config));
    expect(first).toEqual({
      labels: ["< 5 min", "5–15 min", "15–60 min", "1–4 h", "> 4 h", "not answered"],
      datasets: [{ label: "tickets", data: [1, 0, 1, 0, 0, 1] }],
    });
    expect(deadlines).toEqual({
      labels: ["first response", "resolution"],
      datasets: [
        { label: "met", data: [1, 1] },
        { label: "missed", data: [2, 2] },
        { label: "open", data: [0, 0] },
      ],
    });
    expect(scores).toEqual({
      labels: ["1", "2", "3", "4", "5"],
      datasets: [{ label: "customers", data: [0, 1, 0, 0, 1] }],
    });
    expect(view(ticketsSection, EVIL_TITLE)?.figures?.[0]).toEqual({ label: "tickets", value: 1 });
    expect(view(ticketsSection, "Waitlist Jing'an")?.empty).toBe("No complaint tickets in this period.");
  });

  it("shows the bot's actions by outcome, only the outcomes that happened", () => {
    expect(chart(actionsSection, "All groups")).toEqual({
      labels: ["delete", "warn", "mute", "kick", "reply", "notify admins"],
      datasets: [
        { label: "done", data: [3, 3, 1, 0, 5, 1] },
        { label: "done differently", data: [4, 0, 2, 0, 0, 0] },
        { label: "refused", data: [0, 0, 0, 1, 0, 0] },
        { label: "failed", data: [1, 0, 0, 0, 0, 0] },
        { label: "dry run only", data: [0, 2, 0, 0, 0, 0] },
      ],
    });
    expect(chart(actionsSection, EVIL_TITLE)).toEqual({
      labels: ["delete", "mute", "kick", "reply"],
      datasets: [
        { label: "done", data: [0, 0, 0, 3] },
        { label: "done differently", data: [4, 2, 0, 0] },
        { label: "refused", data: [0, 0, 1, 0] },
      ],
    });
    expect(view(actionsSection, "All groups")?.figures).toEqual([{ label: "bot actions", value: 23 }]);
  });

  it("tables the groups of an overview or category, busiest first; not for a single group", () => {
    expect(view(groupsSection, "All groups")?.table).toEqual({
      columns: ["Group", "Platform", "Category", "Messages", "Joins", "Leaves", "Violations", "FAQ answers"],
      rows: [
        ["Noodle Bar deals", "Telegram", "promo", 22, 4, 3, 6, 3],
        [EVIL_TITLE, "WeChat", "promo", 10, 2, 1, 5, 4],
        ["Waitlist Jing'an", "Telegram", "waitlist", 3, 1, 1, 2, 1],
        ["-1004", "Telegram", NO_CATEGORY, 2, 0, 0, 1, 0],
      ],
    });
    expect(view(groupsSection, "waitlist")?.table?.rows).toEqual([
      ["Waitlist Jing'an", "Telegram", "waitlist", 3, 1, 1, 2, 1],
    ]);
    expect(view(groupsSection, "Noodle Bar deals")).toBeUndefined();
  });
});
