import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  auditByNotice,
  auditForMessage,
  type NewAudit,
  recentAudit,
  recordAudit,
  recordAuditMany,
} from "../../src/db/audit.js";
import { openTempDb, otherShop, shop, type TempDb } from "./temp-db.js";

describe("audit log", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = openTempDb();
  });
  afterEach(() => temp.dispose());

  it("records one row with every field, nulls for the omitted ones", () => {
    const { db } = temp.database;
    const id = recordAudit(db, {
      chat: shop,
      at: 1_000,
      userId: "u1",
      action: "mute",
      rule: "flood",
      outcome: "degraded",
      detail: "soft mute: platform cannot mute",
      text: "buy ***",
      messageId: "m7",
      noticeId: "n8",
      explanation: { signals: [{ name: "flood", weight: 1 }] },
    });
    const minimal = recordAudit(db, {
      chat: shop,
      at: 2_000,
      action: "notify",
      command: "/stats",
      outcome: "done",
    });
    expect(minimal).toBeGreaterThan(id);
    expect(recentAudit(db, shop, 10)).toEqual([
      {
        id: minimal,
        at: 2_000,
        platform: "telegram",
        chatId: "-100123",
        userId: null,
        action: "notify",
        rule: null,
        faq: null,
        command: "/stats",
        outcome: "done",
        detail: null,
        text: null,
        messageId: null,
        noticeId: null,
        explanation: null,
      },
      {
        id,
        at: 1_000,
        platform: "telegram",
        chatId: "-100123",
        userId: "u1",
        action: "mute",
        rule: "flood",
        faq: null,
        command: null,
        outcome: "degraded",
        detail: "soft mute: platform cannot mute",
        text: "buy ***",
        messageId: "m7",
        noticeId: "n8",
        explanation: JSON.stringify({ signals: [{ name: "flood", weight: 1 }] }),
      },
    ]);
  });

  it("returns the n newest of one chat, newest first", () => {
    const { db } = temp.database;
    for (const at of [3_000, 1_000, 5_000, 4_000, 2_000]) {
      recordAudit(db, { chat: shop, at, action: "delete", userId: "u1", rule: "r", outcome: "done" });
    }
    recordAudit(db, { chat: otherShop, at: 9_000, action: "ban", userId: "u1", outcome: "failed" });
    expect(recentAudit(db, shop, 3).map((r) => r.at)).toEqual([5_000, 4_000, 3_000]);
    expect(recentAudit(db, otherShop, 3).map((r) => r.outcome)).toEqual(["failed"]);
    expect(recentAudit(db, shop, 0)).toEqual([]);
  });

  it("records a batch in one go, keeping the order for equal times", () => {
    const { db } = temp.database;
    const rows: NewAudit[] = [
      { chat: shop, at: 1_000, action: "delete", userId: "u1", rule: "links", outcome: "done" },
      { chat: shop, at: 1_000, action: "warn", userId: "u1", rule: "links", outcome: "done" },
      { chat: shop, at: 1_000, action: "reply", faq: "hours", outcome: "shadow" },
    ];
    expect(recordAuditMany(db, rows)).toBe(3);
    expect(recordAuditMany(db, [])).toBe(0);
    expect(recentAudit(db, shop, 10).map((r) => r.action)).toEqual(["reply", "warn", "delete"]);
  });

  it("writes nothing from a batch that fails part-way", () => {
    const { db } = temp.database;
    const bad = { chat: shop, at: 2_000, action: "warn", outcome: null } as unknown as NewAudit;
    expect(() =>
      recordAuditMany(db, [{ chat: shop, at: 1_000, action: "delete", userId: "u1", outcome: "done" }, bad]),
    ).toThrow();
    expect(recentAudit(db, shop, 10)).toEqual([]);
  });

  it("finds a notice's decision: its rows and the same message's rows of that moment, nothing else", () => {
    const { db } = temp.database;
    const row = (at: number, action: NewAudit["action"], o: Partial<NewAudit> = {}): number =>
      recordAudit(db, {
        chat: shop,
        at,
        action,
        userId: "u1",
        rule: "ads",
        outcome: "done",
        messageId: "m1",
        ...o,
      });
    const deleted = row(1_000, "delete");
    const warned = row(1_000, "warn", { noticeId: "n1" });
    // Later about the same message (an admin's /notspam undoing the warning): another decision.
    row(5_000, "unwarn", { noticeId: "n2" });
    // The same ids in another chat, and another message at the same moment.
    row(1_000, "delete", { chat: otherShop });
    row(1_000, "delete", { messageId: "m2" });
    expect(auditByNotice(db, shop, "n1").map((r) => r.id)).toEqual([deleted, warned]);
    expect(auditByNotice(db, otherShop, "n1")).toEqual([]);
    expect(auditForMessage(db, shop, "m1").map((r) => r.action)).toEqual(["delete", "warn", "unwarn"]);
  });
});
