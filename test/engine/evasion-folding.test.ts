/**
 * Evasions the default pack sees through, each class caught by the rule it
 * evades, and ordinary lines with pinyin, English and numbers that stay
 * ordinary: the Engine with the compiled default pack, and `qunguan simulate`
 * for a sample, as an operator would try it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { SANCTION_TYPES } from "../../src/core/decision.js";
import { Engine } from "../../src/engine/engine.js";
import { simulateLines } from "../helpers/cli.js";
import { defaultCompiled } from "../helpers/rules.js";

/** Each line from its own member in its own chat, an hour apart: only the rules themselves decide. */
function decider() {
  const engine = new Engine(defaultCompiled());
  const start = Date.parse("2026-11-23T12:00:00+08:00");
  let i = 0;
  return (text: string) => {
    i++;
    const d = engine.decide({
      type: "message",
      chat: { platform: "telegram", id: `c${i}` },
      sender: { id: `u${i}`, displayName: `m${i}`, isPlatformAdmin: false },
      at: start + i * 3_600_000,
      messageId: String(i),
      text,
      kind: "text",
      mentions: [],
    });
    return [...new Set(d.actions.filter((a) => SANCTION_TYPES.has(a.type)).map((a) => a.rule))];
  };
}

/** Evasion → the rule it evades. None of these was caught before pinyin, digit and look-alike folding. */
const EVASIONS: Record<string, Record<string, string>> = {
  "pinyin, whole or mixed with characters": {
    "jia wei xin": "poaching",
    "Jia Wei Xin 领红包": "poaching",
    "weixin: abc_123": "poaching",
    "wei xin tuan_888": "poaching",
    加wei信: "poaching",
    私liao我: "poaching",
    bo彩: "gambling",
    首chong送88: "gambling",
    dai开fa票: "ads",
    代kai发票: "ads",
  },
  "digits spaced, in other forms, or with letters and numerals for some": {
    "扣 1 0 2 4 8 8 6 6": "poaching",
    "q q 1 2 3 4 5 6 7": "poaching",
    "企鹅 1O24886": "poaching",
    "加我 tuan壹贰叁": "poaching",
    "联系 tuan 〇〇七": "poaching",
    "138 OO12 3456": "privacy",
    "138 l234 5678": "privacy",
  },
  "look-alike letters from other scripts": {
    // Cyrillic е in "Wechat" and "telegram".
    "Wеchat: tuan_88": "poaching",
    "join my tеlеgram group": "poaching",
  },
  "profile-picture cue": {
    看我头像加我: "poaching",
  },
};

/** Ordinary chatter with pinyin, English words, numbers and foreign letters: none is sanctioned. */
const ORDINARY = [
  "我想 wei 一下",
  "wei 你好 在吗",
  "xie xie lao ban",
  "hao chi！下次还来",
  "ni hao, ji dian kai men?",
  "今天 jia ban 晚点到",
  "jia you!",
  "xin nian kuai le!",
  "wei xin zhi fu ke yi ma",
  "fa piao ke yi kai ma",
  "可以开 fa piao 吗",
  "这个 bocai 是什么菜？",
  "Bo Cai is my friend's name",
  "jumbo彩虹蛋糕还有吗",
  "plan b 彩虹蛋糕也行",
  "蛋糕要 bo 的那种吗",
  "wo xiang wei ni yi xia",
  "the waxwork museum is next door",
  "my kids love the wax crayons",
  "Maxwell's birthday party is here tonight",
  "I paid via WeChat Pay, is that ok?",
  "can I pay with WeChat Pay?",
  "box里有几个",
  "5O元一份",
  "2O25年的菜单",
  "Room 1O2 please",
  "I'll be there at 7:3O",
  "第1O桌加菜",
  "OK 1O 分钟后到",
  "hello2025 happy new year",
  "iphone15 充电线有吗",
  "I loved the dumplings lol 2024",
  "三缺一，吃完打麻将",
  "一二三四五，上山打老虎",
  "今天来了一二三四五六个人",
  "我家老公姓魏，叫魏新",
  "qq音乐搜不到这首歌",
  "q 弹的口感",
  "Дружба, привет",
  "Ελληνική σαλάτα please",
  "café au lait",
  "看我头像，这是我家狗",
  "头像是我女儿",
];

describe("evasions the default pack folds", () => {
  let decide: (text: string) => (string | undefined)[];
  beforeAll(() => {
    decide = decider();
  });

  for (const [kind, cases] of Object.entries(EVASIONS)) {
    it(`${kind}: caught by the rule each evades`, () => {
      for (const [text, rule] of Object.entries(cases))
        expect({ text, rules: decide(text) }).toEqual({ text, rules: [rule] });
    });
  }

  it("ordinary lines with pinyin, English and numbers stay unsanctioned", () => {
    const sanctioned = ORDINARY.map((text) => ({ text, rules: decide(text) })).filter(
      (d) => d.rules.length > 0,
    );
    expect(sanctioned).toEqual([]);
  });
});

describe("qunguan simulate sees through them too", () => {
  it("warns the evasions, leaves the chatter", () => {
    const lines = [
      "jia wei xin",
      "dai开fa票",
      "扣 1 0 2 4 8 8 6 6",
      "Wеchat: tuan_88",
      "我想 wei 一下",
      "这个 bocai 是什么菜？",
    ];
    const out = simulateLines(
      lines.map((text, i) => ({
        chat: `g${i}`,
        user: `u${i}`,
        name: `n${i}`,
        text,
        at: "2026-11-22T11:00:00+08:00",
      })),
    );
    const warned = out.map((d) => d.actions.some((a) => a.type === "warn"));
    expect(warned).toEqual([true, true, true, true, false, false]);
  });
});
