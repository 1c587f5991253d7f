import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findMigrationsFolder, openDatabase } from "../../src/db/open.js";
import { openTempDb, type TempDb } from "./temp-db.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

describe("openDatabase", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = openTempDb();
  });
  afterEach(() => temp.dispose());

  it("creates the parent directory and the file", () => {
    expect(existsSync(temp.path)).toBe(true);
  });

  it("turns WAL on and sets the other pragmas", () => {
    const { sqlite } = temp.database;
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("applies the migrations, and only once across reopenings", () => {
    const tables = temp.database.sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all();
    expect(tables).toEqual([
      "__drizzle_migrations",
      "audit_log",
      "bot_admins",
      "chat_settings",
      "chats",
      "daily_stats",
      "deliveries",
      "faq_hits",
      "handled_messages",
      "learned_samples",
      "members",
      "promo_pauses",
      "rule_hits",
      "sanctions",
      "tickets",
      "warnings",
    ]);
    temp.database.close();
    temp.database = openDatabase(temp.path);
    const applied = temp.database.sqlite.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get();
    // One row per migration file, each applied once however often the file is opened.
    expect(applied).toBe(8);
  });

  it("creates the indexes the queries rely on", () => {
    const indexes = temp.database.sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all();
    expect(indexes).toEqual([
      "audit_log_chat_at_idx",
      "audit_log_message_idx",
      "audit_log_notice_idx",
      "chats_category_idx",
      "handled_messages_at_idx",
      "learned_samples_key_idx",
      "learned_samples_label_idx",
      "learned_samples_merchant_idx",
      "sanctions_ends_at_idx",
      "sanctions_member_idx",
      "tickets_closed_at_idx",
      "tickets_kind_idx",
      "tickets_member_idx",
      "warnings_member_idx",
    ]);
  });

  it("close() can be called twice", () => {
    temp.database.close();
    expect(() => temp.database.close()).not.toThrow();
    expect(temp.database.sqlite.open).toBe(false);
  });

  it("works in memory", () => {
    const mem = openDatabase(":memory:");
    try {
      const count = mem.sqlite.prepare("SELECT count(*) FROM warnings").pluck().get();
      expect(count).toBe(0);
    } finally {
      mem.close();
    }
  });
});

describe("findMigrationsFolder", () => {
  it("finds <root>/migrations from src/db", () => {
    expect(findMigrationsFolder(join(root, "src", "db"))).toBe(join(root, "migrations"));
  });

  it("finds <root>/migrations from the compiled dist/src/db", () => {
    expect(findMigrationsFolder(join(root, "dist", "src", "db"))).toBe(join(root, "migrations"));
  });

  it("throws when there is no migrations folder above", () => {
    const dir = mkdtempSync(join(tmpdir(), "qunguan-nomig-"));
    try {
      expect(() => findMigrationsFolder(dir)).toThrow(/_journal\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
