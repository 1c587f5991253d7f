/**
 * The private-data forms of issue 15 at the detector (strict: what the pii rule sanctions) and at the
 * redactor (broad: what logs and the database mask, validated or not), and a seeded property that
 * the redactor masks every number the detector flags, in any spelling and surrounding.
 */
import { describe, expect, it } from "vitest";
import { mulberry32 as random } from "../../../bench/corpus.js";
import { findPii, findPiiIn, hasPii, type PiiKind } from "../../../src/engine/detectors/pii.js";
import { redactText } from "../../../src/engine/detectors/redact.js";
import { normalize } from "../../../src/engine/text/normalize.js";

function found(s: string, kinds?: readonly PiiKind[]): string[] {
  const t = normalize(s);
  return findPii(t, kinds).map((h) => `${h.kind}:${t.raw.slice(h.start, h.end)}`);
}

function withLuhn(body: string): string {
  let sum = 0;
  for (let k = 0; k < body.length; k++) {
    let v = Number(body[body.length - 1 - k]);
    if (k % 2 === 0) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
  }
  return body + String((10 - (sum % 10)) % 10);
}

const VISA = withLuhn("411111111111111");
const UNIONPAY = withLuhn("622202123456789012");
/** The same card with its last digit changed: fails Luhn. */
const BAD_LUHN = VISA.slice(0, 15) + String((Number(VISA[15]) + 1) % 10);
const group4 = (n: string) => n.replace(/(\d{4})(?=\d)/g, "$1 ");

describe("pii detector: issue 15 forms", () => {
  it.each([
    ["我电话 0912-345-678", "phone:0912-345-678"],
    ["0912 345 678 打我", "phone:0912 345 678"],
    ["0912345678", "phone:0912345678"],
    ["+886 912 345 678", "phone:+886 912 345 678"],
    ["+886-912-345-678", "phone:+886-912-345-678"],
    ["00886 912 345 678", "phone:00886 912 345 678"],
    ["電話 9123 4567", "phone:9123 4567"],
    ["WhatsApp 61234567", "phone:61234567"],
    ["91234567 call me", "phone:91234567"],
    ["+852 6123 4567", "phone:+852 6123 4567"],
    ["+85261234567", "phone:+85261234567"],
    ["00852 6123 4567", "phone:00852 6123 4567"],
    ["+44 20 7946 0958", "phone:+44 20 7946 0958"],
    ["+1 415 555 2671", "phone:+1 415 555 2671"],
    ["+65 9123 4567", "phone:+65 9123 4567"],
    ["＋８５２ ６１２３ ４５６７", "phone:＋８５２ ６１２３ ４５６７"],
    ["138-1234-5678", "phone:138-1234-5678"],
    ["+86 138 1234 5678", "phone:+86 138 1234 5678"],
    [VISA, `bank_card:${VISA}`],
    [group4(VISA), `bank_card:${group4(VISA)}`],
    [`转账 ${group4(UNIONPAY)}`, `bank_card:${group4(UNIONPAY)}`],
    ["Amex 3782 822463 10005", "bank_card:3782 822463 10005"],
    [`卡号 ${BAD_LUHN}`, `bank_card:${BAD_LUHN}`],
    [`銀行卡：${group4(BAD_LUHN)}`, `bank_card:${group4(BAD_LUHN)}`],
    [`card no. ${BAD_LUHN}`, `bank_card:${BAD_LUHN}`],
    [`会员卡号 ${VISA}`, `bank_card:${VISA}`],
    ["身份证号 110101199003071234 帮我开发票", "id_card:110101199003071234"],
    ["身份证号 110101199003071234", "id_card:110101199003071234"],
    ["身份證號碼：110101199003071234", "id_card:110101199003071234"],
    ["my ID is 110101199003071234", "id_card:110101199003071234"],
    ["ID: 110101 19900307 1234", "id_card:110101 19900307 1234"],
    ["A123456(7)", "id_card:A123456(7)"],
    ["身份證 AB987654(3)", "id_card:AB987654(3)"],
    ["HKID Ａ123456（7）", "id_card:Ａ123456（7）"],
    ["A1234563", "id_card:A1234563"],
    ["A123456789", "id_card:A123456789"],
    ["身分證 F131104093", "id_card:F131104093"],
    ["身分證 A123456780", "id_card:A123456780"],
  ])("finds %j", (text, expected) => {
    expect(found(text)).toEqual([expected]);
    expect(hasPii(normalize(text), [expected.split(":")[0] as PiiKind])).toBe(true);
  });

  it.each([
    ["送到 23 号楼 4 单元 501", "23 号楼 4 单元 501"],
    ["23号楼 4单元 501室", "23号楼 4单元 501室"],
    ["长乐路100弄5号", "100弄5号"],
    ["長樂路100弄5號", "100弄5號"],
    ["12樓A室", "12樓A室"],
    ["5 楼 502 室", "5 楼 502 室"],
    ["Flat 5B, Block 2", "Flat 5B, Block 2"],
    ["忠孝東路四段100巷5弄3號5樓", "100巷5弄3號5樓"],
    ["太古城 3 座 18 樓 B 室", "3 座 18 樓 B 室"],
  ])("finds the address in %j", (text, expected) => {
    expect(found(text, ["address"])).toEqual([`address:${expected}`]);
  });

  it.each([
    "1280元",
    "人均 1,280 元",
    "订单号 91234567",
    "排队号 61234567",
    "我們今晚 9123 4567 號碼牌",
    "91234567",
    "9123 4567",
    "2026-12-05 19:30",
    "2026/12/05",
    "20261205",
    "12:30 6位",
    "3号桌 4人",
    "订单号 1234567890123456",
    `订单号 ${VISA}`,
    `券码 ${VISA}`,
    "小票号 20231122008817",
    "流水号 240311152033817729",
    "110101199003071234",
    "A123456780",
    "A1234567",
    "SKU A12345678",
    "+25 度",
    "+10元",
    "tel 12345",
    "我家住23号楼",
    "5楼的包间",
    "人民路88号3楼",
    "2楼 3 号房",
    "第 12345678901 位",
    "chat -1001234500000",
    "打电话问了，订单号 9123 4567 还没到",
    `会员卡号 ${BAD_LUHN}`,
    `订单退款到卡号 ${BAD_LUHN}`,
    "订单id 110101199003071234",
  ])("spares %j", (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe("redactor: masks the shapes, validated or not", () => {
  it.each([
    ["身份证号 110101199003071234", "身份证号 [id]"],
    ["110101199003071234", "[id]"],
    ["110101 19900307 1234 帮我登记", "[id] 帮我登记"],
    [`退款 ${BAD_LUHN}`, "退款 [card]"],
    [`${group4(BAD_LUHN)} 收到吗`, "[card] 收到吗"],
    [`订单号 ${VISA}`, "订单号 [card]"],
    ["9123 4567 到了打", "[phone] 到了打"],
    ["A123456780", "[id]"],
    ["HKID A123456(7)", "HKID [id]"],
    ["李四一三八一二三四五六七八", "李四[phone]"],
    ["+852 6123 4567", "[phone]"],
  ])("masks %j", (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it.each([
    "订单号 1234567890123456",
    `订单号 ${BAD_LUHN}`,
    "订单号 91234567",
    "2026-12-03 18:49:06",
    "流水号 240311152033817729",
    "订单号 9123 4567",
    "2026-12-03T18:49:06.123Z",
    "chat -1001234500000",
    "人均1280元 12月5日 19:00 4人",
    "3号桌",
  ])("keeps %j", (text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe("redactor masks whatever the detector flags (seeded property)", () => {
  const rnd = random(15);
  const pick = <T>(xs: ArrayLike<T>): T => xs[Math.floor(rnd() * xs.length)]!;
  const digits = (n: number, first = "") =>
    first + Array.from({ length: n - first.length }, () => pick("0123456789")).join("");
  const spell = (n: string) =>
    pick([
      (x: string) => x,
      (x: string) => x.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
      (x: string) => x.replace(/\d/g, (d) => "零一二三四五六七八九"[Number(d)]!),
      (x: string) => x.split("").join(pick([" ", "-", ".", "❤", "\u200b"])),
    ])(n);
  const numbers: (() => string)[] = [
    () => `1${pick("3456789")}${digits(9)}`,
    () =>
      `0${pick("9")}${digits(8)}`.replace(
        /^(\d{4})(\d{3})/,
        `$1${pick([" ", "-", ""])}$2${pick([" ", "-", ""])}`,
      ),
    () => `+852 ${digits(4, pick(["5", "6", "9"]))} ${digits(4)}`,
    () => `+${pick(["44", "1", "65", "886", "81"])} ${digits(pick([9, 10]), pick("123456789"))}`,
    () => `电话 ${digits(4, pick(["5", "6", "9"]))} ${digits(4)}`,
    () => `${pick(["卡号", "card", "銀行卡", ""])} ${group4(withLuhn(digits(15, pick("3456"))))}`,
    () => `${pick(["卡号", "card"])} ${digits(pick([16, 19]), "6")}`,
    () => `${pick(["身份证号", "ID", "身份證"])} ${digits(17, pick("123456"))}${pick(["X", "1", "7"])}`,
    () => `${pick("ABCDEFGHJKMNPRSTUVWXYZ")}${pick("12")}${digits(8)}`,
    () => `${pick("ACEHKMPRVWYZ")}${digits(6)}(${pick("0123456789A")})`,
    () => spell(`1${pick("3456789")}${digits(9)}`),
  ];
  const filler = [
    "好的",
    "谢谢",
    "请问几点开门",
    "人均1280元",
    "12月5日",
    "19:30",
    "4位",
    "3号桌",
    "订单 2231",
    "ok thanks",
    "see you at 7pm",
    "幸福小区3栋2单元501",
    "到了",
    "🍜",
    "，",
    " ",
  ];
  const messages = Array.from({ length: 4000 }, () =>
    Array.from({ length: 1 + Math.floor(rnd() * 5) }, () =>
      rnd() < 0.45 ? pick(numbers)() : pick(filler),
    ).join(pick(["", " ", "，", "\n"])),
  );
  const onlyDigits = (s: string) => normalize(s).compact.replace(/[^0-9]/g, "");

  it("leaves no flagged number, nor its digits, in the masked text", () => {
    let flagged = 0;
    for (const s of messages) {
      const t = normalize(s);
      const masked = redactText(s);
      for (const hit of findPii(t)) {
        flagged++;
        const text = t.raw.slice(hit.start, hit.end);
        expect(masked.includes(text), `${JSON.stringify(text)} of ${JSON.stringify(s)}`).toBe(false);
        const run = onlyDigits(text);
        if (hit.kind !== "address" && run.length >= 7) {
          expect(onlyDigits(masked).includes(run), `${run} of ${JSON.stringify(s)} → ${masked}`).toBe(false);
        }
      }
      expect(findPii(normalize(masked)), JSON.stringify(masked)).toEqual([]);
      expect(findPiiIn(masked, { greedy: true }), JSON.stringify(masked)).toEqual([]);
    }
    // The property says something only if the generator makes personal data the detector sees.
    expect(flagged).toBeGreaterThan(2000);
  });
});
