import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recentAudit, recordAudit } from "../../src/db/audit.js";
import { getMember, touchMember } from "../../src/db/members.js";
import { openDatabase } from "../../src/db/open.js";
import { activeSanction, activeSanctions, addSanction, overdueSanctions } from "../../src/db/sanctions.js";
import { bumpStats, statsSince } from "../../src/db/stats.js";
import {
  activeWarnings,
  addWarning,
  listActiveWarnings,
  revokeLatestWarning,
} from "../../src/db/warnings.js";
import { openTempDb, shop, type TempDb } from "./temp-db.js";

describe("restart", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = openTempDb();
  });
  afterEach(() => temp.dispose());

  it("keeps warnings, sanctions, members, audit and stats across close and reopen", () => {
    let { db } = temp.database;
    addWarning(db, { chat: shop, userId: "u1", rule: "a", at: 1_000 });
    addWarning(db, { chat: shop, userId: "u1", rule: "b", at: 2_000, expiresAt: 100_000 });
    addWarning(db, { chat: shop, userId: "u1", rule: "c", at: 3_000 });
    revokeLatestWarning(db, shop, "u1", 4_000, "admin");
    addWarning(db, { chat: shop, userId: "u2", rule: "a", at: 1_000, expiresAt: 5_000 });
    const mute = addSanction(db, {
      chat: shop,
      userId: "u1",
      type: "mute",
      rule: "flood",
      at: 1_000,
      endsAt: 60_000,
      soft: true,
    });
    addSanction(db, { chat: shop, userId: "u3", type: "ban", rule: "/ban", at: 1_000, soft: false });
    addSanction(db, {
      chat: shop,
      userId: "u4",
      type: "mute",
      rule: "flood",
      at: 1_000,
      endsAt: 9_000,
      soft: false,
    });
    touchMember(db, shop, "u1", "Alice", 1_000, { countMessage: true });
    recordAudit(db, { chat: shop, at: 1_000, userId: "u1", action: "warn", rule: "a", outcome: "done" });
    bumpStats(db, shop, "2025-03-01", { messages: 3 });

    temp.database.close();
    temp.database = openDatabase(temp.path);
    db = temp.database.db;

    const now = 10_000;
    expect(activeWarnings(db, shop, "u1", now).map((w) => w.rule)).toEqual(["a", "b"]);
    expect(listActiveWarnings(db, now)).toHaveLength(2);
    expect(activeSanctions(db, now)).toHaveLength(2);
    expect(activeSanction(db, shop, "u1", "mute", now)).toMatchObject({
      id: mute,
      soft: true,
      endsAt: 60_000,
    });
    expect(overdueSanctions(db, now).map((s) => s.userId)).toEqual(["u4"]);
    expect(getMember(db, shop, "u1")?.messageCount).toBe(1);
    expect(recentAudit(db, shop, 5)).toHaveLength(1);
    expect(statsSince(db, shop, "2025-03-01").messages).toBe(3);
    // New ids continue after the old ones rather than reusing them.
    expect(
      addSanction(db, { chat: shop, userId: "u5", type: "ban", rule: "r", at: now, soft: false }),
    ).toBeGreaterThan(mute);
  });

  it("sees rows written through another connection to the same file (WAL)", () => {
    const second = openDatabase(temp.path);
    try {
      addWarning(temp.database.db, { chat: shop, userId: "u1", rule: "a", at: 1_000 });
      expect(activeWarnings(second.db, shop, "u1", 2_000)).toHaveLength(1);
    } finally {
      second.close();
    }
  });
});
