export { formatDuration, parseDuration } from "./duration.js";
export { ruleFileJsonSchema } from "./json-schema.js";
export { type LoadResult, listRuleFiles, loadRules, loadRulesOrThrow, loadRuleTexts } from "./load.js";
export { formatProblem, RuleLoadError, type RuleProblem } from "./rule-error.js";
export type { RulePack } from "./rule-pack.js";
export { RuleWatcher } from "./rule-watcher.js";
export type { Category, FaqEntry, ModerationRule, Promo } from "./schema.js";
