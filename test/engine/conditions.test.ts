/** Every condition type of the rule format, through a one-rule pack and the engine. */
import { describe, expect, it } from "vitest";
import type { MessageKind } from "../../src/core/chat-event.js";
import { compileRules } from "../../src/engine/compile.js";
import { Engine } from "../../src/engine/engine.js";
import { loadRulesOrThrow } from "../../src/rules/load.js";
import { message, T0 } from "../helpers/events.js";
import { MINIMAL_CATEGORIES, ruleDir } from "../helpers/rules.js";

/** An engine whose only rule deletes what `match` (YAML flow) matches. */
function engineFor(match: string): Engine {
  const dir = ruleDir({
    "r.yaml": `${MINIMAL_CATEGORIES}moderation:\n  - id: r\n    match: ${match}\n    actions: [delete]\n`,
  });
  return new Engine(compileRules(loadRulesOrThrow(dir)));
}

function hits(engine: Engine, text: string, o: Parameters<typeof message>[1] = {}): boolean {
  return engine.decide(message(text, o)).actions.some((a) => a.type === "delete");
}

describe("conditions", () => {
  it("keywords: one automaton, evasions folded, Latin words whole", () => {
    const e = engineFor("{ keywords: [加微信, 百家乐, casino, dm me] }");
    expect(hits(e, "加 微 信 聊")).toBe(true);
    expect(hits(e, "加.微.信")).toBe(true);
    expect(hits(e, "百家樂")).toBe(true);
    expect(hits(e, "ＣＡＳＩＮＯ night")).toBe(true);
    expect(hits(e, "best casinos in town")).toBe(true);
    expect(hits(e, "occasional")).toBe(false);
    expect(hits(e, "please DM me")).toBe(true);
    expect(hits(e, "我微信付的款")).toBe(false);
  });

  it("regex: on the normalised text", () => {
    const e = engineFor('{ regex: "代开.{0,4}发票" }');
    expect(hits(e, "代開增值稅發票")).toBe(true);
    expect(hits(e, "老板开个发票")).toBe(false);
  });

  it("links: hosts not on the allow-list, subdomains of allowed ones pass", () => {
    const e = engineFor("{ links: { allow: [dianping.com] } }");
    expect(hits(e, "看 https://m.dianping.com/shop/1")).toBe(false);
    expect(hits(e, "领红包 www.bet-888.xyz")).toBe(true);
    expect(hits(e, "只要12.5元")).toBe(false);
    const any = engineFor("{ links: true }");
    expect(hits(any, "https://dianping.com")).toBe(true);
  });

  it("pii: phone, ID number, home address", () => {
    const e = engineFor("{ pii: [phone, id_card, address] }");
    expect(hits(e, "电话 138 1234 5678")).toBe(true);
    expect(hits(e, "一三八一二三四五六七八")).toBe(true);
    expect(hits(e, "身份证 110105199003071239")).toBe(true);
    expect(hits(e, "送到幸福小区3栋2单元501")).toBe(true);
    expect(hits(e, "3号桌 4个人吃了138")).toBe(false);
    const phoneOnly = engineFor("{ pii: [phone] }");
    expect(hits(phoneOnly, "身份证 110105199003071239")).toBe(false);
  });

  it("flood and repeat count per member within their window", () => {
    const flood = engineFor("{ flood: { count: 3, seconds: 10 } }");
    expect([0, 1, 2].map((i) => hits(flood, `m${i}`, { at: T0 + i * 1000 }))).toEqual([false, false, true]);
    expect(hits(flood, "later", { at: T0 + 60_000 })).toBe(false);
    expect(hits(flood, "other member", { at: T0 + 2500, user: "u2" })).toBe(false);
    const repeat = engineFor("{ repeat: { count: 2, seconds: 1m } }");
    expect(hits(repeat, "same", { at: T0 })).toBe(false);
    expect(hits(repeat, "different", { at: T0 + 1000 })).toBe(false);
    expect(hits(repeat, "SAME", { at: T0 + 2000 })).toBe(true);
  });

  it("kinds, member age, mentions, length", () => {
    const kinds = engineFor("{ kinds: [contact_card, red_envelope] }");
    expect(hits(kinds, "", { kind: "contact_card" as MessageKind })).toBe(true);
    expect(hits(kinds, "", { kind: "image" as MessageKind })).toBe(false);
    const age = engineFor("{ member_age: { under: 1h } }");
    expect(hits(age, "hi", { at: T0 })).toBe(true);
    expect(hits(age, "hi again", { at: T0 + 2 * 3_600_000 })).toBe(false);
    const mentions = engineFor("{ mentions: { min: 3 } }");
    expect(hits(mentions, "hey", { mentions: ["a", "b", "c"] })).toBe(true);
    expect(hits(mentions, "hey", { mentions: ["a"] })).toBe(false);
    const length = engineFor("{ length: { max: 3 } }");
    expect(hits(length, "abcd")).toBe(false);
    expect(hits(length, "abc")).toBe(true);
  });

  it("quiet hours wrap midnight in the rule's time zone", () => {
    const e = engineFor('{ quiet_hours: { from: "23:00", to: "07:00", time_zone: Asia/Shanghai } }');
    expect(hits(e, "a", { at: Date.parse("2026-11-23T23:30:00+08:00") })).toBe(true);
    expect(hits(e, "b", { at: Date.parse("2026-11-24T06:59:00+08:00") })).toBe(true);
    expect(hits(e, "c", { at: Date.parse("2026-11-24T07:00:00+08:00") })).toBe(false);
    expect(hits(e, "d", { at: Date.parse("2026-11-24T12:00:00+08:00") })).toBe(false);
  });

  it("any, all, not, and tests side by side in one condition", () => {
    const e = engineFor("{ all: [ { keywords: [红包] }, { not: { keywords: [谢谢] } } ] }");
    expect(hits(e, "抢红包啦")).toBe(true);
    expect(hits(e, "谢谢老板的红包")).toBe(false);
    const side = engineFor("{ keywords: [优惠], member_age: { under: 1h } }");
    expect(hits(side, "优惠", { at: T0, user: "new" })).toBe(true);
    expect(hits(side, "优惠", { at: T0 + 7_200_000, user: "new" })).toBe(false);
    const any = engineFor("{ any: [ { keywords: [a1b2] }, { kinds: [sticker] } ] }");
    expect(hits(any, "", { kind: "sticker" as MessageKind })).toBe(true);
  });
});

describe("keywords with symbols", () => {
  it("stay whole words: '% off' does not fire in 'coffee', 'earn $' not in 'learned'", () => {
    const e = engineFor('{ keywords: ["% off", "earn $", "🔞"] }');
    expect(hits(e, "30% off everything")).toBe(true);
    expect(hits(e, "one coffee please")).toBe(false);
    expect(hits(e, "earn $500 a day")).toBe(true);
    expect(hits(e, "I learned that the hard way")).toBe(false);
    expect(hits(e, "🔞 私密")).toBe(true);
  });
});
