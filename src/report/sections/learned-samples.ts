/**
 * What admins taught the bot in the period (/spam, /notspam): two figures, spam and ordinary
 * samples, counted in the groups where they were taught. Figures only: no chart of its own.
 */
import { PLAIN_LABELS } from "../labels.js";
import { learnedSampleCounts } from "../queries.js";
import { inScope } from "../scope.js";
import type { ReportSection } from "../section.js";

export const learnedSamplesSection: ReportSection = {
  id: "learned",
  load(db, window, labels = PLAIN_LABELS) {
    const rows = learnedSampleCounts(db, window);
    const w = labels.words.learned;
    return {
      chats: rows,
      view(scope) {
        const taught = { spam: 0, ham: 0 };
        for (const r of rows) if (inScope(scope, r)) taught[r.label] += r.count;
        return {
          figures: [
            { label: w.spam, value: taught.spam },
            { label: w.ham, value: taught.ham },
          ],
          charts: [],
        };
      },
    };
  },
};
