import { describe, expect, it } from "vitest";
import { EngineMemory } from "../../src/engine/memory.js";

describe("EngineMemory: names that read like staff's", () => {
  it("finds the admin a member's name reads like, never the member themselves", () => {
    const memory = new EngineMemory();
    memory.noteMember("c", "boss", "老板娘", true);
    memory.noteMember("c", "fake", "老闆娘", false);
    memory.noteMember("c", "amei", "小美", false);
    expect(memory.staffLookingLike("c", "fake")).toBe("boss");
    expect(memory.staffLookingLike("c", "amei")).toBeUndefined();
    expect(memory.staffLookingLike("c", "boss")).toBeUndefined();
    // Another chat's staff is no staff here.
    memory.noteMember("d", "fake", "老板娘", false);
    expect(memory.staffLookingLike("d", "fake")).toBeUndefined();
  });

  it("follows renames and demotions", () => {
    const memory = new EngineMemory();
    memory.noteMember("c", "boss", "老板娘", true);
    memory.noteMember("c", "fake", "阿强", false);
    expect(memory.staffLookingLike("c", "fake")).toBeUndefined();
    memory.noteMember("c", "fake", "老板娘", false);
    expect(memory.staffLookingLike("c", "fake")).toBe("boss");
    memory.noteMember("c", "boss", "老板娘", false);
    expect(memory.staffLookingLike("c", "fake")).toBeUndefined();
  });

  it("reads emoji-only names alike only when they are the same", () => {
    const memory = new EngineMemory();
    memory.noteMember("c", "boss", "🌸", true);
    memory.noteMember("c", "a", "🌼", false);
    memory.noteMember("c", "b", "🌸", false);
    expect(memory.staffLookingLike("c", "a")).toBeUndefined();
    expect(memory.staffLookingLike("c", "b")).toBe("boss");
  });

  it("flags a member once per name taken", () => {
    const memory = new EngineMemory();
    memory.noteMember("c", "fake", "老板娘", false);
    expect(memory.flagOnce("c", "fake")).toBe(true);
    expect(memory.flagOnce("c", "fake")).toBe(false);
    memory.noteMember("c", "fake", "老 板 娘", false);
    expect(memory.flagOnce("c", "fake")).toBe(false);
    memory.noteMember("c", "fake", "Lily", false);
    expect(memory.flagOnce("c", "fake")).toBe(true);
  });
});
