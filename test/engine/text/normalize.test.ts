import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_SCAN_CHARS,
  normalize,
  normalizeKeyword,
  normalizePlain,
} from "../../../src/engine/text/normalize.js";

const plain = (s: string) => normalize(s).plain;
const compact = (s: string) => normalize(s).compact;

/** Arbitrary text: whole code points, graphemes, raw code units (lone surrogates), and evasion-heavy snippets. */
const anyText = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
  fc.string({
    unit: fc.constantFrom(
      ..."13850 -+８一三八幺号.xX薇威信芯➕v○√加\u200bAİΣé\u0301❤️点".split(""),
      "❤️",
      "www",
      "com",
      "[.]",
    ),
    maxLength: 60,
  }),
);

describe("normalize: raw", () => {
  it("keeps the text as it is", () => {
    expect(normalize("Hello 世界").raw).toBe("Hello 世界");
  });

  it(`cuts at MAX_SCAN_CHARS (${MAX_SCAN_CHARS})`, () => {
    expect(MAX_SCAN_CHARS).toBe(4000);
    const t = normalize("a".repeat(5000));
    expect(t.raw.length).toBe(MAX_SCAN_CHARS);
    expect(t.plain.length).toBe(MAX_SCAN_CHARS);
  });

  it("never splits a surrogate pair when cutting", () => {
    const t = normalize(`${"a".repeat(MAX_SCAN_CHARS - 1)}😀tail`);
    expect(t.raw).toBe("a".repeat(MAX_SCAN_CHARS - 1));
  });
});

describe("normalize: plain", () => {
  it("converts Traditional to Simplified", () => {
    expect(plain("請問幾點開門")).toBe("请问几点开门");
    expect(plain("訂位")).toBe("订位");
    expect(plain("外賣")).toBe("外卖");
    expect(plain("優惠")).toBe("优惠");
    expect(plain("賭場")).toBe("赌场");
    expect(plain("羣裏 麵 週末 綫")).toBe("群里 面 周末 线");
  });

  it("leaves Simplified text alone, including characters OpenCC variants would touch", () => {
    for (const s of ["微信", "什么", "台湾", "吃饭", "才来", "请问几点开门"]) expect(plain(s)).toBe(s);
  });

  it("returns the very same string when nothing changes", () => {
    const s = "请问几点开门 ok";
    expect(plain(s)).toBe(s);
  });

  it("folds full-width forms and lower-cases", () => {
    expect(plain("ＨＥＬＬＯ　Ｗｏｒｌｄ！１２３")).toBe("hello world!123");
    expect(plain("ＷｅＣｈａｔ")).toBe("wechat");
  });

  it("folds compatibility forms: circled digits, math letters, ligatures", () => {
    expect(plain("①③⑧")).toBe("138");
    expect(plain("𝐇𝐞𝐥𝐥𝐨")).toBe("hello");
    expect(plain("ﬁne")).toBe("fine");
  });

  it("strips combining marks and accents", () => {
    expect(plain("Café")).toBe("cafe");
    expect(plain("z̷a̷l̷g̷o̷")).toBe("zalgo");
    expect(plain("cásíno")).toBe("casino");
  });

  it("removes zero-width, bidi and control characters", () => {
    expect(plain("加\u200b微\u200c信\u200d")).toBe("加微信");
    expect(plain("\u202eabc\u202c")).toBe("abc");
    expect(plain("\ufeffhi\u0007")).toBe("hi");
    expect(plain("a\u2066b\u2069c")).toBe("abc");
  });

  it("collapses whitespace to one space and trims, keeping word boundaries", () => {
    expect(plain("  Hello   World  ")).toBe("hello world");
    expect(plain("ab\t\n cd\u3000\u00a0ef")).toBe("ab cd ef");
    expect(plain("a \u200b b")).toBe("a b");
    expect(plain(" \u200b ")).toBe("");
  });

  it("keeps emoji and punctuation", () => {
    expect(plain("好的👍！")).toBe("好的👍!");
  });

  it("drops lone surrogates", () => {
    expect(plain("a\ud800b\udc00c")).toBe("abc");
  });

  it("normalizePlain is the plain form of operator text", () => {
    expect(normalizePlain("  Ｂｅｔ  Now ")).toBe("bet now");
    expect(normalizePlain("訂位")).toBe("订位");
  });
});

describe("normalize: compact", () => {
  it("drops spaces, punctuation, symbols and emoji between characters", () => {
    expect(compact("加 V 信")).toBe("加v信");
    expect(compact("加.微.信")).toBe("加微信");
    expect(compact("加❤微❤信")).toBe("加微信");
    expect(compact("加❤️微❤️信")).toBe("加微信");
    expect(compact("加_微-信~")).toBe("加微信");
    expect(compact("加😀微😀信")).toBe("加微信");
    expect(compact("hello, world!")).toBe("helloworld");
  });

  it("folds look-alikes of 微 before 信", () => {
    for (const s of ["薇信", "威信", "徽信", "嶶信"]) expect(compact(s)).toBe("微信");
    expect(compact("加薇❤信")).toBe("加微信");
  });

  it("leaves look-alikes of 微 alone elsewhere", () => {
    expect(compact("蔷薇花")).toBe("蔷薇花");
    expect(compact("威风")).toBe("威风");
  });

  it("folds look-alikes of 信 after 微 or v", () => {
    expect(compact("微芯")).toBe("微信");
    expect(compact("V芯")).toBe("v信");
    expect(compact("芯片")).toBe("芯片");
  });

  it("reads a plus sign as 加 before v/w/q/微", () => {
    expect(compact("+V")).toBe("加v");
    expect(compact("＋V")).toBe("加v");
    expect(compact("➕微")).toBe("加微");
    expect(compact("+ q")).toBe("加q");
    expect(compact("+薇信")).toBe("加微信");
  });

  it("drops a plus sign elsewhere", () => {
    expect(compact("1+1")).toBe("11");
    expect(compact("c++")).toBe("c");
  });

  it("reads a v-shaped symbol as v after 加", () => {
    expect(compact("加√")).toBe("加v");
    expect(compact("加 ∨ 信")).toBe("加v信");
    expect(compact("好√")).toBe("好");
  });

  it("reads Chinese numerals as digits inside a run of five or more", () => {
    expect(compact("一三八一二三四五六七八")).toBe("13812345678");
    expect(compact("幺三八 幺二三四 五六七八")).toBe("13812345678");
    expect(compact("138一二三四5678")).toBe("13812345678");
    expect(compact("壹叁捌壹貳叁肆伍陸柒捌")).toBe("13812345678");
    expect(compact("一三八○○")).toBe("13800");
  });

  it("leaves short numeral runs as words", () => {
    expect(compact("一个")).toBe("一个");
    expect(compact("三个人")).toBe("三个人");
    expect(compact("一二三")).toBe("一二三");
    expect(compact("周一")).toBe("周一");
    expect(compact("○")).toBe("");
  });

  it("folds Cyrillic and Greek look-alikes to Latin", () => {
    expect(compact("саsinо")).toBe("casino");
    expect(compact("νiр")).toBe("vip");
    expect(compact("ВЕТ")).toBe("bet");
  });

  it("folds other scripts' digits to ASCII", () => {
    expect(compact("١٣٨")).toBe("138");
  });

  it("is Simplified, lower-case and half-width like plain", () => {
    expect(compact("請加ＶＸ")).toBe("请加vx");
  });

  it("normalizeKeyword meets the message form", () => {
    expect(normalizeKeyword("加V信")).toBe(compact("加 v . 信"));
    expect(normalizeKeyword("賭場")).toBe(compact("赌 场"));
    expect(normalizeKeyword("casino")).toBe(compact("саsinо"));
    expect(normalizeKeyword("微信")).toBe("微信");
  });
});

describe("normalize: properties", () => {
  it("never throws, and is deterministic", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(normalize(s)).toEqual(normalize(s));
        expect(normalizeKeyword(s)).toBe(normalizeKeyword(s));
        expect(normalizePlain(s)).toBe(normalizePlain(s));
      }),
      { numRuns: 2000 },
    );
  });

  it("plain is trimmed, single-spaced, without marks, controls or lone surrogates", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const p = normalizePlain(s);
        expect(p).toBe(p.trim());
        expect(p).not.toContain("  ");
        expect(p).not.toMatch(/[\uD800-\uDFFF]/u);
        expect(p).not.toMatch(/[\p{M}\p{Cc}\p{Cf}]/u);
        expect(p.replaceAll(" ", "")).not.toMatch(/\s/);
      }),
      { numRuns: 2000 },
    );
  });

  it("compact holds only letters and digits", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(normalizeKeyword(s)).toMatch(/^[\p{L}\p{Nd}\p{Nl}]*$/u);
      }),
      { numRuns: 2000 },
    );
  });

  it("is idempotent, so keywords and messages meet whichever was normalised first", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(normalizePlain(normalizePlain(s))).toBe(normalizePlain(s));
        expect(normalizeKeyword(normalizeKeyword(s))).toBe(normalizeKeyword(s));
        expect(normalizeKeyword(normalizePlain(s))).toBe(normalizeKeyword(s));
      }),
      { numRuns: 2000 },
    );
  });

  it("normalizeKeyword and normalizePlain agree with normalize", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const t = normalize(s);
        expect(normalizeKeyword(s)).toBe(t.compact);
        expect(normalizePlain(s)).toBe(t.plain);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("spelled-out words", () => {
  const plain = (s: string) => normalize(s).plain;
  it("reads letters spelled one by one as the word they spell, and leaves words alone", () => {
    expect(plain("c a s i n o bonus 200%")).toBe("casino bonus 200%");
    expect(plain("E.S.C.O.R.T available")).toBe("escort available");
    expect(plain("W e C h a t：sweet_home_55")).toBe("wechat:sweet_home_55");
    expect(plain("t🍜u🍜a🍜n 0 0 7")).toBe("tuan 0 0 7");
    // Two letters are not a spelling; words stay words; Han characters part letters.
    expect(plain("a b 套餐")).toBe("a b 套餐");
    expect(plain("I want a cake")).toBe("i want a cake");
    expect(plain("a 好 b 好 c")).toBe("a 好 b 好 c");
  });
  it("reads a number spoken digit by digit, and leaves counts and laughter alone", () => {
    expect(plain("call me one three eight one six two two seven seven nine one")).toBe("call me 13816227791");
    expect(plain("plus four four seven nine one two three")).toBe("+4479123");
    expect(plain("double five eight nine one two")).toBe("558912");
    expect(plain("table for two at seven")).toBe("table for two at seven");
    expect(plain("o o o o o")).toBe("ooooo");
  });
  it("reads Zhuyin as pinyin", () => {
    expect(plain("ㄅㄞ家樂 真人發牌")).toBe("bai家乐 真人发牌");
    expect(plain("ㄐㄧㄚ ㄨㄟˊ ㄒㄧㄣˋ")).toBe("jia wei xin");
  });
});

describe("digits for letters and small capitals", () => {
  const plain = (s: string) => normalize(s).plain;
  it("reads single digits between letters as the letters they pass for", () => {
    expect(plain("c4sino b0nus 200%, sign up now")).toBe("casino bonus 200%, sign up now");
    expect(plain("W0rk fr0m h0me, s3xy")).toBe("work from home, sexy");
  });
  it("leaves handles, times, quantities and ordinals alone", () => {
    expect(plain("cake520 bake66 tangtang1 7pm 5kg 3rd 2nd 10am 0dds")).toBe(
      "cake520 bake66 tangtang1 7pm 5kg 3rd 2nd 10am 0dds",
    );
    expect(plain("wx8866ab b2b")).toBe("wx8866ab b2b");
  });
  it("reads a word wholly in small capitals as Latin, and leaves other scripts alone", () => {
    expect(plain("ᴅᴍ ᴍᴇ ꜰᴏʀ ᴄʜᴇᴀᴘᴇʀ ᴄᴀᴋᴇꜱ")).toBe("dm me for cheaper cakes");
    expect(plain("привет")).toBe("привет");
  });
});
