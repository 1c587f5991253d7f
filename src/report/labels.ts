/**
 * How the report names things for its reader: its words in one locale, and rules, FAQs, promos
 * and categories by the names the rule files give them (`ads` → 广告). Without rule files the
 * ids are all there is, and they are shown as they are.
 */
import type { RulePack } from "../rules/rule-pack.js";
import { formatLocalTime } from "../words/local-time.js";
import { faqName, operatorText, ruleName } from "../words/rule-names.js";
import type { Locale } from "../words/templates.js";
import { REPORT_WORDS, type ReportWords } from "./report-words.js";

export interface ReportLabels {
  locale: Locale;
  words: ReportWords;
  rule(id: string): string;
  faq(id: string): string;
  /** A promo by its description; a one-off broadcast ("broadcast-<ms>") by when it went out. */
  promo(id: string): string;
  category(id: string): string;
  platform(platform: string): string;
  /** An instant as the reader's clock showed it. */
  time(at: number, options?: { year?: boolean }): string;
}

/** How a one-off broadcast is keyed in the delivery ledger (queue-service: `broadcast-${now}`). */
const BROADCAST_ID = /^broadcast-(\d{10,})$/;

export function reportLabels(options: { locale: Locale; timeZone: string; pack?: RulePack }): ReportLabels {
  const { locale, timeZone, pack } = options;
  const words = REPORT_WORDS[locale];
  const time = (at: number, o: { year?: boolean } = {}) => formatLocalTime(at, timeZone, locale, o);
  return {
    locale,
    words,
    rule: (id) => (pack ? ruleName(pack, id, locale) : id),
    faq: (id) => (pack ? faqName(pack, id, locale) : id),
    promo: (id) => {
      const broadcast = BROADCAST_ID.exec(id);
      if (broadcast) return words.broadcast(time(Number(broadcast[1])));
      const description = pack?.promos.find((p) => p.id === id)?.description?.trim();
      return description ? operatorText(description, locale) : id;
    },
    category: (id) => {
      const name = pack?.categories[id]?.name.trim();
      return name ? operatorText(name, locale) : id;
    },
    platform: (p) => words.platforms[p] ?? p,
    time,
  };
}

/** What sections see when nobody says otherwise: English, ids as they are, Shanghai's clock. */
export const PLAIN_LABELS: ReportLabels = reportLabels({ locale: "en", timeZone: "Asia/Shanghai" });
