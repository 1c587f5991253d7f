/**
 * An FAQ asked again within its cooldown, through `qunguan simulate`: a different member gets a
 * brief pointer to the answer given moments ago (in the group's language), the member already
 * answered or pointed gets nothing, and pointers stop after a few per cooldown so that a flood of
 * askers cannot make the bot spam.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempRules } from "../helpers/bot.js";
import { simulateLines } from "../helpers/cli.js";

const at = (seconds: number) =>
  new Date(Date.parse("2026-11-22T11:00:00+08:00") + seconds * 1000).toISOString();

/** Each line's actions. */
function simulate(lines: object[], rules = "rules"): Record<string, unknown>[][] {
  return simulateLines(lines, rules).map((line) => line.actions);
}

const ask = (user: string, text: string, seconds: number, extra: object = {}) => ({
  chat: "g1",
  user,
  name: user,
  text,
  at: at(seconds),
  ...extra,
});

describe("qunguan simulate: FAQ pointers within the cooldown", () => {
  it("points a second member to the answer, keeps the same member's repeat quiet, and answers in full after the cooldown", () => {
    const out = simulate([
      ask("Alice", "请问几点开门？", 0),
      ask("Bob", "你们几点开门啊", 60),
      ask("Bob", "几点开门？？", 70),
      ask("Alice", "几点开门？", 80),
      ask("Carol", "今天几点开门", 150),
    ]);
    expect(out[0]).toEqual([{ type: "reply", faq: "hours", text: expect.stringContaining("10:30") }]);
    expect(out[1]).toEqual([
      { type: "reply", faq: "hours", text: "👆 Bob，这个问题刚刚回答过，请看上方的回答。", pointer: true },
    ]);
    expect(out[2]).toEqual([]);
    expect(out[3]).toEqual([]);
    // Two minutes on, the cooldown is over: Carol gets the answer itself.
    expect(out[4]).toEqual([{ type: "reply", faq: "hours", text: expect.stringContaining("10:30") }]);
  });

  it("works the same in a WeChat group, per FAQ: another question is answered in full", () => {
    const out = simulate([
      ask("Alice", "请问几点开门？", 0, { platform: "wechat" }),
      ask("Bob", "几点开门？", 30, { platform: "wechat" }),
      ask("Bob", "Do you have parking?", 40, { platform: "wechat" }),
    ]);
    expect(out[1]).toEqual([expect.objectContaining({ faq: "hours", pointer: true })]);
    expect(out[2]).toEqual([{ type: "reply", faq: "parking", text: expect.stringContaining("B2") }]);
  });

  it("gives at most three pointers per answer and cooldown, however many ask", () => {
    const askers = ["b", "c", "d", "e", "f", "g"].map((u, k) => ask(u, "几点开门？", 10 + k));
    const out = simulate([ask("a", "几点开门？", 0), ...askers]);
    const pointers = out.slice(1).map((actions) => actions.length);
    expect(pointers).toEqual([1, 1, 1, 0, 0, 0]);
  });

  it("speaks the group's language, and follows faq.pointers in the rule files", () => {
    const dir = tempRules();
    const categories = join(dir, "categories.yaml");
    writeFileSync(
      categories,
      `${readFileSync(categories, "utf8")}  promo_en:\n    name: Deals\n    locale: en\n    intro: Deals here.\n`,
    );
    const en = simulate(
      [
        ask("Ann", "what time do you open?", 0, { category: "promo_en" }),
        ask("Ben", "when do you open?", 20, { category: "promo_en" }),
      ],
      dir,
    );
    expect(en[1]).toEqual([
      {
        type: "reply",
        faq: "hours",
        text: "👆 Ben, this was just answered: see the answer above.",
        pointer: true,
      },
    ]);

    const faq = join(dir, "faq.yaml");
    writeFileSync(
      faq,
      readFileSync(faq, "utf8").replace(
        "  cooldown: 2m\n",
        "  cooldown: 2m\n  pointers:\n    enabled: false\n",
      ),
    );
    const off = simulate([ask("Ann", "几点开门？", 0), ask("Ben", "几点开门？", 20)], dir);
    expect(off[1]).toEqual([]);
  });
});
