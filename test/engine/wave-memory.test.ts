import { describe, expect, it } from "vitest";
import { WaveMemory } from "../../src/engine/wave-memory.js";

describe("WaveMemory", () => {
  it("counts different members within the window, each once", () => {
    const waves = new WaveMemory();
    waves.note("c", 7, "a", 0, 60_000);
    waves.note("c", 7, "a", 1_000, 60_000);
    waves.note("c", 7, "b", 2_000, 60_000);
    expect(waves.membersSince("c", 7, 0)).toBe(2);
    // Another chat, another text: apart.
    expect(waves.membersSince("d", 7, 0)).toBe(0);
    expect(waves.membersSince("c", 8, 0)).toBe(0);
    // Past the window, the old senders are gone once the text is met again.
    waves.note("c", 7, "c", 120_000, 60_000);
    expect(waves.membersSince("c", 7, 60_000)).toBe(1);
  });

  it("stays within its bound whatever the chats send", () => {
    const waves = new WaveMemory(1000);
    for (let i = 0; i < 50_000; i++) waves.note(`chat${i % 97}`, i, `u${i}`, i, 600_000);
    expect(waves.size).toBeLessThanOrEqual(1000);
    for (let i = 0; i < 1000; i++) waves.note("c", 1, `member${i}`, i, 600_000);
    expect(waves.membersSince("c", 1, 0)).toBeLessThanOrEqual(32);
  });
});
