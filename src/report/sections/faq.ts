/** FAQ answers by FAQ id. */
import { PALETTE } from "../charts.js";
import { faqHitCounts } from "../queries.js";
import { rankedCountsSection } from "./ranked-counts.js";

export const faqSection = rankedCountsSection({
  id: "faq",
  title: "FAQ answers",
  rows: faqHitCounts,
  figure: "FAQ answers",
  series: "answers",
  chart: { key: "faq-answers-by-id", title: "FAQ answers by FAQ" },
  color: PALETTE.sky,
  empty: "No FAQ answers in this period.",
});
