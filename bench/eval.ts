/**
 * `npm run eval [-- --set tune|heldout|PATH] [-- --rules DIR] [-- --json] [-- --no-misses] [-- --no-classifier]`:
 * runs a compiled rule pack (the default pack unless --rules) over a labelled corpus and prints
 * violations caught, ordinary lines sanctioned, FAQ right and non-questions answered, per kind and
 * language, and the misses. Without --set, both parts of test/fixtures/eval, each on its own: the
 * tuning part may be looked at while changing rules, the held-out part only measured.
 * The engine runs with a fresh spam classifier per set (the seed model, nothing taught), as a new
 * merchant's bot does; --no-classifier runs the rules alone. With the classifier, a last section
 * measures it alone and against a spam wave the default pack misses (eval/classifier-section.ts).
 * --json prints one object, { sets: [{ name, path, classifier, ...score }], classifier? }, and
 * nothing else on stdout.
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { SpamModel } from "../src/classifier/spam-model.js";
import { packageRoot } from "../src/cli/package-root.js";
import { compileRules } from "../src/engine/compile.js";
import { loadRulesOrThrow } from "../src/rules/load.js";
import { formatClassifier, measureClassifier } from "./eval/classifier-section.js";
import { readCorpus } from "./eval/corpus.js";
import { judge } from "./eval/judge.js";
import { formatScore } from "./eval/report.js";
import { score } from "./eval/score.js";
import { EVAL_DIR, PARTS } from "./eval/written.js";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    set: { type: "string", multiple: true },
    rules: { type: "string", default: join(packageRoot(), "rules") },
    json: { type: "boolean", default: false },
    "no-misses": { type: "boolean", default: false },
    "no-classifier": { type: "boolean", default: false },
  },
  strict: true,
});

function corpusPath(set: string): string {
  return (PARTS as readonly string[]).includes(set) ? resolve(EVAL_DIR, `${set}.jsonl`) : resolve(set);
}

const withClassifier = !values["no-classifier"];
const defaultRulesDir = join(packageRoot(), "rules");
const rulesDir = resolve(values.rules);
const rules = compileRules(loadRulesOrThrow(rulesDir));
const sets = (values.set ?? [...PARTS]).map((name) => {
  const path = corpusPath(name);
  const judgeOfSet = withClassifier ? new SpamModel() : undefined;
  return { name, path, classifier: withClassifier, ...score(judge(rules, readCorpus(path), judgeOfSet)) };
});
// The wave is written to slip past the default pack, so it is measured against that pack whatever --rules says.
const classifier = withClassifier
  ? measureClassifier(
      rulesDir === resolve(defaultRulesDir) ? rules : compileRules(loadRulesOrThrow(defaultRulesDir)),
    )
  : undefined;

if (values.json) {
  process.stdout.write(`${JSON.stringify(classifier ? { sets, classifier } : { sets })}\n`);
} else {
  const text = sets.map((s) => formatScore(s.name, s.path, s, { misses: !values["no-misses"] }));
  if (classifier) text.push(formatClassifier(classifier));
  process.stdout.write(`${text.join("\n\n")}\n`);
}
