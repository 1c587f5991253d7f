import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jaccard, shingles } from "../../src/classifier/features.js";
import { NearDuplicateIndex } from "../../src/classifier/near-duplicates.js";
import { normalize } from "../../src/engine/text/normalize.js";

const sh = (text: string) => shingles(normalize(text).compact);

describe("NearDuplicateIndex", () => {
  it("finds a variant of a stored text with a few characters changed or added", () => {
    const index = new NearDuplicateIndex<string>({ capacity: 10 });
    index.add("a", sh("加我V信abc123领红包"), "ad");
    index.add("b", sh("今天的酸菜鱼有点咸了"), "chatter");
    const match = index.nearest(sh("加我v信abc124领红包啦"), 0.6);
    expect(match?.key).toBe("a");
    expect(match?.value).toBe("ad");
    expect(match!.similarity).toBeGreaterThanOrEqual(0.6);
    // The similarity is the Jaccard of the two sets, counted through the postings.
    expect(match!.similarity).toBeCloseTo(
      jaccard(sh("加我V信abc123领红包"), sh("加我v信abc124领红包啦")),
      12,
    );
  });

  it("does not match an unrelated text, nor one below the threshold", () => {
    const index = new NearDuplicateIndex<string>({ capacity: 10 });
    index.add("a", sh("加我V信abc123领红包"), "ad");
    expect(index.nearest(sh("今天的酸菜鱼有点咸了，米饭管够"), 0.6)).toBeUndefined();
    expect(index.nearest(sh("加我V信"), 0.6)).toBeUndefined(); // shares 2 of 11 shingles: far below 0.6
    expect(index.nearest(sh("加我V信"), 0.1)?.key).toBe("a");
  });

  it("returns the most similar of several candidates", () => {
    const index = new NearDuplicateIndex<number>({ capacity: 10 });
    index.add("far", sh("兼职刷单日结工资加我"), 1);
    index.add("near", sh("兼职刷单日结工资宝妈优先"), 2);
    expect(index.nearest(sh("兼职刷单日结工资宝妈学生优先"), 0.3)?.key).toBe("near");
  });

  it("returns undefined from an empty index and for an empty query", () => {
    const index = new NearDuplicateIndex<string>({ capacity: 10 });
    expect(index.nearest(sh("加我V信abc123领红包"), 0)).toBeUndefined();
    index.add("a", sh("加我V信abc123领红包"), "ad");
    expect(index.nearest(new Uint32Array(0), 0)).toBeUndefined();
  });

  it("replaces an entry of the same key and forgets a deleted one", () => {
    const index = new NearDuplicateIndex<string>({ capacity: 10 });
    index.add("a", sh("加我V信abc123领红包"), "first");
    index.add("a", sh("百家乐在线注册送彩金"), "second");
    expect(index.size).toBe(1);
    expect(index.nearest(sh("加我V信abc123领红包"), 0.6)).toBeUndefined();
    expect(index.nearest(sh("百家乐在线注册送彩金"), 0.6)?.value).toBe("second");
    expect(index.delete("a")).toBe(true);
    expect(index.delete("a")).toBe(false);
    expect(index.size).toBe(0);
    expect(index.nearest(sh("百家乐在线注册送彩金"), 0)).toBeUndefined();
  });

  it("evicts the oldest entry beyond capacity, postings and all", () => {
    const index = new NearDuplicateIndex<number>({ capacity: 3 });
    const texts = ["兼职刷单日结工资", "百家乐在线注册送彩金", "加我微信领红包", "同城约会上门服务"];
    texts.forEach((text, i) => index.add(`k${i}`, sh(text), i));
    expect(index.size).toBe(3);
    expect(index.nearest(sh(texts[0]!), 0.01)).toBeUndefined();
    for (let i = 1; i < texts.length; i++) expect(index.nearest(sh(texts[i]!), 0.99)?.value).toBe(i);
    // Thousands of adds through a small index: still bounded, still right.
    for (let i = 0; i < 2000; i++) index.add(`n${i}`, sh(`第${i}号广告加我微信`), i);
    expect(index.size).toBe(3);
    expect(index.nearest(sh("第1999号广告加我微信"), 0.99)?.key).toBe("n1999");
  });

  it("can rule candidates out", () => {
    const index = new NearDuplicateIndex<string>({ capacity: 10 });
    index.add("a", sh("三缺一有人来吗今晚"), "gambling");
    index.add("b", sh("三缺一有人来吗今晚八点"), "porn");
    expect(index.nearest(sh("三缺一有人来吗今晚八点"), 0.5)?.key).toBe("b");
    expect(index.nearest(sh("三缺一有人来吗今晚八点"), 0.5, (rule) => rule === "gambling")?.key).toBe("a");
  });
});

describe("NearDuplicateIndex prefix filtering", () => {
  it("finds the same best similarity as comparing with every entry", () => {
    // Texts over a tiny alphabet share many shingles, so the filter's shortcuts are really tried.
    const text = fc.stringMatching(/^[一二三四五六abc12]{1,24}$/);
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 40 }),
        text,
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (stored, query, m) => {
          const index = new NearDuplicateIndex<number>({ capacity: 64 });
          stored.forEach((t, i) => index.add(`k${i}`, shingles(t), i));
          const q = shingles(query);
          let best = -1;
          for (const t of stored) {
            const j = jaccard(q, shingles(t));
            if (j >= m && j > best) best = j;
          }
          const found = index.nearest(q, m);
          if (best < 0) expect(found).toBeUndefined();
          else expect(found?.similarity).toBeCloseTo(best, 12);
          // The filter may let a text through wrongly, but never stops one that has a match.
          if (found) expect(index.mayMatchText(query, query.length, m)).toBe(true);
        },
      ),
      { numRuns: 1000, seed: 16 },
    );
  });
});
