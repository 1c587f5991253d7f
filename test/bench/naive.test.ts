/**
 * The bench's naive baseline (bench/naive.ts) must read every condition the rules use, or a rule
 * it half-reads holds for every message and the engine's ratio to it measures nothing.
 */
import { describe, expect, it } from "vitest";
import type { BenchMessage } from "../../bench/corpus.js";
import { NaiveEvaluator } from "../../bench/naive.js";
import { loadRulesOrThrow } from "../../src/rules/load.js";
import { MINIMAL_CATEGORIES, ruleDir } from "../helpers/rules.js";

const EVIDENCE_RULES = `moderation:
  - id: poaching
    priority: 90
    match:
      evidence:
        threshold: 3
        signals:
          - name: invitation
            weight: 2
            when: {keywords: [加我]}
          - name: app
            weight: 1
            when: {keywords: [微信]}
          - name: against
            weight: -3
            when: {keywords: [举报]}
    actions: [delete]
  - id: newcomer-cards
    priority: 50
    match:
      kinds: [text]
      member_age: {under: 1h}
      keywords: [名片]
    actions: [delete]
`;

function message(text: string, user = "u1", at = 0): BenchMessage {
  return { chat: "c1", user, name: user, at, text, mentions: [], intent: "chat" };
}

describe("NaiveEvaluator", () => {
  const pack = loadRulesOrThrow(
    ruleDir({ "categories.yaml": MINIMAL_CATEGORIES, "moderation.yaml": EVIDENCE_RULES }),
  );

  it("adds up evidence: a rule of evidence alone does not hold for every message", () => {
    const naive = new NaiveEvaluator(pack);
    expect(naive.decide(message("今天天气不错"))).toBeUndefined();
    expect(naive.decide(message("加我微信"))).toBe("poaching");
    expect(naive.decide(message("加我"))).toBeUndefined();
    expect(naive.decide(message("举报 加我微信"))).toBeUndefined();
  });

  it("reads member_age from when it first saw the member", () => {
    const naive = new NaiveEvaluator(pack);
    expect(naive.decide(message("hi", "u2", 0))).toBeUndefined();
    expect(naive.decide(message("我的名片", "u2", 60_000))).toBe("newcomer-cards");
    expect(naive.decide(message("我的名片", "u2", 2 * 3_600_000))).toBeUndefined();
  });

  it("has no classifier: a learned or classifier condition never holds (the default pack's learned-spam)", () => {
    const learned = {
      ...pack,
      moderation: [
        { ...pack.moderation[0]!, id: "learned-spam", match: { learned: "spam" } },
        { ...pack.moderation[0]!, id: "judged", match: { classifier: { min: 0 } } },
      ],
    };
    const naive = new NaiveEvaluator(learned as unknown as typeof pack);
    expect(naive.decide(message("加我微信"))).toBeUndefined();
    expect(naive.decide(message("今天天气不错"))).toBeUndefined();
  });

  it("refuses a condition it does not read instead of taking it as true", () => {
    const bad = { ...pack, moderation: [{ ...pack.moderation[0]!, match: { sentiment: "angry" } }] };
    expect(() => new NaiveEvaluator(bad as unknown as typeof pack)).toThrow(
      /does not read condition "sentiment"/,
    );
  });
});
