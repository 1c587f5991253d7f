/**
 * Hostile rule files, generated: seeded mutations of the default rule pack.
 * One seed → one mutated pack (the same on every run and machine), so a
 * failure names a seed that reproduces it. Mutations work on the text, guided
 * by where the base files' keys, values and list items are, so that besides
 * random breakage they also produce the near-misses operators write: a
 * deleted key, a value of the wrong type, a typo in a key, a duplicated rule.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { mulberry32 } from "../../bench/corpus.js";
import { DEFAULT_RULES_DIR } from "../helpers/rules.js";

export interface RuleText {
  /** File name inside the rule directory. */
  name: string;
  text: string;
}

export interface Mutation {
  seed: number;
  /** What was done, e.g. "moderation.yaml:wrongType(moderation.3.priority→[1, x])"; shown on failure. */
  label: string;
  /** Operator names, for the counts the test prints. */
  ops: string[];
  files: RuleText[];
}

/** The same seeded generator the benchmarks use: the same seed always gives the same pack. */
export const prng = mulberry32;

class Rng {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---- where things are in a base file ------------------------------------------------------

interface PairSite {
  path: string;
  keyStart: number;
  keyEnd: number;
  /** Offset just after the value (or the key when the value is empty). */
  valueEnd: number;
  valueStart: number;
  kind: "scalar" | "seq" | "map" | "empty";
  /** Column of the key (0-based), for inserting a sibling with the same indentation. */
  keyCol: number;
}

interface ItemSite {
  path: string;
  start: number;
  end: number;
  /** Column of the item's content; the "- " is two columns before in block style. */
  col: number;
  scalar: boolean;
}

interface BaseFile {
  name: string;
  text: string;
  pairs: PairSite[];
  items: ItemSite[];
}

function indexBase(name: string, text: string): BaseFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const pairs: PairSite[] = [];
  const items: ItemSite[] = [];
  const walk = (node: unknown, path: string) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
        const key = String(pair.key.value);
        const value = pair.value as Node | null;
        const keyEnd = pair.key.range[1];
        const p = path ? `${path}.${key}` : key;
        pairs.push({
          path: p,
          keyStart: pair.key.range[0],
          keyEnd,
          valueStart: value?.range?.[0] ?? keyEnd,
          valueEnd: value?.range?.[1] ?? keyEnd,
          kind: isMap(value) ? "map" : isSeq(value) ? "seq" : isScalar(value) ? "scalar" : "empty",
          keyCol: lines.linePos(pair.key.range[0]).col - 1,
        });
        walk(value, p);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const range = (item as Node).range;
        if (!range) return;
        items.push({
          path: `${path}.${i}`,
          start: range[0],
          end: range[1],
          col: lines.linePos(range[0]).col - 1,
          scalar: isScalar(item),
        });
        walk(item, `${path}.${i}`);
      });
    }
  };
  walk(doc.contents, "");
  return { name, text, pairs, items };
}

let baseCache: BaseFile[] | undefined;

/** The default pack's files, indexed once per process. */
export function baseFiles(): BaseFile[] {
  baseCache ??= ["admins", "categories", "escalation", "faq", "groups", "moderation", "promos"].map((n) => {
    const name = `${n}.yaml`;
    return indexBase(name, readFileSync(join(DEFAULT_RULES_DIR, name), "utf8"));
  });
  return baseCache;
}

// ---- hostile material ---------------------------------------------------------------------

/** Patterns that backtrack catastrophically (or nearly), each quick for the checker to judge. */
export const CATASTROPHIC_REGEXES = [
  "(a+)+$",
  "(.*a){20}",
  "(a|aa)+$",
  "(\\w+\\s?)+$",
  "^(([a-z])+.)+[A-Z]([a-z])+$",
  "((((((((((a*)*)*)*)*)*)*)*)*)*)*b",
  "(x+x+)+y",
  "^(a|a)*$",
  "[\\s\\S]*?x[\\s\\S]*?y[\\s\\S]*?z$",
  "(\\d+)*\\.",
  "(加|加微)+信$",
  "([^,]*,)*x",
];

/** Broken or odd regular expressions that must be refused (or judged) without crashing. */
const ODD_REGEXES = [
  "([a-z]",
  "[z-a]",
  "a{2,1}",
  "(?<n>a)(?<n>b)",
  "\\",
  "*",
  "(?<=a+)b",
  "\\p{Han}",
  "\\k<x>",
  "x{99999999999}",
];

/** Values that are the wrong type almost anywhere, written as YAML flow text. */
const WRONG_VALUES = [
  "42",
  "-1",
  "3.5",
  "1e400",
  "0x1F",
  ".nan",
  "true",
  "null",
  "~",
  '""',
  "text",
  '"quoted text"',
  "[]",
  "[1, two, {three: 3}]",
  "{}",
  "{a: 1, b: [2]}",
  "2026-11-22",
  "!!binary aGVsbG8=",
  "!!set {a, b}",
  "!custom x",
  "[[[[[[]]]]]]",
  "'__proto__'",
  "{__proto__: {polluted: 1}}",
  "{constructor: 1}",
];

const UNKNOWN_KEYS = [
  "colour",
  "__proto__",
  "constructor",
  "toString",
  "Id",
  "actionz",
  "match_all",
  "优先级",
  "",
  "0",
];

const ALIAS_BOMB = `lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
lol1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
lol2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
lol3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
lol4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
lol5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]
lol6: &a6 [*a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5]
lol7: &a7 [*a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6]
lol8: &a8 [*a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7]
`;

/** The bomb where a rule's keywords go, so it is not merely an unknown key. */
const KEYWORD_BOMB = `categories:
  promo: {name: P}
moderation:
  - id: bomb
    match:
      any:
        - keywords: &k0 [a, b, c, d, e, f, g, h, i, j]
        - keywords: &k1 [*k0, *k0, *k0, *k0, *k0, *k0, *k0, *k0, *k0, *k0]
        - keywords: &k2 [*k1, *k1, *k1, *k1, *k1, *k1, *k1, *k1, *k1, *k1]
        - keywords: &k3 [*k2, *k2, *k2, *k2, *k2, *k2, *k2, *k2, *k2, *k2]
        - keywords: &k4 [*k3, *k3, *k3, *k3, *k3, *k3, *k3, *k3, *k3, *k3]
        - keywords: &k5 [*k4, *k4, *k4, *k4, *k4, *k4, *k4, *k4, *k4, *k4]
        - keywords: &k6 [*k5, *k5, *k5, *k5, *k5, *k5, *k5, *k5, *k5, *k5]
    actions: [delete]
`;

function hugeList(rng: Rng, n: number): string {
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(`w${i.toString(36)}${rng.pick(["词", "x", "广告", "ab"])}`);
  return `[${words.join(", ")}]`;
}

function garbage(rng: Rng, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    // Mostly control and odd code units (NUL, DEL, lone surrogates, BOM, RTL marks), some anything.
    if (r < 0.3) s += String.fromCharCode(rng.int(32));
    else if (r < 0.45) s += String.fromCharCode(0xd800 + rng.int(0x800));
    else if (r < 0.55) s += rng.pick(["\uFEFF", "\u200B", "\u202E", "\u0085", "\u2028", "\u007F", "\uFFFD"]);
    else s += String.fromCharCode(rng.int(0x10000));
  }
  return s;
}

// ---- operators ------------------------------------------------------------------------------

type SiteOp = (base: BaseFile, rng: Rng) => { text: string; detail: string } | undefined;
type TextOp = (text: string, rng: Rng) => { text: string; detail: string };

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}
function lineEnd(text: string, offset: number): number {
  const i = text.indexOf("\n", offset);
  return i < 0 ? text.length : i + 1;
}

/** Operators that use the base file's structure: the near-misses an operator's edit produces. */
const SITE_OPS: Record<string, SiteOp> = {
  deleteKey(base, rng) {
    const p = rng.pick(base.pairs);
    const from = lineStart(base.text, p.keyStart);
    const to = lineEnd(base.text, Math.max(p.valueEnd - 1, p.keyEnd));
    // A key inside a flow map ({from: .., to: ..}) shares its line: cut just the pair.
    const own =
      base.text.slice(from, p.keyStart).trim() === "" || base.text.slice(from, p.keyStart).trim() === "-";
    const text = own
      ? base.text.slice(0, from) + base.text.slice(to)
      : base.text.slice(0, p.keyStart) + base.text.slice(p.valueEnd);
    return { text, detail: p.path };
  },
  wrongType(base, rng) {
    const p = rng.pick(base.pairs);
    const value = rng.pick(WRONG_VALUES);
    const colon = base.text.indexOf(":", p.keyEnd);
    const end = Math.max(p.valueEnd, colon + 1);
    return {
      text: `${base.text.slice(0, colon + 1)} ${value}${base.text.slice(end)}`,
      detail: `${p.path}→${value}`,
    };
  },
  wrongItemType(base, rng) {
    if (base.items.length === 0) return undefined;
    const item = rng.pick(base.items);
    const value = rng.pick(WRONG_VALUES);
    return {
      text: base.text.slice(0, item.start) + value + base.text.slice(item.end),
      detail: `${item.path}→${value}`,
    };
  },
  unknownKey(base, rng) {
    const blocks = base.pairs.filter(
      (p) => base.text.slice(lineStart(base.text, p.keyStart), p.keyStart).trim() === "",
    );
    const p = rng.pick(blocks.length > 0 ? blocks : base.pairs);
    const key = rng.pick(UNKNOWN_KEYS);
    const at = lineStart(base.text, p.keyStart);
    const line = `${" ".repeat(p.keyCol)}${key === "" ? '""' : key}: ${rng.pick(WRONG_VALUES)}\n`;
    return { text: base.text.slice(0, at) + line + base.text.slice(at), detail: `${p.path}+${key}` };
  },
  renameKey(base, rng) {
    const p = rng.pick(base.pairs);
    const key = base.text.slice(p.keyStart, p.keyEnd);
    const renamed = rng.pick([
      `${key}s`,
      key.toUpperCase(),
      key.slice(1),
      `${key}_`,
      key.replace(/_/g, "-"),
      `${key} `,
    ]);
    return {
      text: base.text.slice(0, p.keyStart) + renamed + base.text.slice(p.keyEnd),
      detail: `${p.path}→${renamed}`,
    };
  },
  duplicateItem(base, rng) {
    if (base.items.length === 0) return undefined;
    // Whole rules, FAQs, promos and bindings: duplicate ids, or the same binding twice.
    const top = base.items.filter((i) => !i.scalar && i.path.split(".").length <= 4);
    const item = rng.pick(top.length > 0 ? top : base.items);
    const from = lineStart(base.text, item.start);
    const to = lineEnd(base.text, Math.max(item.end - 1, item.start));
    const copy = base.text.slice(from, to);
    return { text: base.text.slice(0, to) + copy + base.text.slice(to), detail: item.path };
  },
  duplicateKey(base, rng) {
    const p = rng.pick(base.pairs);
    const from = lineStart(base.text, p.keyStart);
    if (base.text.slice(from, p.keyStart).trim() !== "") return undefined;
    const to = lineEnd(base.text, Math.max(p.valueEnd - 1, p.keyEnd));
    return { text: base.text.slice(0, to) + base.text.slice(from, to) + base.text.slice(to), detail: p.path };
  },
  catastrophicRegex(base, rng) {
    const pattern = rng.chance(0.8) ? rng.pick(CATASTROPHIC_REGEXES) : rng.pick(ODD_REGEXES);
    const quoted = JSON.stringify(pattern);
    const regexes = base.pairs.filter((p) => /(^|\.)(regex|compact_regex|title_regex)$/.test(p.path));
    if (regexes.length > 0 && rng.chance(0.7)) {
      const p = rng.pick(regexes);
      const colon = base.text.indexOf(":", p.keyEnd);
      return {
        text: `${base.text.slice(0, colon + 1)} ${quoted}${base.text.slice(p.valueEnd)}`,
        detail: `${p.path}=${pattern}`,
      };
    }
    // Anywhere a condition is: add a regex test beside the keywords.
    const conditions = base.pairs.filter((p) => /(^|\.)keywords$/.test(p.path));
    if (conditions.length === 0) return undefined;
    const p = rng.pick(conditions);
    const at = lineStart(base.text, p.keyStart);
    if (base.text.slice(at, p.keyStart).trim() !== "") return undefined;
    const line = `${" ".repeat(p.keyCol)}regex: ${quoted}\n`;
    return {
      text: base.text.slice(0, at) + line + base.text.slice(at),
      detail: `${p.path}+regex=${pattern}`,
    };
  },
  hugeList(base, rng) {
    const lists = base.pairs.filter((p) => p.kind === "seq");
    if (lists.length === 0) return undefined;
    const p = rng.pick(lists);
    // Mostly big; now and then a list of 50,000 keywords, as an import script might write.
    const words = /(keywords|words|hints|exclude|ask)$/.test(p.path);
    const n = words && rng.chance(0.05) ? 50_000 : rng.chance(0.1) ? 5_000 : rng.pick([200, 1_000]);
    const colon = base.text.indexOf(":", p.keyEnd);
    return {
      text: `${base.text.slice(0, colon + 1)} ${hugeList(rng, n)}${base.text.slice(p.valueEnd)}`,
      detail: `${p.path}×${n}`,
    };
  },
  anchorAlias(base, rng) {
    // A legitimate-looking anchor on one list and an alias to it elsewhere (fine), or an alias to nothing.
    const lists = base.pairs.filter((p) => p.kind === "seq" || p.kind === "scalar");
    if (lists.length < 2) return undefined;
    const a = rng.pick(lists);
    const b = rng.pick(lists);
    if (a === b) return undefined;
    const [first, second] = a.valueStart < b.valueStart ? [a, b] : [b, a];
    if (second.valueStart < first.valueEnd) return undefined;
    const anchor = rng.chance(0.8) ? "&shared " : "";
    const text =
      base.text.slice(0, first.valueStart) +
      anchor +
      base.text.slice(first.valueStart, base.text.indexOf(":", second.keyEnd) + 1) +
      " *shared" +
      base.text.slice(second.valueEnd);
    return { text, detail: `${first.path}${anchor ? "&" : ""}→${second.path}` };
  },
};

/** Operators that break the text without looking at its structure. */
const TEXT_OPS: Record<string, TextOp> = {
  deleteLine(text, rng) {
    const at = lineStart(text, rng.int(text.length + 1));
    return { text: text.slice(0, at) + text.slice(lineEnd(text, at)), detail: `@${at}` };
  },
  truncate(text, rng) {
    const at = rng.int(text.length + 1);
    return { text: text.slice(0, at), detail: `@${at}` };
  },
  unbalanced(text, rng) {
    const at = rng.int(text.length + 1);
    const c = rng.pick([
      '"',
      "'",
      "[",
      "]",
      "{",
      "}",
      "`",
      "|",
      ">",
      "&",
      "*",
      "!",
      "%",
      "@",
      "#",
      ":",
      "- ",
      "? ",
    ]);
    return { text: text.slice(0, at) + c + text.slice(at), detail: `${c}@${at}` };
  },
  indent(text, rng) {
    const lines = text.split("\n");
    const i = rng.int(lines.length);
    const line = lines[i]!;
    const shift = rng.pick([-4, -2, -1, 1, 2, 3]);
    lines[i] = shift > 0 ? " ".repeat(shift) + line : line.replace(new RegExp(`^ {0,${-shift}}`), "");
    return { text: lines.join("\n"), detail: `line ${i + 1} ${shift}` };
  },
  tabs(text, rng) {
    if (rng.chance(0.5)) {
      const lines = text.split("\n");
      const i = rng.int(lines.length);
      lines[i] = lines[i]!.replace(/^( {2})+/, (s) => "\t".repeat(s.length / 2));
      return { text: lines.join("\n"), detail: `line ${i + 1}` };
    }
    return { text: text.replace(/^( {2})+/gm, (s) => "\t".repeat(s.length / 2)), detail: "all" };
  },
  bom(text, rng) {
    if (rng.chance(0.6)) return { text: `\uFEFF${text}`, detail: "start" };
    const at = rng.int(text.length + 1);
    return { text: `${text.slice(0, at)}\uFEFF${text.slice(at)}`, detail: `@${at}` };
  },
  binary(text, rng) {
    const at = rng.int(text.length + 1);
    const n = rng.pick([1, 4, 32, 512]);
    return { text: text.slice(0, at) + garbage(rng, n) + text.slice(at), detail: `${n}@${at}` };
  },
  binaryFile(_text, rng) {
    return { text: garbage(rng, rng.pick([16, 1024, 20_000])), detail: "" };
  },
  empty(_text, rng) {
    return { text: rng.pick(["", "\n", "   \n\n", "\uFEFF", "---\n", "...\n", "~\n", "null\n"]), detail: "" };
  },
  onlyComments(text) {
    return { text: text.replace(/^/gm, "# "), detail: "" };
  },
  swapLines(text, rng) {
    const lines = text.split("\n");
    const i = rng.int(lines.length);
    const j = rng.int(lines.length);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return { text: lines.join("\n"), detail: `${i + 1}<>${j + 1}` };
  },
  duplicateLine(text, rng) {
    const at = lineStart(text, rng.int(text.length + 1));
    const end = lineEnd(text, at);
    return { text: text.slice(0, end) + text.slice(at, end) + text.slice(end), detail: `@${at}` };
  },
  crlf(text, rng) {
    return rng.chance(0.5)
      ? { text: text.replace(/\n/g, "\r\n"), detail: "crlf" }
      : { text: text.replace(/\n/g, "\r"), detail: "cr" };
  },
  aliasBomb(text, rng) {
    if (rng.chance(0.5)) return { text: `${text}\n${ALIAS_BOMB}`, detail: "appended" };
    return { text: KEYWORD_BOMB, detail: "keywords" };
  },
  danglingAlias(text, rng) {
    const at = lineStart(text, rng.int(text.length + 1));
    return { text: `${text.slice(0, at)}x: *nowhere\n${text.slice(at)}`, detail: `@${at}` };
  },
  multiDoc(text) {
    return { text: `${text}\n---\n${text}`, detail: "" };
  },
  deepNesting(text, rng) {
    const depth = rng.pick([50, 500, 5_000]);
    const flow = rng.chance(0.5);
    const nest = flow
      ? `deep: ${"[".repeat(depth)}${"]".repeat(depth)}\n`
      : `moderation:\n  - id: deep\n    match: ${"{not: ".repeat(depth)}{keywords: [x]}${"}".repeat(depth)}\n    actions: [delete]\n`;
    return { text: text + nest, detail: `${flow ? "flow" : "not"}×${depth}` };
  },
  longLine(text, rng) {
    const at = lineStart(text, rng.int(text.length + 1));
    const n = rng.pick([10_000, 200_000]);
    return { text: `${text.slice(0, at)}# ${"长".repeat(n)}\n${text.slice(at)}`, detail: `${n}` };
  },
  hugeFile(text, rng) {
    // Past the loader's size bound: refused without being parsed.
    return { text: text + `# ${"x".repeat(100)}\n`.repeat(rng.pick([25_000, 40_000])), detail: "" };
  },
  mergeKey(text, rng) {
    const at = lineStart(text, rng.int(text.length + 1));
    return {
      text: `${text.slice(0, at)}base: &base {a: 1}\nuse:\n  <<: *base\n${text.slice(at)}`,
      detail: `@${at}`,
    };
  },
  directives(text, rng) {
    return {
      text: `${rng.pick(["%YAML 1.1\n---\n", "%YAML 9.9\n---\n", "%TAG ! tag:x,2000:\n---\n", "%FOO\n"])}${text}`,
      detail: "",
    };
  },
};

const SITE_NAMES = Object.keys(SITE_OPS);
const TEXT_NAMES = Object.keys(TEXT_OPS);
/** Rarer operators: expensive to load (big files) or the same few cases over and over. */
const RARE_TEXT = new Set(["hugeFile", "longLine", "binaryFile", "aliasBomb", "multiDoc", "deepNesting"]);

/** One mutated pack for a seed. */
export function mutate(seed: number): Mutation {
  const rng = new Rng(prng(seed));
  const bases = baseFiles();
  const texts = new Map(bases.map((b) => [b.name, b.text]));
  const labels: string[] = [];
  const ops: string[] = [];
  const touched = rng.chance(0.1) ? 2 : 1;
  for (let t = 0; t < touched; t++) {
    const base = rng.pick(bases);
    let text = texts.get(base.name)!;
    let structural = false;
    // A structural near-miss (most mutations), then maybe some raw breakage on top.
    if (text === base.text && rng.chance(0.7)) {
      for (let tries = 0; tries < 5; tries++) {
        const name = rng.pick(SITE_NAMES);
        if (name === "hugeList" && !rng.chance(0.15)) continue;
        const result = SITE_OPS[name]!(base, rng);
        if (!result) continue;
        text = result.text;
        labels.push(`${base.name}:${name}(${result.detail})`);
        ops.push(name);
        structural = true;
        break;
      }
    }
    const rounds = structural ? rng.pick([0, 0, 0, 1]) : rng.pick([1, 1, 2]);
    for (let r = 0; r < rounds; r++) {
      let name = rng.pick(TEXT_NAMES);
      if (RARE_TEXT.has(name) && !rng.chance(0.2))
        name = rng.pick(["unbalanced", "indent", "deleteLine", "truncate"]);
      const result = TEXT_OPS[name]!(text, rng);
      text = result.text;
      labels.push(`${base.name}:${name}(${result.detail.slice(0, 60)})`);
      ops.push(name);
    }
    texts.set(base.name, text);
  }
  let files = [...texts].map(([name, text]) => ({ name, text }));
  // Now and then the set itself changes: a file gone, or a second copy under another name (duplicate sections and ids).
  const setOp = rng.next();
  if (setOp < 0.03) {
    const gone = rng.pick(files);
    files = files.filter((f) => f !== gone);
    labels.push(`-${gone.name}`);
    ops.push("dropFile");
  } else if (setOp < 0.06) {
    const copy = rng.pick(files);
    files.push({
      name: `zz-copy-of-${copy.name.replace(/\.yaml$/, rng.chance(0.5) ? ".yml" : ".yaml")}`,
      text: copy.text,
    });
    labels.push(`+copy(${copy.name})`);
    ops.push("copyFile");
  }
  return { seed, label: labels.join(" "), ops, files };
}
