/**
 * What the engine does with each line of a corpus, read the way test/engine/accuracy.test.ts reads it.
 * Each line comes from its own member in its own chat, an hour apart, so flood, repeat, FAQ
 * cooldowns and the warning ladder never carry from one line to the next: the figures are what the
 * rules decide about the line itself.
 */
import { SANCTION_TYPES } from "../../src/core/decision.js";
import type { CompiledRules } from "../../src/engine/compile.js";
import { Engine } from "../../src/engine/engine.js";
import type { SpamJudge } from "../../src/engine/spam-judge.js";
import type { LabelledLine } from "./corpus.js";

export interface Verdict {
  line: LabelledLine;
  /** A delete, warn, mute, kick or ban happened. */
  sanctioned: boolean;
  /** The rules behind those sanctions, in the order they acted, each once. */
  sanctionRules: string[];
  /** The FAQ answered, or "booking" when the booking desk took the line as a table request. */
  answer?: string;
}

const START = Date.parse("2026-11-23T12:00:00+08:00");
const HOUR = 3_600_000;

/** With `spamJudge`, the engine consults it (the classifier and admins' samples), as a merchant's bot does. */
export function judge(
  rules: CompiledRules,
  lines: readonly LabelledLine[],
  spamJudge?: SpamJudge,
): Verdict[] {
  const engine = new Engine(rules);
  engine.setJudge(spamJudge);
  return lines.map((line, i) => {
    const d = engine.decide({
      type: "message",
      chat: { platform: "telegram", id: `eval-chat-${i}` },
      sender: { id: `eval-member-${i}`, displayName: `member ${i}`, isPlatformAdmin: false },
      at: START + i * HOUR,
      messageId: String(i),
      text: line.text,
      kind: line.kind ?? "text",
      mentions: Array.from({ length: line.mentions ?? 0 }, (_, k) => `eval-mentioned-${i}-${k}`),
    });
    const sanctions = d.actions.filter((a) => SANCTION_TYPES.has(a.type));
    // A booking request the engine read is answered by the booking desk (acknowledged, or asked for
    // what is missing): the booking FAQ's question, answered better than by the FAQ text.
    const answer =
      d.actions.find((a) => a.type === "reply" && a.faq)?.faq ?? (d.booking ? "booking" : undefined);
    return {
      line,
      sanctioned: sanctions.length > 0,
      sanctionRules: [...new Set(sanctions.map((a) => a.rule ?? a.command ?? "?"))],
      ...(answer === undefined ? {} : { answer }),
    };
  });
}
