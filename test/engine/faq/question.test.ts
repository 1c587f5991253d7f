import { describe, expect, it } from "vitest";
import { isQuestion } from "../../../src/engine/faq/question.js";
import { normalizePlain } from "../../../src/engine/text/normalize.js";

const asks = (t: string) => isQuestion(normalizePlain(t));

describe("isQuestion", () => {
  it.each([
    "几点开门",
    "请问有停车位吗",
    "今天開門嗎",
    "外卖送不送",
    "订位怎么订啊",
    "地址发一下",
    "有没外卖",
    "停车方便伐",
    "what time do you open",
    "Do you deliver to Pudong",
    "parking?",
    "is there a kids menu",
    "營業時間？",
  ])("asks: %s", (t) => expect(asks(t)).toBe(true));

  it.each([
    "我已经订好位了",
    "昨天停车场好多车",
    "外卖刚到 还热乎",
    "怎么这么好吃",
    "没什么 随便吃点",
    "我在排队呢",
    "We booked a table for tonight",
    "parking was easy today",
    "",
  ])("states: %s", (t) => expect(asks(t)).toBe(false));
});
