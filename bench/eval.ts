/**
 * `npm run eval [-- --set tune|heldout|PATH] [-- --rules DIR] [-- --json] [-- --no-misses]`:
 * runs a compiled rule pack (the default pack unless --rules) over a labelled corpus and prints
 * violations caught, ordinary lines sanctioned, FAQ right and non-questions answered, per kind and
 * language, and the misses. Without --set, both parts of test/fixtures/eval, each on its own: the
 * tuning part may be looked at while changing rules, the held-out part only measured.
 * --json prints one object, { sets: [{ name, path, ...score }] }, and nothing else on stdout.
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { packageRoot } from "../src/cli/package-root.js";
import { compileRules } from "../src/engine/compile.js";
import { loadRulesOrThrow } from "../src/rules/load.js";
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
  },
  strict: true,
});

function corpusPath(set: string): string {
  return (PARTS as readonly string[]).includes(set) ? resolve(EVAL_DIR, `${set}.jsonl`) : resolve(set);
}

const rules = compileRules(loadRulesOrThrow(resolve(values.rules)));
const sets = (values.set ?? [...PARTS]).map((name) => {
  const path = corpusPath(name);
  return { name, path, ...score(judge(rules, readCorpus(path))) };
});

if (values.json) {
  process.stdout.write(`${JSON.stringify({ sets })}\n`);
} else {
  const text = sets.map((s) => formatScore(s.name, s.path, s, { misses: !values["no-misses"] }));
  process.stdout.write(`${text.join("\n\n")}\n`);
}
