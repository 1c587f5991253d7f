/**
 * Raid mode through `qunguan simulate`: the fifth join within a minute switches the group into
 * raid mode (one summary, no more welcomes); new members' ads are then deleted and banned at once
 * with no notice; a customer who has been in the group for days still climbs the ladder; a group
 * without a `raid:` section behaves as before.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempRules } from "../helpers/bot.js";
import { simulateLines } from "../helpers/cli.js";

const at = (seconds: number) =>
  new Date(Date.parse("2026-11-22T11:00:00+08:00") + seconds * 1000).toISOString();

describe("qunguan simulate: raid mode", () => {
  const lines = [
    // A regular customer, in the group since two days.
    { chat: "g1", user: "regular", name: "老顾客", kind: "join", at: at(-2 * 86_400) },
    ...Array.from({ length: 8 }, (_, i) => ({
      chat: "g1",
      user: `r${i}`,
      name: `R${i}`,
      kind: "join",
      at: at(i),
    })),
    ...Array.from({ length: 4 }, (_, i) => ({
      chat: "g1",
      user: `r${i}`,
      name: `R${i}`,
      text: `加我微信 abc${1000 + i} 领红包`,
      at: at(20 + i),
    })),
    { chat: "g1", user: "regular", name: "老顾客", text: "加我微信 abc9999 领红包", at: at(30) },
  ];

  it("welcomes until the burst, then one summary, bans new members' ads quietly, and warns the regular", () => {
    const out = simulateLines(lines, "rules");
    const types = out.map((o) =>
      (o.actions as { type: string; rule?: string }[]).map((a) => `${a.type}:${a.rule ?? ""}`),
    );
    // Joins 1–4 of the burst are welcomed; the fifth starts raid mode.
    expect(types.slice(1, 5).every((t) => t.length === 1 && t[0] === "reply:")).toBe(true);
    expect(types[5]).toEqual(["reply:raid", "notify:raid"]);
    expect(types.slice(6, 9)).toEqual([[], [], []]);
    for (let i = 9; i < 13; i++) {
      expect(types[i]).toEqual(["delete:poaching", "ban:poaching"]);
      expect(out[i]!.quiet).toBe(true);
    }
    // Two days in the group: the ladder, not a ban (and, in raid mode, no notice).
    expect(types[13]).toEqual(["delete:poaching", "warn:poaching"]);
  });

  it("leaves a pack without a raid section as it was", () => {
    const rules = tempRules();
    rmSync(join(rules, "raid.yaml"));
    const out = simulateLines(lines, rules);
    expect(out.slice(1, 9).every((o) => (o.actions as { type: string }[])[0]?.type === "reply")).toBe(true);
    expect((out[9]!.actions as { type: string }[]).map((a) => a.type)).toEqual(["delete", "warn"]);
    expect(out.some((o) => o.quiet)).toBe(false);
  });

  it("does not take one new member's three ads for a raid: the ladder handles them", () => {
    const out = simulateLines(
      [
        { chat: "g1", user: "s", name: "S", kind: "join", at: at(0) },
        ...[1, 2, 3].map((n) => ({
          chat: "g1",
          user: "s",
          name: "S",
          text: `加我微信 abc${n}000 领红包`,
          at: at(n),
        })),
      ],
      "rules",
    );
    expect(out.slice(1).map((o) => (o.actions as { type: string }[]).map((a) => a.type))).toEqual([
      ["delete", "warn"],
      ["delete", "warn"],
      ["delete", "warn", "mute"],
    ]);
    expect(out.some((o) => o.quiet)).toBe(false);
  });

  it("protects a new customer's phone number during a raid: removed for privacy, not banned", () => {
    const out = simulateLines(
      [
        ...Array.from({ length: 5 }, (_, i) => ({
          chat: "g1",
          user: `r${i}`,
          name: `R${i}`,
          kind: "join",
          at: at(i),
        })),
        { chat: "g1", user: "guest", name: "Guest", kind: "join", at: at(6) },
        { chat: "g1", user: "guest", name: "Guest", text: "订位找我 13812345678", at: at(10) },
      ],
      "rules",
    );
    const last = (out.at(-1)!.actions as { type: string; rule?: string }[]).map(
      (a) => `${a.type}:${a.rule ?? ""}`,
    );
    expect(last).toContain("delete:privacy");
    expect(last.some((a) => a.startsWith("ban:") || a.startsWith("kick:"))).toBe(false);
  });
});
