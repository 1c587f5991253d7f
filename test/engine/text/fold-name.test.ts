import { describe, expect, it } from "vitest";
import { foldName, namesLookAlike } from "../../../src/engine/text/fold-name.js";

describe("namesLookAlike", () => {
  it.each([
    ["老板娘", "老闆娘"],
    ["老板娘", "老 板 娘"],
    ["老板娘", "老板娘 "],
    ["Lily", "ＬＩＬＹ"],
    ["Lily", "L\u0456ly"], // Cyrillic і
    ["Lily 店长", "lily店長"],
    ["Mrs Lee", "Mrs. Lee"],
  ])("%s reads like %s", (a, b) => {
    expect(namesLookAlike(a, b)).toBe(true);
  });

  it.each([
    ["老板娘", "老板"],
    ["Lily", "Lilly"],
    ["阿强", "阿强2"],
    // Names with nothing to fold look like nobody else's, unless written the same.
    ["🌸", "🌼"],
  ])("%s does not read like %s", (a, b) => {
    expect(namesLookAlike(a, b)).toBe(false);
  });

  it("folds an emoji-only name to nothing", () => {
    expect(foldName("🌸🌸")).toBe("");
    expect(namesLookAlike("🌸🌸", "🌸🌸")).toBe(true);
  });
});
