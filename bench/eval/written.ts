/**
 * The hand-written theme files (test/fixtures/eval/written/*.txt) and the one rule that splits
 * them into the two parts of the corpus. A line's part is fixed by a hash of its text alone, so
 * adding or reordering lines never moves a line from one part to the other: a line once held out
 * stays held out. The hash is taken of the text folded to Simplified, lower case, letters and
 * digits only, so a Traditional line and its exact Simplified twin ("吃飽了" / "吃饱了") fall in the
 * same part: tuning on one must not buy the other's score. The folding uses opencc's tables, not
 * the engine's normaliser, so a change to the engine never moves a line.
 *
 * Theme file format: a line starting with `@` sets the labels of the lines after it, in full
 * (`@ label=violation concern=poaching lang=zh-Hans evasion`; a bare word is a flag set to true,
 * digits are a number); a line starting with `#` is a comment; every other non-empty line is one
 * message text.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Converter } from "opencc-js/t2cn";
import { packageRoot } from "../../src/cli/package-root.js";
import type { LabelledLine } from "./corpus.js";

/** From bench/eval or dist/bench/eval alike. */
export const EVAL_DIR = join(packageRoot(), "test/fixtures/eval");
export const PARTS = ["tune", "heldout"] as const;
export type Part = (typeof PARTS)[number];

/** Share of lines in the tuning part, in percent. */
const TUNE_PERCENT = 60;

const hongKongToCn = Converter({ from: "hk", to: "cn" });
const taiwanToCn = Converter({ from: "tw", to: "cn" });

/** The text the split hashes: Simplified, lower case, letters and digits only. */
export function splitKey(text: string): string {
  return taiwanToCn(hongKongToCn(text))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

export function partOf(text: string): Part {
  const bucket = createHash("sha256").update(splitKey(text)).digest().readUInt32BE(0) % 100;
  return bucket < TUNE_PERCENT ? "tune" : "heldout";
}

type Fields = Record<string, string | number | boolean>;

function parseDirective(raw: string, where: string): Fields {
  const fields: Fields = {};
  for (const word of raw.slice(1).trim().split(/\s+/)) {
    const eq = word.indexOf("=");
    if (eq < 0) fields[word] = true;
    else {
      const value = word.slice(eq + 1);
      fields[word.slice(0, eq)] = /^\d+$/.test(value) ? Number(value) : value;
    }
  }
  if (!fields.label || !fields.lang) throw new Error(`${where}: a directive names at least label and lang`);
  return fields;
}

/** Every line of every theme file, in file and line order; a text written twice is an error. */
export function readWritten(dir = join(EVAL_DIR, "written")): LabelledLine[] {
  const lines: LabelledLine[] = [];
  const seen = new Set<string>();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort();
  for (const file of files) {
    let current: Fields | undefined;
    readFileSync(join(dir, file), "utf8")
      .split("\n")
      .forEach((raw, i) => {
        const where = `${file}:${i + 1}`;
        const text = raw.trim();
        if (text === "" || text.startsWith("#")) return;
        if (text.startsWith("@")) current = parseDirective(text, where);
        else if (!current) throw new Error(`${where}: a text before any @ directive`);
        else if (seen.has(text)) throw new Error(`${where}: written twice: ${text}`);
        else {
          seen.add(text);
          lines.push({ text, ...current } as unknown as LabelledLine);
        }
      });
  }
  return lines;
}

/** The two parts as the JSONL files hold them. */
export function splitWritten(lines: readonly LabelledLine[]): Record<Part, string> {
  const rows: Record<Part, string[]> = { tune: [], heldout: [] };
  for (const line of lines) rows[partOf(line.text)].push(JSON.stringify(line));
  return { tune: `${rows.tune.join("\n")}\n`, heldout: `${rows.heldout.join("\n")}\n` };
}
