/**
 * When several rules match one message, every consequence that matters happens once, through
 * `qunguan simulate` with the default pack: the privacy rule's delete does not swallow the ad's
 * warning and ladder step, and the member sees one notice, not two.
 */
import { describe, expect, it } from "vitest";
import { simulateLines } from "../helpers/cli.js";

const at = (minutes: number) =>
  new Date(Date.parse("2026-11-22T15:00:00+08:00") + minutes * 60_000).toISOString();
const line = (user: string, text: string, minutes: number) => ({
  chat: "g1",
  user,
  name: user,
  text,
  at: at(minutes),
});

/** "type:rule" for each action, with the warning count: what a member of the group would see happen. */
function outcomes(lines: object[]): string[][] {
  return simulateLines(lines).map((l) =>
    l.actions.map((a) => `${a.type}${a.type === "warn" ? `#${a.count}` : ""}:${a.rule ?? a.faq ?? ""}`),
  );
}

describe("composition of matching rules", () => {
  it("an invoice ad with a phone number, posted three times: deleted each time and climbing the ladder", () => {
    const text = "代开发票 联系电话 13812345678";
    const got = outcomes([line("spam", text, 0), line("spam", text, 10), line("spam", text, 20)]);
    expect(got[0]).toEqual(["delete:privacy", "warn#1:ads"]);
    expect(got[1]).toEqual(["delete:privacy", "warn#2:ads"]);
    // The default ladder: warn, warn, then a 1-hour mute with the third warning.
    expect(got[2]).toEqual(["delete:privacy", "warn#3:ads", "mute:ads"]);
  });

  it("a customer who posts her own number gets the privacy note and no warning", () => {
    expect(outcomes([line("amy", "我电话13812345678，到了给我打", 0)])).toEqual([
      ["delete:privacy", "reply:privacy"],
    ]);
  });

  it("one notice: the privacy note gives way to the warning's, and the message is deleted once", () => {
    const [decision] = simulateLines([line("spam", "加我微信 wx_8888 电话13812345678", 0)]);
    const types = decision!.actions.map((a) => a.type);
    expect(types.filter((t) => t === "delete")).toHaveLength(1);
    expect(types.filter((t) => t === "reply")).toHaveLength(0);
    expect(types).toContain("warn");
  });
});
