/**
 * FAQ answers only where the shop is asked, through `qunguan simulate` with the default pack: not a
 * question about another place, not a favour asked of other members, not a complaint that names a
 * topic (that one is the desk's), not a count that holds a question word ("三十几个人").
 */
import { describe, expect, it } from "vitest";
import { simulateLines } from "../helpers/cli.js";

const at = (minutes: number) =>
  new Date(Date.parse("2026-11-22T15:00:00+08:00") + minutes * 60_000).toISOString();

/** The FAQ each line is answered with ("" when none), each from its own member an hour apart. */
function answers(texts: string[]): string[] {
  return simulateLines(
    texts.map((text, i) => ({ chat: `g${i}`, user: `u${i}`, name: "客人", text, at: at(i * 60) })),
  ).map((l) => String(l.actions.find((a) => a.type === "reply" && a.faq)?.faq ?? ""));
}

describe("FAQ answers go to questions for the shop", () => {
  it("spares questions about another place, favours asked of members, complaints and counts", () => {
    expect(
      answers([
        "对面商场几点关门啊，吃完想去逛逛",
        "隔壁理发店几点开门，我剪完头过来",
        "anyone know what time the mall across the road closes?",
        "你们谁开车来的，能不能顺路捎我一段",
        "外卖还要多久啊，等了一个小时了！",
        "訂的蛋糕到現在還沒送到，怎麼回事",
        "我们一共二十几个人，包场的事店长在安排",
      ]),
    ).toEqual(["", "", "", "", "", "", ""]);
  });

  it("still answers the shop's questions, also when put to the group or about the mall it is in", () => {
    expect(
      answers([
        "你们几点开门？",
        "有人知道他们家几点打烊吗",
        "商场停车场几个小时免费",
        "How much is parking at the mall",
        "對面那家是你們的分店嗎，你們幾點開門",
      ]),
    ).toEqual(["hours", "hours", "parking", "parking", "hours"]);
  });
});
