/**
 * Booking requests cannot be turned against the bot: through the real engine with the default pack
 * (booking chats), generated messages around booking words never throw, decide the same in two
 * fresh engines, and a megabyte of text that says 订位 costs what a short message does.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MessageEvent } from "../../src/core/chat-event.js";
import { Engine } from "../../src/engine/engine.js";
import { defaultCompiled } from "../helpers/rules.js";

const T0 = Date.parse("2026-12-03T12:00:00+08:00");
const PIECES = [
  "订位",
  "訂位",
  "预约",
  "book a table",
  "for",
  "at",
  "明天",
  "后天",
  "下周六",
  "周五",
  "12月5日",
  "12/5",
  "Dec 5",
  "19:00",
  "7pm",
  "晚上7点",
  "七点半",
  "4人",
  "两位",
  "2大1小",
  "table for 4",
  "张先生",
  "13812345678",
  "99月99日",
  "25:00",
  "0人",
  "十十人",
  "：",
  "?",
  " ",
  "半",
  "号",
  "点",
  "位",
  "人",
];

function event(text: string, i: number): MessageEvent {
  return {
    type: "message",
    chat: { platform: "telegram", id: "b1", title: "香满楼订座群" },
    sender: { id: `u${i % 5}`, displayName: `u${i % 5}`, isPlatformAdmin: false },
    at: T0 + i * 1000,
    messageId: String(i),
    text,
    kind: "text",
    mentions: [],
  };
}

describe("hostile booking requests", () => {
  it("never throw and decide deterministically", () => {
    // Compiled once (with the pinyin spellings of every keyword, a compile takes ~100 ms); each
    // run still decides with two fresh engines, whose memory starts empty.
    const compiled = defaultCompiled();
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(...PIECES),
            fc.string({ maxLength: 6 }),
            fc.string({ unit: "grapheme", maxLength: 4 }),
          ),
          {
            maxLength: 12,
          },
        ),
        (parts) => {
          const text = parts.join("");
          const a = new Engine(compiled).decide(event(text, 1));
          const b = new Engine(compiled).decide(event(text, 1));
          expect(a).toEqual(b);
          if (a.booking?.date !== undefined) expect(a.booking.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (a.booking?.party !== undefined) expect(a.booking.party).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads a booking from the start of a megabyte message as fast as from a short one", () => {
    const engine = new Engine(defaultCompiled());
    const huge = `订位 12月5日 19:00 4人 ${"订位 明天 ".repeat(100_000)}`;
    const started = performance.now();
    const d = engine.decide(event(huge, 1));
    const took = performance.now() - started;
    expect(d.booking).toMatchObject({ date: "2026-12-05", time: "19:00", party: 4 });
    expect(took).toBeLessThan(250);
  });
});
