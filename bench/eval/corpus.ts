/**
 * A labelled evaluation corpus: one JSON object per line. The labels say what the default pack
 * should do with the line; the optional fields say what kind of line it is, so the figures can be
 * cut by it (traps, evasions, private-data forms).
 */
import { readFileSync } from "node:fs";
import { MESSAGE_KINDS, type MessageKind } from "../../src/core/chat-event.js";

export const LABELS = ["ok", "mention", "faq", "violation"] as const;
export type Label = (typeof LABELS)[number];
export const LANGS = ["zh-Hans", "zh-Hant", "en"] as const;
export type Lang = (typeof LANGS)[number];

export interface LabelledLine {
  text: string;
  /** ok: chatter; mention: names an FAQ topic without asking the shop; faq: asks it; violation: must be sanctioned. */
  label: Label;
  lang: Lang;
  /** For a violation: the default rule id expected to catch it. */
  concern?: string;
  /** For a question: the FAQ id that should answer it. */
  faq?: string;
  /** Ordinary wording that looks like spam (price talk, "请私信我", "三缺一"). */
  trap?: boolean;
  /** A violation spelled to dodge filters (pinyin, spaced digits, lookalike letters). */
  evasion?: boolean;
  /** The private-data form a privacy line carries: phone, id_card, bank_card, address. */
  pii?: string;
  /** Members the message @-mentions (mass mention lines). @defaultValue 0 */
  mentions?: number;
  /** Message kind. @defaultValue "text" */
  kind?: MessageKind;
}

export class CorpusError extends Error {
  override name = "CorpusError";
}

/** Reads and checks a corpus file; a bad line is named by file and line number, never skipped. */
export function readCorpus(path: string): LabelledLine[] {
  const lines: LabelledLine[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((raw, i) => {
      if (raw.trim() === "") return;
      const where = `${path}:${i + 1}`;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch (cause) {
        throw new CorpusError(`${where} is not JSON`, { cause });
      }
      lines.push(checkLine(parsed, where));
    });
  return lines;
}

function checkLine(value: unknown, where: string): LabelledLine {
  const line = value as Partial<LabelledLine>;
  if (typeof line !== "object" || line === null) throw new CorpusError(`${where}: not an object`);
  if (typeof line.text !== "string" || line.text === "") throw new CorpusError(`${where}: text missing`);
  if (!LABELS.includes(line.label as Label))
    throw new CorpusError(`${where}: label must be one of ${LABELS}`);
  if (!LANGS.includes(line.lang as Lang)) throw new CorpusError(`${where}: lang must be one of ${LANGS}`);
  if (line.label === "violation" && !line.concern)
    throw new CorpusError(`${where}: a violation names its concern`);
  if (line.label === "faq" && !line.faq) throw new CorpusError(`${where}: a question names its faq`);
  if (line.kind !== undefined && !MESSAGE_KINDS.includes(line.kind)) {
    throw new CorpusError(`${where}: kind must be one of ${MESSAGE_KINDS}`);
  }
  return line as LabelledLine;
}
