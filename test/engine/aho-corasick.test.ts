/**
 * The hand-written Aho–Corasick (kept for speed: the engine's hot path) and the regex prefilter,
 * checked against the obvious slow answers on generated input.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AhoCorasick } from "../../src/engine/aho-corasick.js";
import { requiredUnits } from "../../src/engine/regex-gate.js";
import { OPERATOR_REGEX_FLAGS } from "../../src/rules/regex-safety.js";

/** Every (keyword, end) occurrence, found with indexOf. */
function naive(keywords: string[], text: string): string[] {
  const out: string[] = [];
  keywords.forEach((k, i) => {
    for (let at = text.indexOf(k); at !== -1; at = text.indexOf(k, at + 1)) out.push(`${i}@${at + k.length}`);
  });
  return out.sort();
}

// A small alphabet (Latin, CJK, an emoji half) so keywords overlap and occur often.
const unit = fc.constantFrom("a", "b", "c", "加", "微", "信", "v", "\ud83d", "1");
const word = fc.array(unit, { minLength: 1, maxLength: 4 }).map((u) => u.join(""));

describe("AhoCorasick", () => {
  it("finds exactly the occurrences indexOf finds, overlaps and repeats included", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 12 }),
        fc.array(unit, { maxLength: 60 }),
        (keywords, units) => {
          const text = units.join("");
          const found: string[] = [];
          new AhoCorasick(keywords).scan(text, (k, end) => found.push(`${k}@${end}`));
          expect(found.sort()).toEqual(naive(keywords, text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("finds them with thousands of keywords over a wide alphabet too (packing reuses free cells, tables grow)", () => {
    // Hundreds of letters and thousands of keywords give states with many children, which the double
    // array's packing must fit between those placed before them.
    const wide = fc.integer({ min: 0x4e00, max: 0x4e00 + 300 }).map((c) => String.fromCharCode(c));
    const anyUnit = fc.oneof(unit, wide);
    const long = fc.array(anyUnit, { minLength: 1, maxLength: 5 }).map((u) => u.join(""));
    fc.assert(
      fc.property(
        fc.uniqueArray(long, { minLength: 500, maxLength: 3000 }),
        fc.array(anyUnit, { maxLength: 400 }),
        (keywords, units) => {
          const text = units.join("");
          const found: string[] = [];
          new AhoCorasick(keywords).scan(text, (k, end) => found.push(`${k}@${end}`));
          expect(found.sort()).toEqual(naive(keywords, text));
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("regex prefilter", () => {
  const sources = [
    "[威薇徽嶶]\\s*[信芯]|卫星号|\\bv\\s*[x信芯]|\\bw\\s*x\\b",
    "代 ?开[^发]{0,6}发票|发票[^代]{0,4}代 ?开",
    "小姐(?!姐)[^,，。!！]{0,6}(?:上门|服务)",
    "\\bselling\\b(?! out)",
    "(?:微信|\\bvx|\\bqq)(?:号|id)?[:： ]{0,3}@?[a-z_-]{0,20}\\d",
    "a|b*",
  ];
  const text = fc
    .array(
      fc.constantFrom(
        "微",
        "信",
        "威",
        "v",
        "x",
        " ",
        "代",
        "开",
        "发",
        "票",
        "小",
        "姐",
        "上",
        "门",
        "s",
        "e",
        "l",
        "i",
        "n",
        "g",
        "q",
        "1",
        "V",
      ),
      { maxLength: 30 },
    )
    .map((u) => u.join(""));

  it("never rules out a regex that matches", () => {
    const gates = sources.map((s) => ({
      regex: new RegExp(s, OPERATOR_REGEX_FLAGS),
      units: requiredUnits(s),
    }));
    expect(gates[5]!.units).toBeUndefined();
    fc.assert(
      fc.property(text, (t) => {
        for (const g of gates) {
          if (!g.regex.test(t) || g.units === undefined) continue;
          let has = false;
          for (let i = 0; i < t.length && !has; i++) has = g.units.has(t.charCodeAt(i));
          expect(has).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
