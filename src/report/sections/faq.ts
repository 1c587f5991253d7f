/** FAQ answers by FAQ, named by the FAQs' descriptions. */
import { PALETTE } from "../charts.js";
import { faqHitCounts } from "../queries.js";
import { rankedCountsSection } from "./ranked-counts.js";

export const faqSection = rankedCountsSection({
  id: "faq",
  rows: faqHitCounts,
  words: (labels) => labels.words.faq,
  name: (labels, faq) => labels.faq(faq),
  chartKey: "faq-answers-by-id",
  color: PALETTE.sky,
});
