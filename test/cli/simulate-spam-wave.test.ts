/**
 * A spam wave across members through `qunguan simulate`: the same text (a number changed in each)
 * from new members is caught from the third sender on, while the same words from customers of
 * weeks' standing are left alone.
 */
import { describe, expect, it } from "vitest";
import { simulateLines } from "../helpers/cli.js";

const at = (minutes: number) =>
  new Date(Date.parse("2026-11-22T11:00:00+08:00") + minutes * 60_000).toISOString();
const joined = (chat: string, user: string, minutes: number) => ({
  chat,
  user,
  name: user,
  kind: "join",
  at: at(minutes),
});
const says = (chat: string, user: string, text: string, minutes: number) => ({
  chat,
  user,
  name: user,
  text,
  at: at(minutes),
});

describe("qunguan simulate: the same text from many new members", () => {
  it("catches the wave from its third sender, and leaves established customers alone", () => {
    const wave = (n: number) => `今晚八点直播间抽免单，名额${10 + n}个，先到先得哦`;
    const out = simulateLines([
      ...[0, 1, 2, 3].map((n) => joined("g1", `new${n}`, -60 + n)),
      ...[0, 1, 2, 3].map((n) => says("g1", `new${n}`, wave(n), n)),
      ...[0, 1, 2].map((n) => joined("g2", `old${n}`, -20 * 24 * 60)),
      ...[0, 1, 2].map((n) => says("g2", `old${n}`, "老板今天的酸菜鱼真的太好吃了，下次还来", n)),
    ]);
    const rules = out.map((o) =>
      (o.actions as { type: string; rule?: string }[]).map((a) => `${a.type}:${a.rule ?? ""}`),
    );
    expect(rules.slice(4, 8)).toEqual([
      [],
      [],
      ["delete:spam-wave", "warn:spam-wave"],
      ["delete:spam-wave", "warn:spam-wave"],
    ]);
    expect(rules.slice(11)).toEqual([[], [], []]);
  });
});
