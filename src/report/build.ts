/** Builds the report page from the database: every section, for every scope. */
import type { Db } from "../db/open.js";
import { chartJsSource } from "./chartjs-source.js";
import { PLAIN_LABELS, type ReportLabels } from "./labels.js";
import { renderPage, type ScopeContent } from "./page.js";
import { knownChats, type ReportChat } from "./queries.js";
import { chatKey, reportScopes } from "./scope.js";
import type { ReportSection } from "./section.js";
import { SECTIONS } from "./sections/index.js";
import type { ReportWindow } from "./window.js";

export interface ReportOptions {
  window: ReportWindow;
  /** When the report is made (epoch ms); defaults to now. */
  now?: number;
  sections?: readonly ReportSection[];
  /** The reader's words and names. @defaultValue PLAIN_LABELS (English, ids as they are) */
  labels?: ReportLabels;
}

export function buildReport(db: Db, options: ReportOptions): string {
  const { window } = options;
  const labels = options.labels ?? PLAIN_LABELS;
  const sections = options.sections ?? SECTIONS;
  const loaded = sections.map((section) => ({ section, data: section.load(db, window, labels) }));
  const scopes = reportScopes(
    reportChats(
      db,
      loaded.flatMap((l) => l.data.chats),
    ),
    labels,
  );
  const contents: ScopeContent[] = scopes.map((scope) => ({
    scope,
    sections: loaded.flatMap(({ section, data }) => {
      const view = data.view(scope);
      return view ? [{ section, view }] : [];
    }),
  }));
  return renderPage({
    window,
    generatedAt: options.now ?? Date.now(),
    scopes: contents,
    chartJs: chartJsSource(),
    labels,
  });
}

/**
 * The recorded chats, plus any chat that has rows in a section but no `chats` row (counters
 * written before that table existed): its numbers still count, under no category.
 */
export function reportChats(
  db: Db,
  withRows: readonly { platform: ReportChat["platform"]; chatId: string }[],
): ReportChat[] {
  const chats = knownChats(db);
  const seen = new Set(chats.map((c) => chatKey(c.platform, c.chatId)));
  for (const r of withRows) {
    const key = chatKey(r.platform, r.chatId);
    if (seen.has(key)) continue;
    seen.add(key);
    chats.push({ platform: r.platform, chatId: r.chatId, title: null, category: null });
  }
  return chats;
}
