/**
 * What a report section is: one module per section (messages, violations, promos…), each
 * reading its own rows once and then drawing them for any scope. A new section (ticket
 * response times, once the complaint desk exists) is one new module plus one line in
 * sections/index.ts.
 */
import type { ChartConfiguration } from "chart.js";
import type { Platform } from "../core/chat-event.js";
import type { Db } from "../db/open.js";
import type { ReportLabels } from "./labels.js";
import type { Scope } from "./scope.js";
import type { ReportWindow } from "./window.js";

/** One chart: its config is handed to Chart.js as JSON, so it holds data only, no functions. */
export interface ReportChart {
  /** Stable name within the section (the canvas's data-chart attribute). */
  key: string;
  title: string;
  config: ChartConfiguration;
  /** Pixel height of the chart's box; charts with one bar per name grow with the names. */
  height?: number;
}

/** A headline number shown above a scope's charts. */
export interface Figure {
  label: string;
  /** Null when there is nothing to measure (a share of no tickets): shown as "—", not as 0. */
  value: number | null;
  /** Written after the number ("%"). */
  unit?: string;
}

export interface Table {
  columns: string[];
  rows: (string | number)[][];
}

/** What a section shows for one scope. */
export interface SectionView {
  charts: ReportChart[];
  figures?: Figure[];
  table?: Table;
  /** Shown instead of charts when there is nothing to draw ("No violations in this period."). */
  empty?: string;
}

/** A section after loading: the chats it has rows for, and how it looks for a scope. */
export interface LoadedSection {
  /** Chats with rows here, so a group known only from its counters still gets a part of the report. */
  chats: { platform: Platform; chatId: string }[];
  view(scope: Scope): SectionView | undefined;
}

export interface ReportSection {
  /** Stable id (the card's data-section attribute); its heading is `words.sections[id]`. */
  id: string;
  /** Reads the section's rows; `labels` names what it shows. @defaultValue PLAIN_LABELS */
  load(db: Db, window: ReportWindow, labels?: ReportLabels): LoadedSection;
}
