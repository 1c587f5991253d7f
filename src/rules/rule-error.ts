/** One problem in a rule file, at the position an operator's editor jumps to. */
export interface RuleProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  message: string;
}

/** `file:line:col message`, the form editors and `qunguan check` users expect. */
export function formatProblem(p: RuleProblem): string {
  return `${p.file}:${p.line}:${p.col} ${p.message}`;
}

/** A rule directory that cannot be loaded; carries every problem found, not just the first. */
export class RuleLoadError extends Error {
  override name = "RuleLoadError";
  constructor(readonly problems: RuleProblem[]) {
    super(problems.map(formatProblem).join("\n"));
  }
}
