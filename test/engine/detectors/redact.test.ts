import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findPii } from "../../../src/engine/detectors/pii.js";
import { redactText } from "../../../src/engine/detectors/redact.js";
import { MAX_SCAN_CHARS, normalize } from "../../../src/engine/text/normalize.js";

describe("redactText", () => {
  it.each([
    ["我电话13812345678 到了打我", "我电话[phone] 到了打我"],
    ["+86 186 1122 3344 是我", "[phone] 是我"],
    ["打 １３７００１１２２３３", "打 [phone]"],
    ["我的号码 一三八一二三四五六七八", "我的号码 [phone]"],
    ["1 3 8 1 2 3 4 5 6 7 8", "[phone]"],
    ["call 138-1234-5678 or 139.8765.4321", "call [phone] or [phone]"],
    ["身份证 110105199003071239 帮我登记", "身份证 [id] 帮我登记"],
    ["ID 110105 19491231 002X ok", "ID [id] ok"],
    ["外卖送到幸福小区3栋2单元501", "外卖送到幸福小区[address]"],
    ["deliver to Flat 12B, 88 Nathan Road please", "deliver to [address] please"],
    // The time is no part of the number: masking "18:00 138 1234" would leave "5678" in clear.
    ["18:00 138 1234 5678", "18:00 [phone]"],
    ["138:1234:5678", "[phone]"],
  ])("masks %j", (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it("leaves text without personal data untouched", () => {
    for (const s of ["请问几点开门", "人均38元 11月22日 12:30", "订单号 1234567890123456", "", "3号桌"]) {
      expect(redactText(s)).toBe(s);
    }
  });

  it("masks the whole text, not only the part the rules scan", () => {
    const text = `${"好".repeat(MAX_SCAN_CHARS + 100)} 13812345678`;
    expect(redactText(text)).toBe(`${"好".repeat(MAX_SCAN_CHARS + 100)} [phone]`);
  });

  it("masks spaced-out numbers side by side", () => {
    expect(redactText("13812345678 1 3 8 1 2 3 4 5 6 7 8")).toBe("[phone] [phone]");
    expect(redactText("1 3 8 1 2 3 4 5 6 7 8 1 3 9 1 2 3 4 5 6 7 8")).toBe("[phone] [phone]");
  });

  it("masks ambiguous numbers the pii rule leaves alone", () => {
    // Could be the start of a longer grouped number, so the rule does not fire; logs still mask it.
    expect(findPii(normalize("1 3 8 1 2 3 4 5 6 7 8 9"), ["phone"])).toEqual([]);
    expect(redactText("1 3 8 1 2 3 4 5 6 7 8 9")).toBe("[phone] 9");
  });

  const piiish = fc.string({
    unit: fc.constantFrom(
      ..."0123456789 -.+８一三八幺xX号栋室单元❤".split(""),
      "86",
      "138",
      "1234",
      "5678",
      "\u200b",
      "13812345678",
      "110105199003071239",
      "3栋2单元501",
    ),
    maxLength: 40,
  });
  const anyText = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), piiish);

  it("never throws, is deterministic and idempotent", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const r = redactText(s);
        expect(redactText(s)).toBe(r);
        expect(redactText(r)).toBe(r);
      }),
      { numRuns: 3000 },
    );
  });

  it("leaves no phone or ID number that findPii would still find", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(findPii(normalize(redactText(s)))).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});
