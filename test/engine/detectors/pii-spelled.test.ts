/**
 * Phone numbers spelled out in English digit words, at the detector (what the pii rule sanctions)
 * and the redactor (what logs and the database mask); and the counts, times and lists of words
 * that are no number.
 */
import { describe, expect, it } from "vitest";
import { findPii, hasPii } from "../../../src/engine/detectors/pii.js";
import { redactText } from "../../../src/engine/detectors/redact.js";
import { normalize } from "../../../src/engine/text/normalize.js";

function phones(s: string): string[] {
  const t = normalize(s);
  return findPii(t, ["phone"]).map((h) => t.raw.slice(h.start, h.end));
}

describe("phone numbers in English digit words", () => {
  it.each([
    // A mainland mobile read out needs no phone word: eleven digits starting 1[3-9].
    [
      "call me one three eight one six two two seven seven nine one",
      "one three eight one six two two seven seven nine one",
    ],
    [
      "我的号 one three eight one six two two seven seven nine one 到了叫我",
      "one three eight one six two two seven seven nine one",
    ],
    [
      "One-Three-Nine one seven two five, six four eight two",
      "One-Three-Nine one seven two five, six four eight two",
    ],
    // Any 7–15 digits beside a phone word, "double" and "triple" read as two and three.
    [
      "text me: six four six five five five zero one nine nine",
      "six four six five five five zero one nine nine",
    ],
    [
      "call me on double seven nine one one, one two three four five six",
      "double seven nine one one, one two three four five six",
    ],
    ["電話 nine one two three four five six seven", "nine one two three four five six seven"],
    ["whatsapp 9 one 2 three 4 five 6 seven", "9 one 2 three 4 five 6 seven"],
  ])("finds %j", (text, number) => {
    expect(phones(text)).toEqual([number]);
    expect(hasPii(normalize(text), ["phone"])).toBe(true);
    expect(redactText(text)).toBe(text.replace(number, "[phone]"));
  });

  it.each([
    "one or two of us, seven thirty",
    "we need one, two, three, four chairs",
    "table for two at seven, three kids",
    "order one two three four five six seven eight",
    "one three eight",
    "I gave it five stars, two thumbs up, nine out of ten",
    "call me at seven, we are four",
  ])("spares %j", (text) => {
    expect(phones(text)).toEqual([]);
    expect(redactText(text)).toBe(text);
  });

  it("storage masks seven or more digit words without a phone word", () => {
    expect(redactText("nine one two three four five six seven ok")).toBe("[phone] ok");
    expect(phones("nine one two three four five six seven ok")).toEqual([]);
  });
});
