/**
 * What every mutated pack must get from the loader: no exception, and either
 * a pack the engine compiles, or problems each at a real `file:line:col`
 * inside that file, on one line, so an editor (and `qunguan check`) can jump there.
 */
import { join } from "node:path";
import { compileRules } from "../../src/engine/compile.js";
import { Engine } from "../../src/engine/engine.js";
import { formatProblem, loadRuleTexts, type RuleProblem } from "../../src/rules/mod.js";
import { join as joinEvent, message } from "../helpers/events.js";
import type { RuleText } from "./mutation-gen.js";

/** What a live pack is first asked: a newcomer, an ad, a question, an empty message. */
const PROBES = [
  joinEvent({ user: "probe" }),
  message("加微信 abc12345 兼职日结 500元/天", { user: "probe" }),
  message("请问几点开门？", { user: "probe-2" }),
  message("", { user: "probe-3" }),
];

export type Verdict = { ok: true; compiled: boolean } | { ok: false; problems: number } | { crash: string };

const linesOf = new Map<string, string[]>();

/** Why a problem's position or form is wrong, or undefined when it is right. */
export function badProblem(p: RuleProblem, texts: ReadonlyMap<string, string>): string | undefined {
  const line = formatProblem(p);
  if (!/^.+:\d+:\d+ \S/.test(line) || /[\r\n]/.test(p.message)) return `malformed: ${JSON.stringify(line)}`;
  const text = texts.get(p.file);
  if (text === undefined) return `not one of the rule files: ${line}`;
  // Lines as an editor counts them: \n, \r\n or a lone \r ends one.
  let lines = linesOf.get(text);
  if (!lines) {
    lines = text.split(/\r\n|\r|\n/);
    linesOf.clear();
    linesOf.set(text, lines);
  }
  if (!Number.isInteger(p.line) || p.line < 1 || p.line > lines.length) {
    return `line ${p.line} outside 1..${lines.length}: ${line}`;
  }
  const width = lines[p.line - 1]!.length;
  if (!Number.isInteger(p.col) || p.col < 1 || p.col > width + 1) {
    return `col ${p.col} outside 1..${width + 1} of line ${p.line}: ${line}`;
  }
  return undefined;
}

/**
 * Loads one mutated pack as files of `dir`; returns the verdict and every contract breach found.
 * An accepted pack is compiled (what putting it live does) when `compile` is set.
 */
export function checkMutation(
  files: RuleText[],
  dir: string,
  compile = true,
): { verdict: Verdict; failures: string[] } {
  const inputs = files.map((f) => ({ file: join(dir, f.name), text: f.text }));
  const texts = new Map(inputs.map((f) => [f.file, f.text]));
  let result: ReturnType<typeof loadRuleTexts>;
  try {
    result = loadRuleTexts(inputs, dir);
  } catch (error) {
    const e = error as Error;
    return {
      verdict: { crash: `${e.name}: ${e.message}` },
      failures: [`loader threw ${e.name}: ${e.message}`],
    };
  }
  if (result.ok) {
    if (!compile) return { verdict: { ok: true, compiled: false }, failures: [] };
    // The pack goes live by being compiled (the bot's setRules) and then decides: neither may throw.
    try {
      const engine = new Engine(compileRules(result.pack));
      for (const event of PROBES) engine.decide(event);
    } catch (error) {
      const reason = `accepted pack does not compile or decide: ${(error as Error).message}`;
      return { verdict: { ok: true, compiled: true }, failures: [reason] };
    }
    return { verdict: { ok: true, compiled: true }, failures: [] };
  }
  const failures: string[] = [];
  if (result.problems.length === 0) failures.push("not ok, yet no problems");
  for (const p of result.problems) {
    const bad = badProblem(p, texts);
    if (bad) failures.push(bad);
  }
  return { verdict: { ok: false, problems: result.problems.length }, failures };
}
