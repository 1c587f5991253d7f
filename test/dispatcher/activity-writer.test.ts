/**
 * The dispatcher's record written behind: audit rows and counts are held, then
 * written in one transaction (timer, row limit, a read, stop), summed like the
 * one-at-a-time writes, and kept across a failed write. Real SQLite file.
 */
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type NewAudit, recentAudit } from "../../src/db/audit.js";
import { bumpFaqHit, bumpRuleHit, bumpStats, statsSince } from "../../src/db/stats.js";
import { ActivityWriter } from "../../src/dispatcher/activity-writer.js";
import { createLogger } from "../../src/log/logger.js";
import { openTempDb, otherShop, shop, type TempDb } from "../db/temp-db.js";

const quiet = createLogger({ destination: new PassThrough() });

function row(at: number, chat = shop): NewAudit {
  return { chat, at, userId: "u1", action: "warn", rule: "ads", outcome: "done", text: "加微信 ***" };
}

describe("ActivityWriter", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = openTempDb();
  });
  afterEach(() => {
    vi.useRealTimers();
    temp.dispose();
  });

  /** What is in the tables now, read past the writer (raw SQL does not settle pending writes). */
  const stored = (table: string) =>
    (temp.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it("holds rows until a read of the audit log or the statistics, which sees them", () => {
    const writer = new ActivityWriter(temp.database, quiet, { flushMs: 60_000 });
    writer.audit(row(1_000));
    writer.audit(row(2_000));
    writer.stats(shop, "2026-11-23", { messages: 1 });
    expect(stored("audit_log")).toBe(0);
    expect(stored("daily_stats")).toBe(0);
    expect(recentAudit(temp.database.db, shop, 10).map((r) => r.at)).toEqual([2_000, 1_000]);
    writer.stats(shop, "2026-11-23", { messages: 1 });
    expect(statsSince(temp.database.db, shop, "2026-11-01").messages).toBe(2);
    writer.stop();
  });

  it("sums counts per chat, day, rule and FAQ exactly as the one-at-a-time writes do", () => {
    const writer = new ActivityWriter(temp.database, quiet);
    const other = openTempDb();
    try {
      const events: [typeof shop, string, "message" | "violation" | "faq" | "join", string?][] = [
        [shop, "2026-11-22", "message"],
        [shop, "2026-11-23", "violation", "ads"],
        [shop, "2026-11-23", "violation", "ads"],
        [shop, "2026-11-23", "violation", "flood"],
        [shop, "2026-11-23", "faq", "hours"],
        [otherShop, "2026-11-23", "faq", "hours"],
        [otherShop, "2026-11-23", "join"],
      ];
      for (const [chat, day, kind, id] of events) {
        const delta =
          kind === "join"
            ? { joins: 1 }
            : kind === "violation"
              ? { messages: 1, violations: 1 }
              : kind === "faq"
                ? { messages: 1, faqAnswers: 1 }
                : { messages: 1 };
        writer.stats(chat, day, delta);
        bumpStats(other.database.db, chat, day, delta);
        if (kind === "violation") {
          writer.ruleHit(chat, day, id!);
          bumpRuleHit(other.database.db, chat, day, id!);
        }
        if (kind === "faq") {
          writer.faqHit(chat, day, id!);
          bumpFaqHit(other.database.db, chat, day, id!);
        }
      }
      writer.stop();
      for (const chat of [shop, otherShop]) {
        expect(statsSince(temp.database.db, chat, "2026-11-01")).toEqual(
          statsSince(other.database.db, chat, "2026-11-01"),
        );
      }
      expect(statsSince(temp.database.db, shop, "2026-11-01")).toMatchObject({
        messages: 5,
        violations: 3,
        byRule: [
          { rule: "ads", count: 2 },
          { rule: "flood", count: 1 },
        ],
      });
    } finally {
      other.dispose();
    }
  });

  it("writes on its timer, at the row limit, and everything on stop", () => {
    vi.useFakeTimers();
    const writer = new ActivityWriter(temp.database, quiet, { flushMs: 50, maxRows: 3 });
    writer.audit(row(1));
    vi.advanceTimersByTime(49);
    expect(stored("audit_log")).toBe(0);
    vi.advanceTimersByTime(1);
    expect(stored("audit_log")).toBe(1);
    writer.audit(row(2));
    writer.audit(row(3));
    writer.audit(row(4));
    expect(stored("audit_log")).toBe(4);
    writer.audit(row(5));
    writer.stats(shop, "2026-11-23", { messages: 1 });
    writer.stop();
    expect(stored("audit_log")).toBe(5);
    expect(stored("daily_stats")).toBe(1);
    // Stopped: nothing is timed any more, and a late row is written at once.
    expect(vi.getTimerCount()).toBe(0);
    writer.audit(row(6));
    expect(stored("audit_log")).toBe(6);
    writer.stats(shop, "2026-11-24", { messages: 1 });
    expect(stored("daily_stats")).toBe(2);
  });

  it("keeps what a failed write held and writes it once the database takes writes again", () => {
    const log = new PassThrough();
    let text = "";
    log.on("data", (d) => {
      text += d;
    });
    const writer = new ActivityWriter(temp.database, createLogger({ destination: log }), { flushMs: 60_000 });
    writer.audit(row(1));
    writer.stats(shop, "2026-11-23", { messages: 1 });
    temp.database.sqlite.pragma("query_only = ON");
    writer.flush();
    expect(text).toContain("could not record audit and statistics");
    temp.database.sqlite.pragma("query_only = OFF");
    writer.audit(row(2));
    writer.stop();
    expect(recentAudit(temp.database.db, shop, 10).map((r) => r.at)).toEqual([2, 1]);
    expect(statsSince(temp.database.db, shop, "2026-11-01").messages).toBe(1);
  });
});
