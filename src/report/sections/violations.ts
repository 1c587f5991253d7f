/**
 * Violations by rule, named by the rules' descriptions. Only sanctions carried out count: the
 * dispatcher does not count what a rule or a group in dry-run mode only pretended to do.
 */
import { PALETTE } from "../charts.js";
import { ruleHitCounts } from "../queries.js";
import { rankedCountsSection } from "./ranked-counts.js";

export const violationsSection = rankedCountsSection({
  id: "violations",
  rows: ruleHitCounts,
  words: (labels) => labels.words.violations,
  name: (labels, rule) => labels.rule(rule),
  chartKey: "violations-by-rule",
  color: PALETTE.red,
});
