import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  activeWarnings,
  addWarning,
  listActiveWarnings,
  resetWarnings,
  revokeLatestWarning,
} from "../../src/db/warnings.js";
import { openTempDb, otherShop, shop, type TempDb } from "./temp-db.js";

describe("warnings", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = openTempDb();
  });
  afterEach(() => temp.dispose());

  it("adds warnings with increasing ids and stores every field", () => {
    const { db } = temp.database;
    const a = addWarning(db, { chat: shop, userId: "u1", rule: "no-links", reason: "link", at: 1_000 });
    const b = addWarning(db, { chat: shop, userId: "u1", rule: "/warn", at: 2_000, expiresAt: 10_000 });
    expect(b).toBeGreaterThan(a);
    expect(activeWarnings(db, shop, "u1", 3_000)).toEqual([
      {
        id: a,
        platform: "telegram",
        chatId: "-100123",
        userId: "u1",
        rule: "no-links",
        reason: "link",
        createdAt: 1_000,
        expiresAt: null,
        revokedAt: null,
        revokedBy: null,
      },
      {
        id: b,
        platform: "telegram",
        chatId: "-100123",
        userId: "u1",
        rule: "/warn",
        reason: null,
        createdAt: 2_000,
        expiresAt: 10_000,
        revokedAt: null,
        revokedBy: null,
      },
    ]);
  });

  it("returns active warnings oldest first, whatever the insertion order", () => {
    const { db } = temp.database;
    addWarning(db, { chat: shop, userId: "u1", rule: "late", at: 3_000 });
    addWarning(db, { chat: shop, userId: "u1", rule: "early", at: 1_000 });
    addWarning(db, { chat: shop, userId: "u1", rule: "middle", at: 2_000 });
    expect(activeWarnings(db, shop, "u1", 5_000).map((w) => w.rule)).toEqual(["early", "middle", "late"]);
  });

  it("drops warnings once they expire (expiry instant is already expired)", () => {
    const { db } = temp.database;
    addWarning(db, { chat: shop, userId: "u1", rule: "r", at: 1_000, expiresAt: 5_000 });
    addWarning(db, { chat: shop, userId: "u1", rule: "forever", at: 1_000 });
    expect(activeWarnings(db, shop, "u1", 4_999)).toHaveLength(2);
    expect(activeWarnings(db, shop, "u1", 5_000).map((w) => w.rule)).toEqual(["forever"]);
    expect(activeWarnings(db, shop, "u1", 1e12).map((w) => w.rule)).toEqual(["forever"]);
  });

  it("keeps members and chats apart", () => {
    const { db } = temp.database;
    addWarning(db, { chat: shop, userId: "u1", rule: "r", at: 1_000 });
    addWarning(db, { chat: shop, userId: "u2", rule: "r", at: 1_000 });
    addWarning(db, { chat: otherShop, userId: "u1", rule: "r", at: 1_000 });
    expect(activeWarnings(db, shop, "u1", 2_000)).toHaveLength(1);
    expect(activeWarnings(db, otherShop, "u2", 2_000)).toHaveLength(0);
  });

  it("revokes the newest active warning, recording when and by whom", () => {
    const { db } = temp.database;
    const first = addWarning(db, { chat: shop, userId: "u1", rule: "a", at: 1_000 });
    const second = addWarning(db, { chat: shop, userId: "u1", rule: "b", at: 2_000 });
    const revoked = revokeLatestWarning(db, shop, "u1", 3_000, "admin1");
    expect(revoked).toMatchObject({ id: second, rule: "b", revokedAt: 3_000, revokedBy: "admin1" });
    expect(activeWarnings(db, shop, "u1", 3_000).map((w) => w.id)).toEqual([first]);
    expect(revokeLatestWarning(db, shop, "u1", 4_000, "admin1")?.id).toBe(first);
    expect(revokeLatestWarning(db, shop, "u1", 5_000, "admin1")).toBeUndefined();
  });

  it("does not revoke an expired warning, nor touch another member's", () => {
    const { db } = temp.database;
    const live = addWarning(db, { chat: shop, userId: "u1", rule: "live", at: 1_000 });
    addWarning(db, { chat: shop, userId: "u1", rule: "stale", at: 2_000, expiresAt: 2_500 });
    addWarning(db, { chat: shop, userId: "u2", rule: "other", at: 2_800 });
    expect(revokeLatestWarning(db, shop, "u1", 3_000, "admin")?.id).toBe(live);
    expect(activeWarnings(db, shop, "u2", 3_000)).toHaveLength(1);
  });

  it("resets all active warnings of one member and counts them", () => {
    const { db } = temp.database;
    addWarning(db, { chat: shop, userId: "u1", rule: "a", at: 1_000 });
    addWarning(db, { chat: shop, userId: "u1", rule: "b", at: 2_000 });
    addWarning(db, { chat: shop, userId: "u1", rule: "expired", at: 2_000, expiresAt: 2_100 });
    const revokedEarlier = addWarning(db, { chat: shop, userId: "u1", rule: "c", at: 2_200 });
    revokeLatestWarning(db, shop, "u1", 2_300, "mod");
    addWarning(db, { chat: shop, userId: "u2", rule: "a", at: 1_000 });
    expect(resetWarnings(db, shop, "u1", 3_000, "owner")).toBe(2);
    expect(activeWarnings(db, shop, "u1", 3_000)).toEqual([]);
    expect(activeWarnings(db, shop, "u2", 3_000)).toHaveLength(1);
    // The earlier revocation keeps its own author.
    const row = temp.database.sqlite
      .prepare("SELECT revoked_by FROM warnings WHERE id = ?")
      .pluck()
      .get(revokedEarlier);
    expect(row).toBe("mod");
    expect(resetWarnings(db, shop, "u1", 4_000, "owner")).toBe(0);
  });

  it("lists every active warning across chats", () => {
    const { db } = temp.database;
    addWarning(db, { chat: shop, userId: "u1", rule: "a", at: 1_000 });
    addWarning(db, { chat: otherShop, userId: "u9", rule: "b", at: 2_000 });
    addWarning(db, { chat: shop, userId: "u2", rule: "expired", at: 500, expiresAt: 900 });
    addWarning(db, { chat: shop, userId: "u3", rule: "revoked", at: 2_500 });
    revokeLatestWarning(db, shop, "u3", 2_600, "admin");
    const active = listActiveWarnings(db, 3_000);
    expect(active.map((w) => [w.platform, w.userId, w.rule])).toEqual([
      ["telegram", "u1", "a"],
      ["wechat", "u9", "b"],
    ]);
  });
});
