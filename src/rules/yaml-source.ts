/**
 * A parsed YAML file that still knows where every value came from, so that
 * schema errors found on the plain data can be reported at `line:col`.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { RuleProblem } from "./rule-error.js";

export type PathSegment = string | number;

export class YamlSource {
  private constructor(
    readonly file: string,
    private readonly doc: ReturnType<typeof parseDocument>,
    private readonly lines: LineCounter,
  ) {}

  /** Parses text; syntax errors come back as problems (with positions) beside the source. */
  static parse(file: string, text: string): { source: YamlSource; problems: RuleProblem[] } {
    const lines = new LineCounter();
    // uniqueKeys: a duplicated key is an operator's mistake, not a silent override.
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const source = new YamlSource(file, doc, lines);
    const problems = doc.errors.map((e) => source.problemAtOffset(e.pos[0], e.message.split("\n")[0]!));
    return { source, problems };
  }

  /** The plain data (maps as objects); null for an empty file. */
  toJS(): unknown {
    return this.doc.toJS({ maxAliasCount: 100 });
  }

  /** A problem at the deepest node of `path` that exists (the parent when a key is missing). */
  problemAt(path: readonly PathSegment[], message: string, options: { atKey?: boolean } = {}): RuleProblem {
    return this.problemAtOffset(this.offsetOf(path, options.atKey ?? false), message);
  }

  private problemAtOffset(offset: number, message: string): RuleProblem {
    const pos = this.lines.linePos(offset);
    return { file: this.file, line: pos.line, col: pos.col, message };
  }

  private offsetOf(path: readonly PathSegment[], atKey: boolean): number {
    let node: unknown = this.doc.contents;
    let offset = rangeStart(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      const last = i === path.length - 1;
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

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
