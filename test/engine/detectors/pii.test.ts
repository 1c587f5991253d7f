import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findPii, hasPii, type PiiKind } from "../../../src/engine/detectors/pii.js";
import { MAX_SCAN_CHARS, normalize } from "../../../src/engine/text/normalize.js";

/** The texts of the hits of `kinds` in `s`. */
function found(s: string, kinds?: readonly PiiKind[]): string[] {
  const t = normalize(s);
  return findPii(t, kinds).map((h) => t.raw.slice(h.start, h.end));
}

const phones = (s: string) => found(s, ["phone"]);
const ids = (s: string) => found(s, ["id_card"]);
const addresses = (s: string) => found(s, ["address"]);

/** Appends the ISO 7064 MOD 11-2 check character to 17 digits. */
function withCheck(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * weights[i]!;
  return body17 + "10X98765432"[sum % 11]!;
}

describe("findPii: phone", () => {
  it.each([
    ["13812345678", "13812345678"],
    ["我电话13812345678 到了打我", "13812345678"],
    ["138 1234 5678", "138 1234 5678"],
    ["138-1234-5678", "138-1234-5678"],
    ["138.1234.5678", "138.1234.5678"],
    ["138 - 1234 - 5678", "138 - 1234 - 5678"],
    ["+86 138 1234 5678", "+86 138 1234 5678"],
    ["+8613812345678", "+8613812345678"],
    ["0086 13812345678", "0086 13812345678"],
    ["86-138-1234-5678", "86-138-1234-5678"],
    ["(+86)13812345678", "(+86)13812345678"],
    ["１３８１２３４５６７８", "１３８１２３４５６７８"],
    ["１３８－１２３４－５６７８", "１３８－１２３４－５６７８"],
    ["一三八一二三四五六七八", "一三八一二三四五六七八"],
    ["幺三八幺二三四五六七八", "幺三八幺二三四五六七八"],
    ["壹叁捌壹貳叁肆伍陸柒捌", "壹叁捌壹貳叁肆伍陸柒捌"],
    ["138一二三四5678", "138一二三四5678"],
    ["1 3 8 1 2 3 4 5 6 7 8", "1 3 8 1 2 3 4 5 6 7 8"],
    ["1❤3❤8❤1❤2❤3❤4❤5❤6❤7❤8", "1❤3❤8❤1❤2❤3❤4❤5❤6❤7❤8"],
    ["1❤️3❤️8❤️1❤️2❤️3❤️4❤️5❤️6❤️7❤️8", "1❤️3❤️8❤️1❤️2❤️3❤️4❤️5❤️6❤️7❤️8"],
    ["138\u200b1234\u200b5678", "138\u200b1234\u200b5678"],
    ["①③⑧①②③④⑤⑥⑦⑧", "①③⑧①②③④⑤⑥⑦⑧"],
    ["𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", "𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖"],
    ["my number is 13612345678, call me", "13612345678"],
    ["電話：135 2468 1357", "135 2468 1357"],
    ["明天18:00，13812345678", "13812345678"],
    ["18:00 138 1234 5678", "138 1234 5678"],
    ["订单 1234 电话 139-8765-4321", "139-8765-4321"],
  ])("finds %j", (text, expected) => {
    expect(phones(text)).toEqual([expected]);
  });

  it("finds every number in a message", () => {
    expect(phones("13812345678 或 15912345678")).toEqual(["13812345678", "15912345678"]);
  });

  it.each([
    "38元",
    "1380元",
    "人均38元 一共1,280元",
    "11月22日 12:30",
    "2024-11-22 12:30:45",
    "3号桌",
    "3人 6点",
    "订单号 1234567890123456",
    "订单号 1381234567890123",
    "小票号 20231122008817",
    "流水号 240311152033817729",
    "12345678901",
    "10086",
    "13812345678901",
    "138123456789",
    "1 3 8 1 2 3 4 5 6 7 8 9",
    "1381 2345 6789 0123",
    "身份证 110105199003071239",
    "取号A037 13号桌",
  ])("does not fire on %j", (text) => {
    expect(phones(text)).toEqual([]);
  });

  it("reports offsets in the raw text", () => {
    const t = normalize("電話 １３８ １２３４ ５６７８ 謝謝");
    const [hit] = findPii(t, ["phone"]);
    expect(hit).toEqual({ kind: "phone", start: 3, end: 16 });
  });

  it("does not judge a number cut off at MAX_SCAN_CHARS", () => {
    // Cut after 11 of its 12 digits, the tail would look like a phone number.
    const text = `${"a".repeat(MAX_SCAN_CHARS - 11)}138123456789`;
    expect(phones(text)).toEqual([]);
    expect(phones(`${"a".repeat(MAX_SCAN_CHARS - 20)}13812345678 好的`)).toEqual(["13812345678"]);
  });
});

describe("findPii: id_card", () => {
  it.each([
    "110105199003071239",
    "11010519491231002X",
    "11010519491231002x",
    "110105 19491231 002X",
    "110105-19900307-1239",
    "１１０１０５１９９００３０７１２３９",
  ])("finds %j", (id) => {
    expect(ids(`身份证 ${id} 帮我登记`)).toEqual([id]);
  });

  it("finds IDs in the corpus spellings", () => {
    expect(ids("我身份证号是320102199208153019 可以开发票吗")).toEqual(["320102199208153019"]);
    expect(ids("my ID is 330106199502148824 for the invoice")).toEqual(["330106199502148824"]);
  });

  it("rejects a wrong check character", () => {
    expect(ids("110105199003071238")).toEqual([]);
    expect(ids("240311152033817729")).toEqual([]);
  });

  it("rejects an implausible birth date or region", () => {
    expect(ids(withCheck("11010518990307123"))).toEqual([]); // 1899
    expect(ids(withCheck("11010519901307123"))).toEqual([]); // month 13
    expect(ids(withCheck("11010519900332123"))).toEqual([]); // day 32
    expect(ids(withCheck("11010519900300123"))).toEqual([]); // day 00
    expect(ids(withCheck("01010519900307123"))).toEqual([]); // region 0…
    expect(ids(withCheck("11010520991231123"))).toHaveLength(1);
  });

  it("does not take an X inside a word or before digits", () => {
    expect(ids("11010519491231002xl")).toEqual([]);
  });

  it("is not reported as a phone number", () => {
    expect(found("身份证 110105199003071239")).toEqual(["110105199003071239"]);
    expect(findPii(normalize("身份证 110105199003071239"))[0]?.kind).toBe("id_card");
  });
});

describe("findPii: address", () => {
  it.each([
    ["外卖送到幸福小区3栋2单元501", "3栋2单元501"],
    ["我家在朝阳路18号院5号楼1203室 送过来就行", "5号楼1203室"],
    ["XX花园12幢601", "12幢601"],
    ["万科城二期8号楼3单元1102", "8号楼3单元1102"],
    ["某某路100弄5号302室", "100弄5号302室"],
    ["送到 滨江苑 7号楼 3单元 1101 谢谢", "7号楼 3单元 1101"],
    ["收货地址 锦绣家园2期9栋1703", "9栋1703"],
    ["幸福小區3棟2單元501", "3棟2單元501"],
    ["幸福小区３栋２单元５０１", "３栋２单元５０１"],
    ["幸福小区3-2-501", "3-2-501"],
    ["阳光花园 12－3－1101 放门口", "12－3－1101"],
    ["A座1203", "A座1203"],
    ["朝阳路18号1203室", "18号1203室"],
    ["地址：九龍彌敦道88號12樓B室", "88號12樓B室"],
    ["地址：新北市板橋區文化路一段188號7樓之2", "188號7樓之2"],
    ["送到台北市大安區和平東路二段100巷5弄3號4樓", "100巷5弄3號4樓"],
    ["deliver to Flat 12B, 88 Nathan Road please", "Flat 12B, 88 Nathan Road"],
    ["Apt 5, 123 Main Street", "Apt 5, 123 Main Street"],
    ["Room 1203, Block 4", "Room 1203, Block 4"],
    ["my address is Room 1203, Block 5, 18 Chaoyang Road", "Room 1203, Block 5, 18 Chaoyang Road"],
    ["123 Main St, Apt 4B", "123 Main St, Apt 4B"],
    ["Flat B, 12/F, Tower 3", "Flat B, 12/F, Tower 3"],
  ])("finds %j", (text, expected) => {
    expect(addresses(text)).toEqual([expected]);
  });

  it.each([
    "人民路88号",
    "你们在人民路88号吗",
    "中山路地铁站",
    "3号桌",
    "5楼的包间",
    "2楼",
    "12号线",
    "我刚从3号线下来",
    "公司就在对面5号楼 中午经常来",
    "在哪个商场几楼",
    "停车场在负一楼",
    "人民路88号3楼",
    "88 Nathan Road",
    "a room for 6 people",
    "table 3 still waiting",
    "we're #12 in the queue",
    "3栋 1000元",
  ])("does not fire on %j", (text) => {
    expect(addresses(text)).toEqual([]);
  });
});

describe("findPii: all kinds", () => {
  it("finds every kind by default, in order", () => {
    const t = normalize("13812345678 幸福小区3栋2单元501 110105199003071239");
    expect(findPii(t).map((h) => h.kind)).toEqual(["phone", "address", "id_card"]);
  });

  it("finds only the kinds asked for", () => {
    const t = normalize("13812345678 幸福小区3栋2单元501");
    expect(findPii(t, ["address"]).map((h) => h.kind)).toEqual(["address"]);
    expect(findPii(t, [])).toEqual([]);
  });

  it("hasPii answers like findPii", () => {
    const t = normalize("电话 138 1234 5678");
    expect(hasPii(t, ["phone"])).toBe(true);
    expect(hasPii(t, ["id_card", "address"])).toBe(false);
    expect(hasPii(normalize("幸福小区3栋2单元501"), ["address"])).toBe(true);
    expect(hasPii(normalize("请问几点开门"), ["phone", "id_card", "address"])).toBe(false);
  });
});

describe("findPii: properties", () => {
  const digitish = fc.string({
    unit: fc.constantFrom(..."0123456789 -.+８一三幺xX号栋室单元楼❤".split(""), "86", "138", "\u200b"),
    maxLength: 40,
  });
  const anyText = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), digitish);

  it("never throws, is deterministic, and hasPii agrees", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const t = normalize(s);
        const hits = findPii(t);
        expect(findPii(t)).toEqual(hits);
        for (const kind of ["phone", "id_card", "address"] as const) {
          expect(hasPii(t, [kind])).toBe(hits.some((h) => h.kind === kind));
        }
        for (const h of hits) {
          expect(h.start).toBeGreaterThanOrEqual(0);
          expect(h.end).toBeLessThanOrEqual(t.raw.length);
          expect(h.start).toBeLessThan(h.end);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("finds a phone number wherever it is written between words", () => {
    const sep = fc.constantFrom("", " ", "-", ".", " - ", "❤");
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.nat({ max: 999_999_999 }), sep, (second, rest, s) => {
        const digits = `1${second}${String(rest).padStart(9, "0")}`;
        const spaced = `${digits.slice(0, 3)}${s}${digits.slice(3, 7)}${s}${digits.slice(7)}`;
        expect(phones(`电话${spaced}谢谢`)).toEqual([spaced]);
      }),
      { numRuns: 500 },
    );
  });
});
