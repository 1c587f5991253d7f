import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NaiveBayes } from "../../src/classifier/naive-bayes.js";

const CLASSES = ["ok", "ads", "poaching", "gambling", "porn"];

function toy(): NaiveBayes {
  const nb = new NaiveBayes(CLASSES);
  nb.add(["今天", "好吃", "谢谢"], 0);
  nb.add(["好吃", "下次", "再来"], 0);
  nb.add(["兼职", "日结", "加我"], 1);
  nb.add(["加我", "微信", "私聊"], 2);
  nb.add(["百家乐", "注册", "送"], 3);
  nb.add(["约", "上门", "服务"], 4);
  return nb;
}

describe("NaiveBayes", () => {
  it("gives a trained toy set the classes it was taught", () => {
    const nb = toy();
    const argmax = (p: Float64Array) => p.indexOf(Math.max(...p));
    expect(argmax(nb.posterior(["好吃", "谢谢"]))).toBe(0);
    expect(argmax(nb.posterior(["兼职", "日结"]))).toBe(1);
    expect(argmax(nb.posterior(["微信", "私聊"]))).toBe(2);
    expect(argmax(nb.posterior(["百家乐"]))).toBe(3);
    expect(argmax(nb.posterior(["上门", "服务"]))).toBe(4);
    const p = nb.posterior(["兼职", "日结", "加我"]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[1]!).toBeGreaterThan(0.5);
    expect(nb.documents).toBe(6);
    expect(nb.vocabularySize).toBe(16);
  });

  it("falls back to the priors for features it never saw", () => {
    const nb = toy();
    nb.add(["好"], 0);
    nb.add(["好"], 0);
    const p = nb.posterior(["never-seen"]);
    expect(p[0]!).toBeGreaterThan(p[1]!);
    const uniform = new NaiveBayes(CLASSES, { uniformPriors: true });
    uniform.add(["好"], 0);
    uniform.add(["好"], 0);
    for (const x of uniform.posterior(["never-seen"])) expect(x).toBeCloseTo(1 / 5, 12);
  });

  it("stays finite and normalised with 400 features", () => {
    const nb = toy();
    const p = nb.posterior(Array.from({ length: 400 }, () => "兼职"));
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p[1]!).toBeCloseTo(1, 9);
  });

  it("restores posteriors exactly when an add is removed", () => {
    const nb = toy();
    const query = ["加我", "微信", "好吃", "兼职"];
    const before = nb.posterior(query);
    const vocabulary = nb.vocabularySize;
    nb.add(["加我", "微信", "新词", "新词"], 1, 3);
    expect(nb.posterior(query)).not.toEqual(before);
    nb.remove(["加我", "微信", "新词", "新词"], 1, 3);
    expect(nb.posterior(query)).toEqual(before);
    expect(nb.vocabularySize).toBe(vocabulary);
    expect(nb.documents).toBe(6);
  });

  it("never lets a count go negative", () => {
    const nb = toy();
    nb.remove(["今天", "今天", "今天"], 0, 5);
    nb.remove(["兼职"], 0, 1); // taught as ads, never as ok
    expect(nb.documents).toBe(4); // ok had 2 documents: removing 5, then 1 more, leaves 0, not −4
    const p = nb.posterior(["兼职", "今天"]);
    expect(p.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
    expect(p[1]!).toBeGreaterThan(p[0]!);
  });

  it("remove is the inverse of add over random sequences", () => {
    const word = fc.constantFrom("a", "b", "c", "d", "e", "兼职", "微信");
    const doc = fc.record({
      features: fc.array(word, { maxLength: 6 }),
      classIndex: fc.integer({ min: 0, max: CLASSES.length - 1 }),
      weight: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(doc, { maxLength: 12 }),
        fc.array(doc, { minLength: 1, maxLength: 12 }),
        (base, extra) => {
          const nb = new NaiveBayes(CLASSES);
          for (const d of base) nb.add(d.features, d.classIndex, d.weight);
          const query = ["a", "c", "兼职", "微信"];
          const before = nb.posterior(query);
          const vocabulary = nb.vocabularySize;
          for (const d of extra) nb.add(d.features, d.classIndex, d.weight);
          // Removed in an order unlike the adds: the counts are sums, so order must not matter.
          for (const d of [...extra].reverse()) nb.remove(d.features, d.classIndex, d.weight);
          expect(nb.posterior(query)).toEqual(before);
          expect(nb.vocabularySize).toBe(vocabulary);
          expect(nb.documents).toBe(base.reduce((sum, d) => sum + d.weight, 0));
        },
      ),
      { numRuns: 300, seed: 16 },
    );
  });

  it("ignores new features past maxVocabulary but keeps counting known ones", () => {
    const nb = new NaiveBayes(CLASSES, { maxVocabulary: 3 });
    nb.add(["a", "b", "c", "d", "e"], 1);
    expect(nb.vocabularySize).toBe(3);
    nb.add(["a", "z"], 0);
    expect(nb.vocabularySize).toBe(3);
    expect(nb.posterior(["d"])).toEqual(nb.posterior([]));
    expect(nb.posterior(["a"])).not.toEqual(nb.posterior([]));
  });

  it("copies into an independent model", () => {
    const seed = toy();
    const before = seed.posterior(["微信"]);
    const copy = seed.copy();
    expect(copy.posterior(["微信"])).toEqual(before);
    copy.add(["微信", "微信", "微信"], 0, 10);
    expect(seed.posterior(["微信"])).toEqual(before);
    expect(copy.posterior(["微信"])[0]!).toBeGreaterThan(before[0]!);
    expect(seed.documents).toBe(6);
  });

  it("refuses a class it does not have", () => {
    expect(() => toy().add(["a"], 5)).toThrow(RangeError);
    expect(() => new NaiveBayes(["only"])).toThrow();
  });
});
