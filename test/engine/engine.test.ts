import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Decision } from "../../src/core/decision.js";
import { compileRules } from "../../src/engine/compile.js";
import { Engine } from "../../src/engine/engine.js";
import { loadRulesOrThrow } from "../../src/rules/load.js";
import { join, message, T0 } from "../helpers/events.js";
import { defaultCompiled, MINIMAL_CATEGORIES, ruleDir } from "../helpers/rules.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function summary(d: Decision): string[] {
  return d.actions.map((a) => {
    const extra = a.type === "warn" ? `#${a.count}` : a.type === "mute" ? `${a.seconds}s` : "";
    return `${a.type}${extra}:${a.rule ?? a.faq ?? ""}`;
  });
}

describe("engine", () => {
  it("walks the ladder: warn, warn, mute 1h, mute 1d, kick, then starts over", () => {
    const engine = new Engine(defaultCompiled());
    const steps = [0, 2 * HOUR, 4 * HOUR, 2 * DAY, 5 * DAY, 6 * DAY].map((dt) =>
      summary(engine.decide(message("百家乐 真人荷官", { at: T0 + dt }))),
    );
    expect(steps).toEqual([
      ["delete:gambling", "warn#1:gambling"],
      ["delete:gambling", "warn#2:gambling"],
      ["delete:gambling", "warn#3:gambling", "mute3600s:gambling"],
      ["delete:gambling", "warn#4:gambling", "mute86400s:gambling"],
      ["delete:gambling", "warn#5:gambling", "kick:gambling"],
      ["delete:gambling", "warn#1:gambling"],
    ]);
  });

  it("lets warnings expire", () => {
    const dir = ruleDir({
      "r.yaml": `${MINIMAL_CATEGORIES}moderation:\n  - id: spam\n    match: { keywords: [spam] }\n    actions: [warn]\nescalation:\n  warning_expiry: 1d\n  ladder: [warn, warn, kick]\n`,
    });
    const engine = new Engine(compileRules(loadRulesOrThrow(dir)));
    expect(summary(engine.decide(message("spam", { at: T0 })))).toEqual(["warn#1:spam"]);
    expect(summary(engine.decide(message("spam", { at: T0 + HOUR })))).toEqual(["warn#2:spam"]);
    // The first two expired: the count starts again instead of kicking.
    expect(summary(engine.decide(message("spam", { at: T0 + 2 * DAY })))).toEqual(["warn#1:spam"]);
  });

  it("counts warnings per member and per group", () => {
    const engine = new Engine(defaultCompiled());
    engine.decide(message("百家乐", { user: "a", chat: "g1" }));
    expect(summary(engine.decide(message("百家乐", { user: "a", chat: "g2", at: T0 + MIN })))[1]).toBe(
      "warn#1:gambling",
    );
    expect(summary(engine.decide(message("百家乐", { user: "b", chat: "g1", at: T0 + MIN })))[1]).toBe(
      "warn#1:gambling",
    );
  });

  it("exempts admins unless a rule says otherwise", () => {
    const engine = new Engine(defaultCompiled());
    expect(engine.decide(message("加我微信 boss888 确认", { admin: true })).actions).toEqual([]);
    const dir = ruleDir({
      "r.yaml": `${MINIMAL_CATEGORIES}moderation:\n  - id: spam\n    exempt: { admins: false }\n    match: { keywords: [spam] }\n    actions: [delete]\n`,
    });
    const strict = new Engine(compileRules(loadRulesOrThrow(dir)));
    expect(summary(strict.decide(message("spam", { admin: true })))).toEqual(["delete:spam"]);
  });

  it("composes rules: the privacy delete does not swallow the poaching warning; one delete, one notice", () => {
    const engine = new Engine(defaultCompiled());
    // Both a phone number (privacy, 100: delete only) and poaching (90: delete, warn): deleted once
    // for privacy, warned for poaching, and the privacy note gives way to the warning's notice.
    const d = engine.decide(message("加我微信 13812345678"));
    expect(summary(d)).toEqual(["delete:privacy", "warn#1:poaching"]);
    // A customer's own number alone is a mistake, not spam: deleted with the friendly note, no warning.
    expect(summary(engine.decide(message("我的电话 13812345678", { user: "u2" })))).toEqual([
      "delete:privacy",
      "reply:privacy",
    ]);
  });

  it("answers an FAQ question once per cooldown (others asking get a pointer to it), and not a mere mention", () => {
    const engine = new Engine(defaultCompiled());
    expect(summary(engine.decide(message("请问几点开门？", { at: T0 })))).toEqual(["reply:hours"]);
    expect(engine.decide(message("你们几点开门啊", { at: T0 + MIN, user: "u2" })).actions).toEqual([
      { type: "reply", faq: "hours", user: "u2", pointer: true, text: expect.stringContaining("刚刚回答过") },
    ]);
    expect(summary(engine.decide(message("今天几点开门", { at: T0 + 3 * MIN, user: "u3" })))).toEqual([
      "reply:hours",
    ]);
    expect(summary(engine.decide(message("我已经订好位了", { at: T0 + 4 * MIN })))).toEqual([]);
    expect(summary(engine.decide(message("請問怎麼訂位", { at: T0 + 5 * MIN })))).toEqual(["reply:booking"]);
    expect(summary(engine.decide(message("Do you have parking?", { at: T0 + 6 * MIN })))).toEqual([
      "reply:parking",
    ]);
  });

  it("does not answer FAQs in a category that turns them off", () => {
    const engine = new Engine(defaultCompiled());
    expect(engine.decide(message("请问几点开门？", { title: "香满楼投诉群" })).actions).toEqual([]);
    expect(engine.decide(message("请问几点开门？", { category: "complaints", chat: "g9" })).category).toBe(
      "complaints",
    );
  });

  it("binds chats to categories by title, and falls back to the default", () => {
    const engine = new Engine(defaultCompiled());
    expect(engine.decide(message("hi", { title: "香满楼订座群2" })).category).toBe("booking");
    expect(engine.decide(message("hi", { chat: "g7", title: "排队群" })).category).toBe("waitlist");
    expect(engine.decide(message("hi", { chat: "g8", title: "随便聊聊" })).category).toBe("promo");
    expect(engine.decide(message("hi", { chat: "-1001234567890" })).category).toBe("complaints");
  });

  it("welcomes a new member with the category intro and rules", () => {
    const engine = new Engine(defaultCompiled());
    const d = engine.decide(join({ user: "newbie" }));
    expect(d.actions).toHaveLength(1);
    expect(d.actions[0]).toMatchObject({ type: "reply", user: "newbie" });
    expect(d.actions[0]!.type === "reply" && d.actions[0]!.text).toContain("群规");
  });

  it("mutes a flooder: 8 messages in 10 seconds", () => {
    const engine = new Engine(defaultCompiled());
    const out = Array.from({ length: 8 }, (_, i) =>
      summary(engine.decide(message(`第${i}条 好吃`, { at: T0 + i * 1000 }))),
    );
    expect(out.slice(0, 7).every((s) => s.length === 0)).toBe(true);
    expect(out[7]).toEqual(["delete:flood", "mute600s:flood"]);
  });

  it("catches the same text repeated three times", () => {
    const engine = new Engine(defaultCompiled());
    const out = [0, 1, 2].map((i) => summary(engine.decide(message("快来 快来 好吃", { at: T0 + i * MIN }))));
    expect(out).toEqual([[], [], ["delete:repeat", "warn#1:repeat"]]);
  });

  it("treats contact cards from new members as spam, not from old ones", () => {
    const engine = new Engine(defaultCompiled());
    engine.decide(message("hi", { user: "old", at: T0 - 3 * DAY }));
    expect(summary(engine.decide(message("", { user: "old", kind: "contact_card" }))).length).toBe(0);
    expect(summary(engine.decide(message("", { user: "new", kind: "contact_card" })))).toEqual([
      "delete:new-member-cards",
      "warn#1:new-member-cards",
    ]);
  });

  it("runs dry-run rules in the shadow only, inside their quiet hours", () => {
    const engine = new Engine(defaultCompiled());
    const night = Date.parse("2026-11-23T23:30:00+08:00");
    const d = engine.decide(message("", { kind: "red_envelope", at: night }));
    expect(d.actions).toEqual([]);
    expect(d.shadow.map((a) => `${a.type}:${a.rule}`)).toEqual(["delete:night-red-envelopes"]);
    const day = Date.parse("2026-11-23T13:30:00+08:00");
    expect(engine.decide(message("", { kind: "red_envelope", at: day, user: "u5" })).shadow).toEqual([]);
  });

  it("enforces a soft mute: talking while muted climbs the ladder", () => {
    const engine = new Engine(defaultCompiled());
    const at = [0, MIN, 2 * MIN].map((dt) => T0 + dt);
    engine.decide(message("百家乐", { platform: "wechat", at: at[0] }));
    engine.decide(message("百家乐", { platform: "wechat", at: at[1] }));
    expect(summary(engine.decide(message("百家乐", { platform: "wechat", at: at[2] })))).toContain(
      "mute3600s:gambling",
    );
    expect(summary(engine.decide(message("我错了", { platform: "wechat", at: T0 + 10 * MIN })))).toEqual([
      "delete:muted",
      "warn#4:muted",
      "mute86400s:muted",
    ]);
  });

  it("never throws and decides deterministically on arbitrary text", () => {
    const compiled = defaultCompiled();
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "binary", maxLength: 300 }), { minLength: 1, maxLength: 20 }),
        (texts) => {
          const run = () => {
            const engine = new Engine(compiled);
            return texts.map((t, i) =>
              JSON.stringify(engine.decide(message(t, { at: T0 + i * 1000, id: String(i) }))),
            );
          };
          expect(run()).toEqual(run());
        },
      ),
      { numRuns: 300 },
    );
  });
});
