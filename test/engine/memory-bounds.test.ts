/**
 * The engine's memory stays bounded however many members pass through it
 * (issue 8): a million distinct members against the default caps, with
 * synthetic time, and flood, repeat, mutes and FAQ cooldowns still working for
 * the members who are active while strangers churn through.
 */
import { describe, expect, it } from "vitest";
import type { Decision } from "../../src/core/decision.js";
import { Engine } from "../../src/engine/engine.js";
import { DEFAULT_MEMORY_LIMITS, EngineMemory, textHash } from "../../src/engine/memory.js";
import { message, T0 } from "../helpers/events.js";
import { defaultCompiled } from "../helpers/rules.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function rules(d: Decision): string[] {
  return d.actions.map((a) => `${a.type}:${a.rule ?? a.faq ?? ""}`);
}

describe("engine memory bounds", () => {
  it("keeps at most maxMembers of 1,000,000 distinct members, and drops quiet members' history", () => {
    const memory = new EngineMemory();
    memory.setWindows({ activityTtlMs: 20 * SECOND });
    const cap = DEFAULT_MEMORY_LIMITS.maxMembers;
    const regulars = Array.from({ length: 100 }, (_, i) => `regular-${i}`);
    let at = T0;
    let largest = 0;
    for (let i = 0; i < 1_000_000; i++) {
      at += 1; // a message a millisecond: 1,000 a second across the bot
      const chat = `telegram:g${i % 1000}`;
      const user = `u${i}`;
      memory.markSeen(chat, user, at);
      memory.noteMember(chat, user, user, false);
      memory.recordMessage(chat, user, at, i);
      // The regulars talk all along, every 7th message one of them.
      if (i % 7 === 0) {
        const r = regulars[(i / 7) % regulars.length]!;
        memory.markSeen("telegram:g0", r, at);
        memory.recordMessage("telegram:g0", r, at, 1);
      }
      if (i % 100_000 === 99_999) largest = Math.max(largest, memory.sizes().members);
    }
    console.log(`members held at most ${largest} (cap ${cap}) over 1,000,000 distinct members`);
    expect(largest).toBeLessThanOrEqual(cap);
    expect(memory.sizes().members).toBeLessThanOrEqual(cap);
    // The regulars were never forgotten: they were used on every turn of the hand.
    regulars.forEach((r, j) => expect(memory.firstSeen("telegram:g0", r)).toBe(T0 + 7 * j + 1));

    // Then only the regulars talk, long enough for the hand to pass every member twice.
    for (let i = 0; i < cap; i++) {
      at += 100;
      memory.recordMessage("telegram:g0", regulars[i % regulars.length]!, at, 2);
    }
    const sizes = memory.sizes();
    console.log(`after the strangers went quiet: ${JSON.stringify(sizes)}`);
    expect(sizes.activeMembers).toBe(regulars.length);
    expect(sizes.members).toBeLessThanOrEqual(cap);
  });

  it("expires FAQ cooldowns past the longest cooldown and caps them", () => {
    const memory = new EngineMemory({ maxFaqCooldowns: 10_000 });
    memory.setWindows({ faqCooldownTtlMs: 2 * MINUTE });
    let at = T0;
    for (let i = 0; i < 200_000; i++) {
      at += 10;
      memory.setFaqAnswer(`telegram:g${i}`, "hours", at);
      memory.recordMessage(`telegram:g${i}`, "u", at, 0);
      if (i % 1000 === 0) memory.setFaqAnswer("telegram:busy", "hours", at);
    }
    const sizes = memory.sizes();
    expect(sizes.faqCooldowns).toBeLessThanOrEqual(10_000);
    // The busy chat's last answer is still there: its cooldown keeps holding.
    expect(memory.lastFaqAnswer("telegram:busy", "hours")).toBe(T0 + 10 * 199_001);
  });

  it("detects flood and repeat for active members while thousands of strangers churn through a small cap", () => {
    const engine = new Engine(defaultCompiled(), new EngineMemory({ maxMembers: 1000 }));
    let stranger = 0;
    const churn = (at: number, n: number) => {
      for (let k = 0; k < n; k++) {
        const d = engine.decide(message("今天的鱼不错", { user: `s${stranger++}`, chat: "g1", at }));
        expect(rules(d)).toEqual([]);
      }
    };
    // Flood: 8 messages within 10 s (rule "flood"), 600 strangers between each two.
    let verdicts: string[][] = [];
    for (let k = 0; k < 8; k++) {
      const at = T0 + k * SECOND;
      churn(at, 600);
      verdicts.push(rules(engine.decide(message(`消息${k}号`, { user: "flooder", chat: "g1", at }))));
    }
    expect(verdicts.slice(0, 7).every((v) => v.length === 0)).toBe(true);
    expect(verdicts[7]).toContain("delete:flood");
    expect(verdicts[7]).toContain("mute:flood");

    // Repeat: the same text three times within 5 minutes (rule "repeat"), 900 strangers between.
    verdicts = [];
    for (let k = 0; k < 3; k++) {
      const at = T0 + MINUTE + k * MINUTE;
      churn(at, 900);
      verdicts.push(rules(engine.decide(message("大家周末愉快呀", { user: "repeater", chat: "g1", at }))));
    }
    expect(verdicts[0]).toEqual([]);
    expect(verdicts[1]).toEqual([]);
    expect(verdicts[2]).toContain("delete:repeat");
    console.log(`strangers churned: ${stranger}; ${JSON.stringify(engine.memory.sizes())}`);
    expect(engine.memory.sizes().members).toBeLessThanOrEqual(1000);
  });

  it("keeps a running mute and active warnings through churn far past the cap", () => {
    const memory = new EngineMemory({ maxMembers: 500 });
    memory.setMute("telegram:g1", "muted", T0 + 60 * MINUTE);
    memory.addWarning("telegram:g1", "warned", T0, T0 + 24 * 60 * MINUTE);
    for (let i = 0; i < 5_000; i++) memory.recordMessage("telegram:g1", `s${i}`, T0 + i, textHash(`x${i}`));
    expect(memory.sizes().members).toBeLessThanOrEqual(500);
    expect(memory.isMuted("telegram:g1", "muted", T0 + 10 * MINUTE)).toBe(true);
    expect(memory.activeWarnings("telegram:g1", "warned", T0 + 10 * MINUTE)).toBe(1);
  });

  it("forgets history older than the activity TTL, so a member's old messages no longer count", () => {
    const memory = new EngineMemory();
    memory.setWindows({ activityTtlMs: 20 * SECOND });
    for (let k = 0; k < 5; k++) memory.recordMessage("telegram:g1", "u1", T0 + k, 7);
    expect(memory.countSameTextSince("telegram:g1", "u1", 7, T0)).toBe(5);
    // Past the TTL, the next message starts a fresh history.
    memory.recordMessage("telegram:g1", "u1", T0 + 30 * SECOND, 7);
    expect(memory.countSince("telegram:g1", "u1", 0)).toBe(1);
    // The ring keeps the newest RECENT_MESSAGES_KEPT, in order.
    for (let k = 0; k < 100; k++) memory.recordMessage("telegram:g1", "u1", T0 + 31 * SECOND + k, k);
    expect(memory.countSince("telegram:g1", "u1", T0 + 31 * SECOND + 90)).toBe(10);
    expect(memory.countSameTextSince("telegram:g1", "u1", 99, 0)).toBe(1);
    expect(memory.countSameTextSince("telegram:g1", "u1", 20, 0)).toBe(0);
  });
});
