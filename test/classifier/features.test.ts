import { describe, expect, it } from "vitest";
import { digitShape, jaccard, MAX_FEATURES, shingles, textFeatures } from "../../src/classifier/features.js";
import { normalize } from "../../src/engine/text/normalize.js";

const features = (text: string) => textFeatures(normalize(text));

describe("textFeatures", () => {
  it("reads an unspaced Han sentence as its character 1-, 2- and 3-grams", () => {
    const got = features("今天天气很好啊呀"); // 8 Han characters
    expect(got).toHaveLength(8 + 7 + 6);
    expect(got.slice(0, 3)).toEqual(["今", "今天", "今天天"]);
    expect(got).toContain("呀");
    expect(got).toContain("啊呀");
    expect(got).toContain("好啊呀");
    expect(got).not.toContain("啊呀今");
  });

  it("reads evasions folded: 薇信 is 微信", () => {
    expect(features("加我薇信")).toEqual(features("加我微信"));
  });

  it("reads Latin words of two letters or more and their bigrams", () => {
    expect(features("Add me on WeChat a b")).toEqual([
      "add",
      "me",
      "add me",
      "on",
      "me on",
      "wechat",
      "on wechat",
    ]);
  });

  it("does not chain words across punctuation or Han", () => {
    expect(features("good, food")).toEqual(["good", "food"]);
  });

  it("reduces digit runs to their shape and a letters+digits token to #handle", () => {
    const got = features("call 138 0012 3456 or tangtang520, table 12");
    expect(got).toContain("#d9-11"); // the phone, spaces folded away in compact
    expect(got).toContain("#d2");
    expect(got).toContain("#handle");
    // No number is memorised: every feature with a digit in it is a shape token.
    expect(got.filter((f) => /\d/.test(f)).every((f) => f.startsWith("#d"))).toBe(true);
    expect(["#d1", "#d4", "#d5-8", "#d9-11", "#d12+"]).toEqual([1, 4, 8, 11, 12].map(digitShape));
  });

  it("gives Traditional and Simplified of the same text the same features", () => {
    expect(features("今天天氣很好，我們去吃飯")).toEqual(features("今天天气很好，我们去吃饭"));
    expect(features("兼職刷單 日領現金")).toEqual(features("兼职刷单 日领现金"));
  });

  it("keeps at most MAX_FEATURES, the first ones, in the same order every time", () => {
    const long = `${"今天天气很好我们去吃饭".repeat(100)} hello world`;
    const got = features(long);
    expect(got).toHaveLength(MAX_FEATURES);
    expect(got).toEqual(features(long));
    expect(got[0]).toBe("今");
  });

  it("gives an empty text no features", () => {
    expect(features("")).toEqual([]);
    expect(features("😂😂")).toEqual([]);
  });
});

describe("shingles and jaccard", () => {
  it("are the distinct 3-shingles, sorted", () => {
    const s = shingles("ababab"); // aba, bab only
    expect(s).toHaveLength(2);
    expect(s[0]!).toBeLessThan(s[1]!);
  });

  it("give a text of one or two characters one shingle of itself, and an empty text none", () => {
    expect(shingles("好")).toHaveLength(1);
    expect(shingles("好的")).toHaveLength(1);
    expect(shingles("好的")).not.toEqual(shingles("好"));
    expect(shingles("")).toHaveLength(0);
  });

  it("hash digits alike, so a rotated number is the same text", () => {
    expect(shingles("加我abc123")).toEqual(shingles("加我abc987"));
    expect(shingles("加我abc123")).not.toEqual(shingles("加我abd123"));
  });

  it("jaccard is the shared share of the union", () => {
    const a = Uint32Array.of(1, 2, 3, 4);
    const b = Uint32Array.of(3, 4, 5);
    expect(jaccard(a, b)).toBeCloseTo(2 / 5);
    expect(jaccard(a, a)).toBe(1);
    expect(jaccard(a, Uint32Array.of(9))).toBe(0);
    expect(jaccard(new Uint32Array(0), new Uint32Array(0))).toBe(0);
    expect(jaccard(shingles("今天天气很好"), shingles("今天天气很好"))).toBe(1);
  });
});
