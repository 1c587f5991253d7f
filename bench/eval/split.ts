/**
 * `npm run eval:split`: turns the hand-written theme files (test/fixtures/eval/written/*.txt) into
 * the two parts of the corpus, tune.jsonl and heldout.jsonl. A line's part is fixed by a hash of
 * its text alone, so adding or reordering lines never moves a line from one part to the other: a
 * line once held out stays held out. The hash is taken of the text in Simplified, lower case,
 * letters and digits only, so a Traditional line and its Simplified twin ("我已經私訊店員了" and
 * "我已经私信店员了" differ; "吃飽了" and "吃饱了" do not) fall in the same part: tuning on one must
 * not buy the other's score. The folding is opencc's own tables, not the engine's normaliser, so
 * changes to the engine never move a line.
 *
 * Theme file format: a line starting with `@` sets the labels of the lines after it, in full
 * (`@ label=violation concern=poaching lang=zh-Hans evasion`; a bare word is a flag set to true, a
 * number is a number); `#` starts a comment line; every other non-empty line is a message text.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Converter } from "opencc-js/t2cn";
import type { LabelledLine } from "./corpus.js";

const DIR = resolve(import.meta.dirname, "../../../test/fixtures/eval");
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

export function partOf(text: string): "tune" | "heldout" {
  const bucket = createHash("sha256").update(splitKey(text)).digest().readUInt32BE(0) % 100;
  return bucket < TUNE_PERCENT ? "tune" : "heldout";
}

function parseDirective(raw: string, where: string): Record<string, string | number | boolean> {
  const fields: Record<string, string | number | boolean> = {};
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

function readWritten(dir: string): LabelledLine[] {
  const lines: LabelledLine[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort();
  for (const file of files) {
    let current: Record<string, string | number | boolean> | undefined;
    readFileSync(join(dir, file), "utf8")
      .split("\n")
      .forEach((raw, i) => {
        const where = `${file}:${i + 1}`;
        const text = raw.trim();
        if (text === "" || text.startsWith("#")) return;
        if (text.startsWith("@")) current = parseDirective(text, where);
        else if (!current) throw new Error(`${where}: a text before any @ directive`);
        else lines.push({ text, ...current } as unknown as LabelledLine);
      });
  }
  return lines;
}

const lines = readWritten(join(DIR, "written"));
const seen = new Set<string>();
for (const line of lines) {
  if (seen.has(line.text)) throw new Error(`written twice: ${line.text}`);
  seen.add(line.text);
}
const parts = { tune: [] as string[], heldout: [] as string[] };
for (const line of lines) parts[partOf(line.text)].push(JSON.stringify(line));
for (const [name, rows] of Object.entries(parts)) {
  writeFileSync(join(DIR, `${name}.jsonl`), `${rows.join("\n")}\n`);
}
process.stdout.write(`${lines.length} lines: tune ${parts.tune.length}, heldout ${parts.heldout.length}\n`);
