/**
 * The privacy rule of the default pack, through `qunguan simulate` as a merchant would try it: each
 * form of private data issue 15 found missed, in Simplified, Traditional and English lines, is
 * removed; lines that only carry ordinary numbers (prices, orders, times, dates, party sizes,
 * tables, vouchers) are not.
 */
import { describe, expect, it } from "vitest";
import { simulateLines } from "../helpers/cli.js";

/** Appends the Luhn check digit, as card numbers carry it. */
function withLuhn(body: string): string {
  let sum = 0;
  for (let k = 0; k < body.length; k++) {
    let v = Number(body[body.length - 1 - k]);
    if (k % 2 === 0) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
  }
  return body + String((10 - (sum % 10)) % 10);
}

const UNIONPAY = withLuhn("622202123456789012"); // 19 digits
const VISA = withLuhn("411111111111111"); // 16 digits
const group4 = (n: string) => n.replace(/(\d{4})(?=\d)/g, "$1 ");

/** Forms of private data, each as members write it in the three languages. */
const PRIVATE: Record<string, string[]> = {
  "address with spaces between number and unit": [
    "送到 23 号楼 4 单元 501 谢谢",
    "外賣送到 8 號樓 2 單元 1203",
    "deliver to 23 号楼 4 单元 501 please",
  ],
  "Shanghai lane house": [
    "我家在长乐路100弄5号，晚上送过来",
    "地址：長樂路100弄5號",
    "my place is 长乐路100弄5号",
  ],
  "Hong Kong and Taiwan flats": [
    "送去太子道西12樓A室",
    "地址：彌敦道88號12樓B室",
    "Flat 5B, Block 2, please ring the bell",
  ],
  "Taiwan lane and alley": [
    "送到忠孝東路四段100巷5弄3號5樓",
    "我家在忠孝东路四段100巷5弄3号5楼",
    "address: 忠孝東路四段100巷5弄3號5樓",
  ],
  "Taiwan mobile": ["我电话 0912-345-678", "有事打給我 0912 345 678", "text me at +886 912 345 678"],
  "Hong Kong mobile": ["电话 9123 4567 到了打我", "我電話係 9123 4567", "WhatsApp me on 6123 4567"],
  "Hong Kong mobile with +852": ["号码 +852 6123 4567", "+852 9123 4567 係我", "my number +852 6123 4567"],
  "other international numbers": [
    "英国朋友电话 +44 20 7946 0958",
    "美國號碼 +1 415 555 2671",
    "ring +65 9123 4567",
  ],
  "mainland mobile with separators": ["我手机 138-1234-5678", "電話 138 1234 5678", "call +86 138 1234 5678"],
  "bank card, Luhn-valid": [
    `转账到 ${group4(UNIONPAY)}`,
    `退款打到這張 ${group4(VISA)}`,
    `refund to ${VISA}`,
  ],
  "bank card after a card word, Luhn fails": [
    "卡号 6222 0212 3456 7890",
    "銀行卡 6222021234567890123",
    "card number 5500 0000 0000 0005",
  ],
  "mainland ID after an ID word, checksum fails": [
    "身份证号 110101199003071234",
    "身份證號碼：110101199003071234",
    "my ID number is 110101199003071234",
  ],
  "Hong Kong ID": ["身份证 A123456(7)", "我身份證係 A123456(7)", "HKID A123456(7)"],
  "North American number": [
    "我美国手机 (646) 555-0199，到了打我",
    "美國電話 646-555-0199，到樓下打給我",
    "my cell is (646) 555-0199, call when you're outside",
  ],
  "national number after a trunk 0": [
    "座机电话 021-6234 5678",
    "有事打給我 (02) 2345 6789",
    "call my UK mobile 07911 123456",
  ],
  "phone in English digit words": [
    "我的号 one three eight one six two two seven seven nine one",
    "電話 nine one two three four five six seven",
    "call me one three eight one six two two seven seven nine one",
  ],
  "Taiwan address on a road section": [
    "寄到台北市南京东路二段 120 号 5 楼",
    "地址：新北市板橋區文化路二段 182 號 7 樓",
    "send to 台中市西屯區台灣大道三段 99 號 12 樓之 1",
  ],
  "English street address": [
    "送到 Apt 5C, 310 West 47th Street, New York",
    "我住 221B Baker Street, London NW1 6XE",
    "I live at 221B Baker Street, London NW1 6XE, ship the mooncakes there",
  ],
  "Taiwan ID": ["身份证 A123456789", "身分證字號 A123456789", "my ID is A123456789"],
};

/** Lines with numbers that are nobody's private data. */
const ORDINARY = [
  // prices and amounts
  "人均1280元，两个人够吗",
  "一共 1,280 元，可以刷卡吗",
  "套餐 $388 for 4 people",
  "這個蛋糕 HK$ 1280 嗎？",
  // orders, receipts, vouchers
  "订单号 91234567 还没送到",
  "訂單編號 20231122008817 幾時到",
  "order 1234567890123456 is late",
  "券码 4111111111111111 用不了",
  "小票号 20231122008817",
  "流水号 240311152033817729",
  // times, dates
  "明天 18:30 到，2026-12-05",
  "12月24日晚上7点半",
  "2026/12/24 19:30 for 6",
  // party sizes, tables, floors
  "我们 6 位，要包间",
  "3号桌加一瓶可乐",
  "table 12 still waiting",
  "我家住23号楼",
  "公司就在对面5号楼 中午经常来",
  "店在人民路88号3楼",
  "停车场在负一楼",
  // 8-digit runs that are not Hong Kong mobiles without a phone cue
  "我們今晚 9123 4567 號碼牌",
  "排队号 61234567",
  "会员号 91234567 积分多少",
  // phone-like but no phone
  "第 12345678901 位顾客",
  "温度 +25 度，人均 +50",
  // counts, times, tables, queue numbers and floors beside words of addresses and phones
  "我们10个人，7点到",
  "订了3号桌",
  "2楼包间还有位吗",
  "第5号排队",
  "我們 8 位，2 樓包廂，電話訂的",
  "你們店在忠孝東路四段 100 號嗎",
  "I'll be there at 7:30",
  "table 12 please",
  "we are 4 people at 310 pm",
  "Order #5531 9920",
  "the 47th anniversary",
  "Street food festival on Baker Street was fun",
  "is your shop at 88 Nathan Road?",
  "the lunch set is $12.50, I'll call ahead",
  "booked for 2026-12-03, order 646-555-0199",
  "table for two at seven, three kids, one or two high chairs",
  "我们 one two three 数到三再拍照",
];

const at = (i: number) => new Date(Date.parse("2026-11-22T11:00:00+08:00") + i * 60_000).toISOString();

/** Each line from its own member a minute apart, so only the text decides. */
function decide(texts: string[]) {
  const out = simulateLines(
    texts.map((text, i) => ({ chat: "g1", user: `u${i}`, name: `m${i}`, text, at: at(i) })),
  );
  for (const line of out) expect(line.error).toBeUndefined();
  return out;
}

describe("qunguan simulate: the privacy rule", () => {
  const cases = Object.entries(PRIVATE).flatMap(([form, lines]) => lines.map((text) => ({ form, text })));

  it("removes every form of private data, in zh-Hans, zh-Hant and en", () => {
    const out = decide(cases.map(({ text }) => text));
    const missed = cases.filter((_, i) => !out[i]!.actions.some((a) => a.rule === "privacy"));
    expect(missed).toEqual([]);
    for (const line of out) expect(line.actions[0]).toMatchObject({ type: "delete", rule: "privacy" });
    // A removal for privacy says so, whatever else the text held.
    for (const line of out) expect(line.actions[0]!.signals).toContainEqual({ name: "pii", weight: 1 });
  });

  it("spares ordinary lines with prices, orders, times, dates, party sizes and tables", () => {
    const out = decide(ORDINARY);
    const flagged = ORDINARY.filter((_, i) => out[i]!.actions.some((a) => a.rule === "privacy"));
    expect(flagged).toEqual([]);
  });
});
