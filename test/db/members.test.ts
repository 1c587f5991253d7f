import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getMember, listMembersFirstSeen, touchMember } from "../../src/db/members.js";
import { openTempDb, otherShop, shop, type TempDb } from "./temp-db.js";

describe("members", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = openTempDb();
  });
  afterEach(() => temp.dispose());

  it("creates a member on first sight", () => {
    const row = touchMember(temp.database.db, shop, "u1", "Alice", 1_000, { countMessage: true });
    expect(row).toEqual({
      platform: "telegram",
      chatId: "-100123",
      userId: "u1",
      displayName: "Alice",
      firstSeenAt: 1_000,
      lastSeenAt: 1_000,
      messageCount: 1,
    });
    expect(getMember(temp.database.db, shop, "u1")).toEqual(row);
  });

  it("keeps first sight, moves last sight, follows the name, counts only messages", () => {
    const { db } = temp.database;
    touchMember(db, shop, "u1", "Alice", 1_000, { countMessage: true });
    touchMember(db, shop, "u1", "Alice W", 2_000);
    touchMember(db, shop, "u1", "Alice W", 3_000, { countMessage: true });
    expect(getMember(db, shop, "u1")).toMatchObject({
      displayName: "Alice W",
      firstSeenAt: 1_000,
      lastSeenAt: 3_000,
      messageCount: 2,
    });
  });

  it("does not let a late (replayed) event move the sightings the wrong way", () => {
    const { db } = temp.database;
    touchMember(db, shop, "u1", "Alice", 5_000);
    touchMember(db, shop, "u1", "Alice", 4_000);
    expect(getMember(db, shop, "u1")).toMatchObject({ firstSeenAt: 4_000, lastSeenAt: 5_000 });
  });

  it("keeps chats apart, even with the same id on another platform", () => {
    const { db } = temp.database;
    touchMember(db, shop, "u1", "Alice", 1_000);
    expect(getMember(db, otherShop, "u1")).toBeUndefined();
    expect(getMember(db, shop, "u2")).toBeUndefined();
    touchMember(db, otherShop, "u1", "Alice (wx)", 2_000);
    expect(getMember(db, shop, "u1")?.displayName).toBe("Alice");
  });

  it("lists every member's first sighting", () => {
    const { db } = temp.database;
    touchMember(db, shop, "u1", "Alice", 1_000);
    touchMember(db, shop, "u1", "Alice", 9_000);
    touchMember(db, shop, "u2", "Bob", 2_000);
    touchMember(db, otherShop, "u1", "Alice", 3_000);
    const list = listMembersFirstSeen(db).sort((a, b) => a.firstSeenAt - b.firstSeenAt);
    expect(list).toEqual([
      { platform: "telegram", chatId: "-100123", userId: "u1", displayName: "Alice", firstSeenAt: 1_000 },
      { platform: "telegram", chatId: "-100123", userId: "u2", displayName: "Bob", firstSeenAt: 2_000 },
      { platform: "wechat", chatId: "-100123", userId: "u1", displayName: "Alice", firstSeenAt: 3_000 },
    ]);
  });
});
