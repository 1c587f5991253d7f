import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  activeSanction,
  activeSanctions,
  addSanction,
  liftSanction,
  liftSanctionsFor,
  overdueSanctions,
} from "../../src/db/sanctions.js";
import { openTempDb, otherShop, shop, type TempDb } from "./temp-db.js";

describe("sanctions", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = openTempDb();
  });
  afterEach(() => temp.dispose());

  it("stores a sanction with every field, soft flag as a boolean", () => {
    const { db } = temp.database;
    const id = addSanction(db, {
      chat: shop,
      userId: "u1",
      type: "mute",
      rule: "flood",
      at: 1_000,
      endsAt: 61_000,
      soft: true,
    });
    expect(activeSanctions(db, 2_000)).toEqual([
      {
        id,
        platform: "telegram",
        chatId: "-100123",
        userId: "u1",
        type: "mute",
        rule: "flood",
        createdAt: 1_000,
        endsAt: 61_000,
        liftedAt: null,
        soft: true,
      },
    ]);
    const permanent = addSanction(db, {
      chat: shop,
      userId: "u2",
      type: "ban",
      rule: "/ban",
      at: 1_500,
      soft: false,
    });
    expect(activeSanction(db, shop, "u2", "ban", 1e12)).toMatchObject({
      id: permanent,
      endsAt: null,
      soft: false,
    });
  });

  it("counts a sanction active until its end, then overdue", () => {
    const { db } = temp.database;
    const id = addSanction(db, {
      chat: shop,
      userId: "u1",
      type: "mute",
      rule: "r",
      at: 0,
      endsAt: 10_000,
      soft: false,
    });
    expect(activeSanction(db, shop, "u1", "mute", 9_999)?.id).toBe(id);
    expect(overdueSanctions(db, 9_999)).toEqual([]);
    expect(activeSanction(db, shop, "u1", "mute", 10_000)).toBeUndefined();
    expect(overdueSanctions(db, 10_000).map((s) => s.id)).toEqual([id]);
  });

  it("finds only the asked type, member and chat", () => {
    const { db } = temp.database;
    addSanction(db, {
      chat: shop,
      userId: "u1",
      type: "mute",
      rule: "r",
      at: 0,
      endsAt: 10_000,
      soft: false,
    });
    expect(activeSanction(db, shop, "u1", "ban", 1_000)).toBeUndefined();
    expect(activeSanction(db, shop, "u2", "mute", 1_000)).toBeUndefined();
    expect(activeSanction(db, otherShop, "u1", "mute", 1_000)).toBeUndefined();
  });

  it("returns the newest when several are active", () => {
    const { db } = temp.database;
    addSanction(db, {
      chat: shop,
      userId: "u1",
      type: "mute",
      rule: "a",
      at: 0,
      endsAt: 50_000,
      soft: false,
    });
    const newer = addSanction(db, {
      chat: shop,
      userId: "u1",
      type: "mute",
      rule: "b",
      at: 1_000,
      soft: false,
    });
    expect(activeSanction(db, shop, "u1", "mute", 2_000)?.id).toBe(newer);
  });

  it("lists overdue sanctions soonest first, never permanent or lifted ones", () => {
    const { db } = temp.database;
    const later = addSanction(db, {
      chat: shop,
      userId: "u1",
      type: "mute",
      rule: "r",
      at: 0,
      endsAt: 8_000,
      soft: true,
    });
    const sooner = addSanction(db, {
      chat: otherShop,
      userId: "u2",
      type: "ban",
      rule: "r",
      at: 0,
      endsAt: 5_000,
      soft: false,
    });
    const lifted = addSanction(db, {
      chat: shop,
      userId: "u3",
      type: "mute",
      rule: "r",
      at: 0,
      endsAt: 4_000,
      soft: false,
    });
    liftSanction(db, lifted, 4_000);
    addSanction(db, { chat: shop, userId: "u4", type: "ban", rule: "r", at: 0, soft: false });
    addSanction(db, {
      chat: shop,
      userId: "u5",
      type: "mute",
      rule: "r",
      at: 0,
      endsAt: 20_000,
      soft: false,
    });
    expect(overdueSanctions(db, 10_000).map((s) => s.id)).toEqual([sooner, later]);
    expect(activeSanctions(db, 10_000).map((s) => s.userId)).toEqual(["u4", "u5"]);
  });

  it("lifts a sanction once: the second lift is a no-op that returns false", () => {
    const { db } = temp.database;
    const id = addSanction(db, {
      chat: shop,
      userId: "u1",
      type: "mute",
      rule: "r",
      at: 0,
      endsAt: 10_000,
      soft: false,
    });
    expect(liftSanction(db, id, 3_000)).toBe(true);
    expect(liftSanction(db, id, 4_000)).toBe(false);
    expect(liftSanction(db, 999_999, 4_000)).toBe(false);
    const liftedAt = temp.database.sqlite
      .prepare("SELECT lifted_at FROM sanctions WHERE id = ?")
      .pluck()
      .get(id);
    expect(liftedAt).toBe(3_000);
    expect(activeSanction(db, shop, "u1", "mute", 3_500)).toBeUndefined();
  });

  it("lifts every unlifted sanction of one type on one member", () => {
    const { db } = temp.database;
    addSanction(db, {
      chat: shop,
      userId: "u1",
      type: "mute",
      rule: "a",
      at: 0,
      endsAt: 50_000,
      soft: false,
    });
    addSanction(db, { chat: shop, userId: "u1", type: "mute", rule: "b", at: 0, endsAt: 1_000, soft: true }); // overdue
    const alreadyLifted = addSanction(db, {
      chat: shop,
      userId: "u1",
      type: "mute",
      rule: "c",
      at: 0,
      soft: false,
    });
    liftSanction(db, alreadyLifted, 500);
    addSanction(db, { chat: shop, userId: "u1", type: "ban", rule: "d", at: 0, soft: false });
    addSanction(db, { chat: shop, userId: "u2", type: "mute", rule: "e", at: 0, soft: false });
    expect(liftSanctionsFor(db, shop, "u1", "mute", 2_000)).toBe(2);
    expect(liftSanctionsFor(db, shop, "u1", "mute", 3_000)).toBe(0);
    expect(overdueSanctions(db, 2_000)).toEqual([]);
    expect(activeSanctions(db, 2_000).map((s) => s.rule)).toEqual(["d", "e"]);
  });
});
