/**
 * The learning migration (0007) on a database from before it: audit rows written then are kept,
 * with no message, notice or explanation, and the new lookups and the samples table work at once.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { auditByNotice, auditEntry, recordAudit, sampleCounts, saveSample } from "../../src/db/mod.js";
import { findMigrationsFolder, openDatabase } from "../../src/db/open.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The migrations folder as it was before learning: the journal up to 0006. */
function migrationsBeforeLearning(): string {
  const dir = mkdtempSync(join(tmpdir(), "qunguan-migrations-"));
  dirs.push(dir);
  cpSync(findMigrationsFolder(), dir, { recursive: true });
  const journal = join(dir, "meta", "_journal.json");
  const parsed = JSON.parse(readFileSync(journal, "utf8")) as { entries: { tag: string }[] };
  parsed.entries = parsed.entries.slice(
    0,
    parsed.entries.findIndex((e) => e.tag === "0007_learning"),
  );
  writeFileSync(journal, JSON.stringify(parsed));
  return dir;
}

describe("the learning migration", () => {
  it("keeps older audit rows, with nothing in the new columns", () => {
    const home = mkdtempSync(join(tmpdir(), "qunguan-db-"));
    dirs.push(home);
    const path = join(home, "bot.db");
    const old = new BetterSqlite3(path);
    migrate(drizzle({ client: old }), { migrationsFolder: migrationsBeforeLearning() });
    old
      .prepare(
        "INSERT INTO audit_log (at, platform, chat_id, user_id, action, rule, outcome) VALUES (1, 'telegram', 'c1', 'wang', 'warn', 'ads', 'done')",
      )
      .run();
    old.close();

    const database = openDatabase(path);
    try {
      const chat = { platform: "telegram" as const, chatId: "c1" };
      expect(auditEntry(database.db, chat, 1)).toMatchObject({
        action: "warn",
        messageId: null,
        noticeId: null,
        explanation: null,
      });
      const id = recordAudit(database.db, { chat, at: 2, action: "warn", outcome: "done", noticeId: "n1" });
      expect(auditByNotice(database.db, chat, "n1").map((r) => r.id)).toEqual([id]);
      saveSample(database.db, {
        merchant: "m",
        label: "spam",
        rule: "ads",
        text: "加微信",
        textKey: "加微信",
        platform: "telegram",
        chatId: "c1",
        userId: "wang",
        byUser: "boss",
        at: 3,
      });
      expect(sampleCounts(database.db, "m")).toEqual({ spam: 1, ham: 0 });
    } finally {
      database.close();
    }
  });
});
