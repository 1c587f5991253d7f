/**
 * `npm run eval:split`: writes test/fixtures/eval/tune.jsonl and heldout.jsonl from the theme
 * files in test/fixtures/eval/written (how, in written.ts). Run it after adding lines; a line
 * already in the corpus keeps its part.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { EVAL_DIR, PARTS, readWritten, splitWritten } from "./written.js";

const lines = readWritten();
const parts = splitWritten(lines);
for (const part of PARTS) writeFileSync(join(EVAL_DIR, `${part}.jsonl`), parts[part]);
const count = (part: (typeof PARTS)[number]) => parts[part].split("\n").length - 1;
process.stdout.write(`${lines.length} lines: tune ${count("tune")}, heldout ${count("heldout")}\n`);
