/**
 * A parsed YAML file that still knows where every value came from, so that
 * schema errors found on the plain data can be reported at `line:col`.
 *
 * Rule files are edited by hand and sometimes by someone hostile, so reading
 * one never throws: alias bombs ("billion laughs"), aliases without an anchor
 * and nesting deep enough to exhaust the stack all come back as problems.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Node, parseDocument, visit } from "yaml";
import type { RuleProblem } from "./rule-error.js";

export type PathSegment = string | number;

/** Aliases a file may expand; a few shared lists are plenty, a bomb needs thousands. */
export const MAX_ALIAS_COUNT = 100;
/** Deepest nesting of maps and lists; the deepest the schema reaches is about 10, conditions included. */
export const MAX_NESTING = 64;

export class YamlSource {
  private constructor(
    readonly file: string,
    private readonly doc: ReturnType<typeof parseDocument>,
    private readonly text: string,
    private readonly lineStarts: number[],
  ) {}

  /** Parses text; syntax errors come back as problems (with positions) beside the source. */
  static parse(file: string, text: string): { source: YamlSource; problems: RuleProblem[] } {
    // uniqueKeys: a duplicated key is an operator's mistake, not a silent override. logLevel: the parser's
    // warnings (a list used as a key) would go to stderr as process warnings; the schema reports those keys.
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: "error" });
    // Line starts counted here rather than by the parser's LineCounter, which misses lines while it
    // recovers from some syntax errors and would then report columns past the end of a line.
    const source = new YamlSource(file, doc, text, lineStartsOf(text));
    const problems = doc.errors.map((e) => source.problemAtOffset(e.pos[0], syntaxMessage(e.message)));
    if (problems.length === 0) {
      const deep = tooDeep(doc.contents);
      if (deep) problems.push(source.problemAtOffset(deep, `nested deeper than ${MAX_NESTING} levels`));
    }
    return { source, problems };
  }

  /** The plain data (maps as objects; null for an empty file), or the problem that prevents it. */
  toJS(): { data: unknown } | { problem: RuleProblem } {
    try {
      return { data: this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
    } catch (error) {
      return { problem: this.aliasProblem((error as Error).message) };
    }
  }

  /** A problem at the deepest node of `path` that exists (the parent when a key is missing). */
  problemAt(path: readonly PathSegment[], message: string, options: { atKey?: boolean } = {}): RuleProblem {
    return this.problemAtOffset(this.offsetOf(path, options.atKey ?? false), message);
  }

  /** A problem at the start of the file, for what concerns the file (or pack) as a whole. */
  problemAtStart(message: string): RuleProblem {
    return this.problemAtOffset(0, message);
  }

  private problemAtOffset(offset: number, message: string): RuleProblem {
    const { line, col } = linePos(this.text, this.lineStarts, offset);
    return { file: this.file, line, col, message };
  }

  /** What toJS refused, at the alias that caused it. */
  private aliasProblem(reason: string): RuleProblem {
    const aliases: { source: string; offset: number }[] = [];
    visit(this.doc, {
      Alias(_key, node) {
        aliases.push({ source: node.source, offset: node.range?.[0] ?? 0 });
      },
    });
    const dangling = /^Unresolved alias.*: (.*)$/.exec(reason);
    if (dangling) {
      const alias = aliases.find((a) => a.source === dangling[1]);
      return this.problemAtOffset(
        alias?.offset ?? 0,
        `alias *${dangling[1]} has no anchor &${dangling[1]} before it`,
      );
    }
    if (/alias count/i.test(reason)) {
      return this.problemAtOffset(
        aliases[0]?.offset ?? 0,
        `aliases expand to too much data (an "alias bomb"); at most ${MAX_ALIAS_COUNT} aliases are resolved per file`,
      );
    }
    return this.problemAtOffset(aliases[0]?.offset ?? 0, `cannot read the file: ${firstLine(reason)}`);
  }

  private offsetOf(path: readonly PathSegment[], atKey: boolean): number {
    let node: unknown = this.doc.contents;
    let offset = rangeStart(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      const last = i === path.length - 1;
      if (isAlias(node)) return offset;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
        );
        if (!pair) return offset;
        if (last && atKey) return rangeStart(pair.key) ?? offset;
        node = pair.value;
        offset = rangeStart(pair.value) ?? rangeStart(pair.key) ?? offset;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment];
        if (item === undefined) return offset;
        node = item;
        offset = rangeStart(item) ?? offset;
      } else {
        return offset;
      }
    }
    return offset;
  }
}

/** Offsets where lines start; a line ends at \n, \r\n or a lone \r, as editors count them. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/**
 * 1-based line and column (in UTF-16 code units, as JavaScript editors count) of an offset; one
 * past the end of the file, or on a line break, is the column just after the line's last character.
 */
function linePos(text: string, starts: number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = starts.length - 1;
  const at = Math.min(Math.max(0, offset), text.length);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  let end = lo + 1 < starts.length ? starts[lo + 1]! : text.length;
  while (end > starts[lo]! && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return { line: lo + 1, col: Math.min(at, end) - starts[lo]! + 1 };
}

/** The offset of a node nested deeper than MAX_NESTING, or undefined; iterative, so depth cannot overflow it. */
function tooDeep(root: unknown): number | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth >= MAX_NESTING) return rangeStart(node) ?? 0;
    for (const item of node.items) {
      if (isPair(item)) {
        stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      } else {
        stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

function syntaxMessage(message: string): string {
  const first = firstLine(message);
  // The parser's own recursion gave up: say what that means for the operator.
  return /call stack/i.test(first) ? `nested too deeply to read (${first})` : first;
}

function firstLine(message: string): string {
  return message.split(/\r?\n|\r/)[0]!;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
