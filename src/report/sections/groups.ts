/** A table of the groups in an overview or category scope, with their totals: where to look first. */
import type { Platform } from "../../core/chat-event.js";
import { PLAIN_LABELS } from "../labels.js";
import { dayCounts, knownChats } from "../queries.js";
import { chatKey, chatLabel, inScope } from "../scope.js";
import type { ReportSection } from "../section.js";

interface Totals {
  platform: Platform;
  chatId: string;
  messages: number;
  joins: number;
  leaves: number;
  violations: number;
  faqAnswers: number;
}

export const groupsSection: ReportSection = {
  id: "groups",
  load(db, window, labels = PLAIN_LABELS) {
    const c = labels.words.columns;
    const rows = dayCounts(db, window);
    const chats = new Map(knownChats(db).map((c) => [chatKey(c.platform, c.chatId), c]));
    return {
      chats: rows,
      view(scope) {
        if (scope.kind === "group") return undefined;
        const totals = new Map<string, Totals>();
        for (const key of scope.chats) {
          const [platform, ...id] = key.split(":");
          totals.set(key, {
            platform: platform as Platform,
            chatId: id.join(":"),
            messages: 0,
            joins: 0,
            leaves: 0,
            violations: 0,
            faqAnswers: 0,
          });
        }
        for (const r of rows) {
          if (!inScope(scope, r)) continue;
          const t = totals.get(chatKey(r.platform, r.chatId))!;
          t.messages += r.messages;
          t.joins += r.joins;
          t.leaves += r.leaves;
          t.violations += r.violations;
          t.faqAnswers += r.faqAnswers;
        }
        // Busiest groups first: the ones an operator most likely wants to look at.
        const sorted = [...totals.values()].sort(
          (a, b) => b.messages - a.messages || a.chatId.localeCompare(b.chatId),
        );
        return {
          charts: [],
          table: {
            columns: [
              c.group,
              c.platform,
              c.category,
              c.messages,
              c.joins,
              c.leaves,
              c.violations,
              c.faqAnswers,
            ],
            rows: sorted.map((t) => {
              const chat = chats.get(chatKey(t.platform, t.chatId));
              return [
                chat ? chatLabel(chat) : t.chatId,
                labels.platform(t.platform),
                chat?.category ? labels.category(chat.category) : labels.words.noCategory,
                t.messages,
                t.joins,
                t.leaves,
                t.violations,
                t.faqAnswers,
              ];
            }),
          },
        };
      },
    };
  },
};
