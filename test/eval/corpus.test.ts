/**
 * The evaluation corpus itself (test/fixtures/eval): big enough, split once and cleanly, labelled
 * with names the default pack has, and in the language mix issue 15 asks for.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type LabelledLine, readCorpus } from "../../bench/eval/corpus.js";
import { EVAL_DIR, PARTS, partOf, readWritten, splitKey, splitWritten } from "../../bench/eval/written.js";
import { defaultPack } from "../helpers/rules.js";

const parts = Object.fromEntries(PARTS.map((p) => [p, readCorpus(join(EVAL_DIR, `${p}.jsonl`))])) as Record<
  (typeof PARTS)[number],
  LabelledLine[]
>;
const all = [...parts.tune, ...parts.heldout];
const share = (pick: (l: LabelledLine) => boolean) => all.filter(pick).length / all.length;

describe("evaluation corpus", () => {
  it("has at least 2,000 lines, about 60% to tune on and 40% held out", () => {
    expect(all.length).toBeGreaterThanOrEqual(2000);
    expect(parts.tune.length / all.length).toBeGreaterThan(0.5);
    expect(parts.heldout.length / all.length).toBeGreaterThan(0.3);
  });

  it("holds no text twice, in one part or across both, nor a Traditional/Simplified twin across parts", () => {
    expect(new Set(all.map((l) => l.text)).size).toBe(all.length);
    const tuneKeys = new Set(parts.tune.map((l) => splitKey(l.text)));
    expect(parts.heldout.filter((l) => tuneKeys.has(splitKey(l.text))).map((l) => l.text)).toEqual([]);
  });

  it("is exactly the split of the written theme files: no line moved or edited by hand", () => {
    for (const part of PARTS) {
      for (const line of parts[part]) expect(partOf(line.text), line.text).toBe(part);
    }
    const again = splitWritten(readWritten());
    for (const part of PARTS) expect(readFileSync(join(EVAL_DIR, `${part}.jsonl`), "utf8")).toBe(again[part]);
  });

  it("names only rules and FAQs of the default pack, and every content rule and FAQ has lines", () => {
    const pack = defaultPack();
    const rules = new Set(pack.moderation.map((r) => r.id));
    const faqs = new Set(pack.faq.entries.map((f) => f.id));
    expect(all.filter((l) => l.concern !== undefined && !rules.has(l.concern))).toEqual([]);
    expect(all.filter((l) => l.faq !== undefined && !faqs.has(l.faq))).toEqual([]);
    expect(all.filter((l) => (l.label === "violation") !== (l.concern !== undefined))).toEqual([]);
    expect(all.filter((l) => (l.label === "faq") !== (l.faq !== undefined))).toEqual([]);
    const count = (pick: (l: LabelledLine) => boolean) => all.filter(pick).length;
    for (const concern of ["poaching", "ads", "gambling", "porn", "links", "privacy"]) {
      expect(
        count((l) => l.concern === concern),
        concern,
      ).toBeGreaterThanOrEqual(20);
      expect(
        count((l) => l.concern === concern && l.evasion === true) > 0 || concern === "links",
        concern,
      ).toBe(true);
    }
    expect(count((l) => l.concern === "mass-mention")).toBeGreaterThan(0);
    for (const faq of faqs) {
      for (const lang of ["zh-Hans", "zh-Hant", "en"]) {
        expect(
          count((l) => l.faq === faq && l.lang === lang),
          `${faq} ${lang}`,
        ).toBeGreaterThanOrEqual(2);
      }
    }
    for (const pii of ["phone", "id_card", "bank_card", "address"]) {
      expect(
        count((l) => l.pii === pii),
        pii,
      ).toBeGreaterThanOrEqual(10);
    }
  });

  it("has ordinary lines, traps, asides and questions in good number", () => {
    const count = (pick: (l: LabelledLine) => boolean) => all.filter(pick).length;
    expect(count((l) => l.label === "ok")).toBeGreaterThanOrEqual(800);
    expect(count((l) => l.trap === true)).toBeGreaterThanOrEqual(300);
    expect(count((l) => l.label === "mention")).toBeGreaterThanOrEqual(150);
    expect(count((l) => l.label === "faq")).toBeGreaterThanOrEqual(250);
    expect(count((l) => l.label === "violation")).toBeGreaterThanOrEqual(500);
  });

  it("is mostly Simplified, at least 20% Traditional and at least 15% English", () => {
    const hans = share((l) => l.lang === "zh-Hans");
    expect(share((l) => l.lang === "zh-Hant")).toBeGreaterThanOrEqual(0.2);
    expect(share((l) => l.lang === "en")).toBeGreaterThanOrEqual(0.15);
    expect(hans).toBeGreaterThan(share((l) => l.lang === "zh-Hant"));
    expect(hans).toBeGreaterThan(share((l) => l.lang === "en"));
  });
});
