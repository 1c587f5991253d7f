/**
 * Operators' regular expressions run on every message, so one that can
 * backtrack catastrophically (`(a+)+$`) would let a single crafted message
 * stall the bot. recheck analyses each pattern at load; results are cached by
 * source so hot reloads stay cheap.
 *
 * The analysis itself can be slow for some patterns (seconds), and a hostile
 * or careless file may hold many: each analysis is time-limited, and so is the
 * total per load (RegexBudget), so `qunguan check` and a hot reload always
 * answer promptly. A pattern that could not be judged in time is refused.
 * Counted repetition is bounded too: the analyser's process dies on counts
 * past 2^31 and slows to a crawl on large ones.
 */
import { checkRegex } from "./regex-checker.js";

/** Flags every operator regex is compiled with (text is already lower-cased). */
export const OPERATOR_REGEX_FLAGS = "i";

/** Longest pattern accepted: the default pack's longest is about 200 characters. */
export const MAX_REGEX_LENGTH = 2_000;
/** Largest count in `{n}`, `{n,}` or `{n,m}`: the default pack's largest is 20. */
export const MAX_REGEX_REPEAT = 1_000;
/**
 * Time one analysis may take. The analysis of the default pack's patterns takes milliseconds (a few
 * hundred on a loaded CI machine); this leaves room for that without letting one pattern stall a load.
 */
export const REGEX_CHECK_TIMEOUT_MS = 3_000;
/** Time all analyses of one load may take together. */
export const REGEX_CHECK_BUDGET_MS = 15_000;

/** Verdicts kept; bounded so a stream of reloads with ever new patterns cannot grow memory. */
const CACHE_ENTRIES = 2_000;
const verdicts = new Map<string, string | undefined>();

/** The analysis time left to one load; the clock starts at the first analysis. */
export class RegexBudget {
  private deadline: number | undefined;
  constructor(private readonly totalMs = REGEX_CHECK_BUDGET_MS) {}
  remainingMs(): number {
    this.deadline ??= Date.now() + this.totalMs;
    return this.deadline - Date.now();
  }
}

/** Undefined when the pattern compiles and is safe; otherwise why it is refused. */
export function regexProblem(source: string, budget: RegexBudget = new RegexBudget()): string | undefined {
  if (verdicts.has(source)) return verdicts.get(source);
  const verdict = analyse(source, budget);
  // A timeout says as much about the machine's load as about the pattern: not remembered.
  if (verdict.final) {
    verdicts.set(source, verdict.problem);
    if (verdicts.size > CACHE_ENTRIES) verdicts.delete(verdicts.keys().next().value!);
  }
  return verdict.problem;
}

function analyse(source: string, budget: RegexBudget): { problem: string | undefined; final: boolean } {
  const shown = `/${oneLine(source)}/`;
  if (source.length > MAX_REGEX_LENGTH) {
    return {
      problem: `regular expression ${shown} is ${source.length} characters long; at most ${MAX_REGEX_LENGTH} are allowed, split it into several`,
      final: true,
    };
  }
  try {
    new RegExp(source, OPERATOR_REGEX_FLAGS);
  } catch (error) {
    const reason = (error as Error).message.replace(/^Invalid regular expression: /, "");
    return { problem: `invalid regular expression: ${oneLine(reason)}`, final: true };
  }
  const count = largestRepeat(source);
  if (count > MAX_REGEX_REPEAT) {
    return {
      problem: `regular expression ${shown} repeats something ${count} times; at most ${MAX_REGEX_REPEAT} are allowed`,
      final: true,
    };
  }
  const timeout = Math.min(REGEX_CHECK_TIMEOUT_MS, budget.remainingMs());
  if (timeout <= 0) {
    return {
      problem: `regular expression ${shown} was not checked: checking this rule set's regular expressions took more than ${REGEX_CHECK_BUDGET_MS / 1000} s; simplify them`,
      final: false,
    };
  }
  const answer = checkRegex(source, OPERATOR_REGEX_FLAGS, timeout);
  if ("error" in answer) {
    return {
      problem: `regular expression ${shown} could not be checked (${oneLine(answer.error)}); simplify it`,
      final: false,
    };
  }
  const result = answer.result;
  if (result.status === "vulnerable") {
    return {
      problem: `regular expression ${shown} can backtrack catastrophically (${result.complexity.summary}); rewrite it without nested or overlapping repetition`,
      final: true,
    };
  }
  if (result.status === "unknown") {
    return {
      problem: `regular expression ${shown} could not be proven safe (${result.error.kind}); simplify it`,
      final: result.error.kind !== "timeout",
    };
  }
  return { problem: undefined, final: true };
}

/** The largest count of a `{n}`, `{n,}` or `{n,m}` quantifier (a literal `\\{` does not count). */
function largestRepeat(source: string): number {
  let largest = 0;
  for (const m of source.matchAll(/(\\*)\{(\d+)(?:,(\d*))?\}/g)) {
    if (m[1]!.length % 2 === 1) continue;
    largest = Math.max(largest, Number(m[2]), Number(m[3] || 0));
  }
  return largest;
}

/** Text as a message shows it: on one line, and not a screenful. */
function oneLine(text: string): string {
  const flat = text.replace(/[\r\n\u2028\u2029]/g, " ");
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}
