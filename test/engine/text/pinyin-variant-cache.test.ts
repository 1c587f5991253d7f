/**
 * The cache of pinyin variants between compiles: it must hand out what pinyinVariants makes (so a
 * reload compiles the same automaton), keep a keyword across one compile that does not ask for it
 * at most, and compile the default pack to the same scanner with or without it.
 */
import { describe, expect, it } from "vitest";
import { compileRules } from "../../../src/engine/compile.js";
import { normalizeKeyword } from "../../../src/engine/text/normalize.js";
import { PinyinVariantCache } from "../../../src/engine/text/pinyin-variant-cache.js";
import { pinyinVariants } from "../../../src/engine/text/pinyin-variants.js";
import { defaultPack } from "../../helpers/rules.js";

const KEYWORDS = ["加微信", "博彩", "代开发票", "扫码进群", "微信号", "free spins"].map(normalizeKeyword);

describe("PinyinVariantCache", () => {
  it("gives each keyword's variants as pinyinVariants makes them, in the same order", () => {
    const cache = new PinyinVariantCache();
    for (const k of KEYWORDS) {
      const expected = pinyinVariants(k).map(({ compact, check }) => ({ compact, check }));
      expect(cache.variants(k)).toEqual(expected);
      cache.endCompile();
      expect(cache.variants(k)).toEqual(expected);
    }
    expect(cache.variants(normalizeKeyword("加微信")).length).toBeGreaterThan(5);
  });

  it("keeps a keyword for the next compile, and forgets it after a compile that did not ask for it", () => {
    const cache = new PinyinVariantCache();
    const first = cache.variants(KEYWORDS[0]!);
    cache.endCompile();
    expect(cache.variants(KEYWORDS[0]!)).toBe(first);
    cache.endCompile();
    // Asked for in the compile just ended: still kept.
    expect(cache.variants(KEYWORDS[0]!)).toBe(first);
    cache.endCompile();
    cache.endCompile();
    const again = cache.variants(KEYWORDS[0]!);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it("leaves a reload's scanner as the first compile's: same patterns, same variants", () => {
    const pack = defaultPack();
    const first = compileRules(pack).keywords;
    const reload = compileRules(pack).keywords;
    expect(reload.size).toBe(first.size);
    expect(reload.pinyinVariants).toBe(first.pinyinVariants);
    expect(reload.pinyinVariants).toBeGreaterThan(100);
  });
});
