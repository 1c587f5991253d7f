/**
 * Operators' regular expressions run on every message, so one that can
 * backtrack catastrophically (`(a+)+$`) would let a single crafted message
 * stall the bot. recheck analyses each pattern at load; results are cached by
 * source so hot reloads stay cheap.
 */
import { checkSync } from "recheck";

/** Flags every operator regex is compiled with (text is already lower-cased). */
export const OPERATOR_REGEX_FLAGS = "i";

const verdicts = new Map<string, string | undefined>();

/** Undefined when the pattern compiles and is safe; otherwise why it is refused. */
export function regexProblem(source: string): string | undefined {
  if (verdicts.has(source)) return verdicts.get(source);
  const verdict = analyse(source);
  verdicts.set(source, verdict);
  return verdict;
}

function analyse(source: string): string | undefined {
  try {
    new RegExp(source, OPERATOR_REGEX_FLAGS);
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, "")}`;
  }
  // Generous: the analysis of a safe pattern takes milliseconds, but a loaded CI machine must not turn it into "unknown".
  const result = checkSync(source, OPERATOR_REGEX_FLAGS, { timeout: 10_000 });
  if (result.status === "vulnerable") {
    return `regular expression /${source}/ can backtrack catastrophically (${result.complexity.summary}); rewrite it without nested or overlapping repetition`;
  }
  if (result.status === "unknown") {
    return `regular expression /${source}/ could not be proven safe (${result.error.kind}); simplify it`;
  }
  return undefined;
}
