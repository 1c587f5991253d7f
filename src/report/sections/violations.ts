/** Violations by rule. */
import { PALETTE } from "../charts.js";
import { ruleHitCounts } from "../queries.js";
import { rankedCountsSection } from "./ranked-counts.js";

export const violationsSection = rankedCountsSection({
  id: "violations",
  title: "Violations by rule",
  rows: ruleHitCounts,
  figure: "violations",
  series: "violations",
  chart: { key: "violations-by-rule", title: "Violations by rule" },
  color: PALETTE.red,
  empty: "No violations in this period.",
});
