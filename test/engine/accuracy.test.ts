/**
 * Accuracy of the default rule pack on the labelled corpus (test/fixtures/corpus.jsonl).
 * Each message comes from its own member in its own chat, an hour apart, so
 * flood, repeat and cooldowns do not blur what the rules themselves decide.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SANCTION_TYPES } from "../../src/core/decision.js";
import { Engine } from "../../src/engine/engine.js";
import { defaultCompiled } from "../helpers/rules.js";

interface Labelled {
  text: string;
  label: "ok" | "mention" | "faq" | "violation";
  concern?: string;
  faq?: string;
}

function readCorpus(name: string): Labelled[] {
  return readFileSync(resolve(import.meta.dirname, "../fixtures", name), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
}

// corpus.jsonl is the one the rule pack was written against. The other four were each written
// blind (without sight of the rules or the other corpora), measured once as they came, and only then
// used to broaden the pack by class of wording, never by sentence. Their first, untouched figures are
// in the closing notes: the honest estimate of the pack on text it has not seen.
describe.each([
  "corpus.jsonl",
  "corpus-validation.jsonl",
  "corpus-holdout.jsonl",
  "corpus-blind.jsonl",
  "corpus-blind2.jsonl",
  "corpus-blind3.jsonl",
])("default rule pack accuracy on %s", (name) => {
  const corpus = readCorpus(name);
  it("sanctions violations, spares chatter, answers questions and only questions", () => {
    const engine = new Engine(defaultCompiled());
    const start = Date.parse("2026-11-23T12:00:00+08:00");
    const misses: string[] = [];
    const tally = {
      violations: 0,
      sanctioned: 0,
      ordinary: 0,
      wronglySanctioned: 0,
      questions: 0,
      rightAnswers: 0,
      nonQuestions: 0,
      answered: 0,
    };
    corpus.forEach((m, i) => {
      const d = engine.decide({
        type: "message",
        chat: { platform: "telegram", id: `c${i}` },
        sender: { id: `u${i}`, displayName: `m${i}`, isPlatformAdmin: false },
        at: start + i * 3_600_000,
        messageId: String(i),
        text: m.text,
        kind: "text",
        mentions: [],
      });
      const sanctioned = d.actions.some((a) => SANCTION_TYPES.has(a.type));
      // A booking request the engine read is answered by the booking desk (acknowledged, or asked
      // for what is missing): the booking FAQ's question, answered better than by the FAQ text.
      const answer =
        d.actions.find((a) => a.type === "reply" && a.faq)?.faq ?? (d.booking ? "booking" : undefined);
      if (m.label === "violation") {
        tally.violations++;
        if (sanctioned) tally.sanctioned++;
        else misses.push(`missed ${m.concern}: ${m.text}`);
      } else {
        tally.ordinary++;
        if (sanctioned) {
          tally.wronglySanctioned++;
          misses.push(`sanctioned ${m.label} (${d.actions.map((a) => a.rule).join(",")}): ${m.text}`);
        }
      }
      if (m.label === "faq") {
        tally.questions++;
        if (answer === m.faq) tally.rightAnswers++;
        else misses.push(`faq ${m.faq} got ${answer ?? "nothing"}: ${m.text}`);
      } else if (m.label !== "violation") {
        tally.nonQuestions++;
        if (answer) {
          tally.answered++;
          misses.push(`answered ${m.label} with ${answer}: ${m.text}`);
        }
      }
    });
    const pct = (a: number, b: number) => (b === 0 ? 0 : (100 * a) / b);
    const figures = {
      violationsSanctionedPct: pct(tally.sanctioned, tally.violations),
      ordinarySanctionedPct: pct(tally.wronglySanctioned, tally.ordinary),
      faqRightPct: pct(tally.rightAnswers, tally.questions),
      nonQuestionsAnsweredPct: pct(tally.answered, tally.nonQuestions),
    };
    console.log(
      `accuracy on ${name} (${corpus.length} messages): violations sanctioned ${figures.violationsSanctionedPct.toFixed(1)}% ` +
        `(${tally.sanctioned}/${tally.violations}), ordinary sanctioned ${figures.ordinarySanctionedPct.toFixed(1)}% ` +
        `(${tally.wronglySanctioned}/${tally.ordinary}), FAQ right ${figures.faqRightPct.toFixed(1)}% ` +
        `(${tally.rightAnswers}/${tally.questions}), non-questions answered ${figures.nonQuestionsAnsweredPct.toFixed(1)}% ` +
        `(${tally.answered}/${tally.nonQuestions})`,
    );
    if (misses.length > 0) console.log(misses.join("\n"));
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    expect(figures.violationsSanctionedPct).toBeGreaterThanOrEqual(95);
    expect(figures.ordinarySanctionedPct).toBeLessThanOrEqual(1);
    expect(figures.faqRightPct).toBeGreaterThanOrEqual(85);
    expect(figures.nonQuestionsAnsweredPct).toBeLessThanOrEqual(2);
  });
});
