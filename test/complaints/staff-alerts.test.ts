/** Where a staff tier is reached, and how deadlines read to customers. */
import { describe, expect, it } from "vitest";
import { spokenDuration } from "../../src/complaints/spoken-duration.js";
import { tierTargets } from "../../src/complaints/staff-alerts.js";

describe("staff tiers", () => {
  it("reach staff groups as they are and people in their private chat (WeChat names it dm:<contact>)", () => {
    expect(
      tierTargets({
        chats: [{ platform: "wechat", id: "123@chatroom" }],
        people: [
          { platform: "wechat", id: "wxid_boss" },
          { platform: "telegram", id: "100200300" },
        ],
      }),
    ).toEqual([
      { platform: "wechat", id: "123@chatroom" },
      { platform: "wechat", id: "dm:wxid_boss" },
      { platform: "telegram", id: "100200300" },
    ]);
    expect(tierTargets(undefined)).toEqual([]);
  });
});

describe("spokenDuration", () => {
  it("says the largest whole unit", () => {
    expect(spokenDuration(15 * 60_000, "zh-CN")).toBe("15 分钟");
    expect(spokenDuration(2 * 86_400_000, "zh-CN")).toBe("2 天");
    expect(spokenDuration(90 * 60_000, "en")).toBe("90 minutes");
    expect(spokenDuration(3_600_000, "en")).toBe("1 hour");
    expect(spokenDuration(2_000, "en")).toBe("2 seconds");
  });
});
