/**
 * The bookings migration on a database from before it: tickets opened then read as complaints,
 * and the desk's queries that filter by kind find them as such.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { getTicket, openTickets, openTicketsOf } from "../../src/db/mod.js";
import { findMigrationsFolder, openDatabase } from "../../src/db/open.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * The migrations folder as it was before bookings: the journal up to 0005. Later migrations go
 * too: one applied first would carry a later timestamp, and the migrator then skips 0006.
 */
function migrationsBeforeBookings(): string {
  const dir = mkdtempSync(join(tmpdir(), "qunguan-migrations-"));
  dirs.push(dir);
  cpSync(findMigrationsFolder(), dir, { recursive: true });
  const journal = join(dir, "meta", "_journal.json");
  const parsed = JSON.parse(readFileSync(journal, "utf8")) as { entries: { tag: string }[] };
  parsed.entries = parsed.entries.slice(
    0,
    parsed.entries.findIndex((e) => e.tag === "0006_bookings"),
  );
  writeFileSync(journal, JSON.stringify(parsed));
  return dir;
}

describe("the bookings migration", () => {
  it("keeps tickets opened before it as complaints", () => {
    const home = mkdtempSync(join(tmpdir(), "qunguan-db-"));
    dirs.push(home);
    const path = join(home, "bot.db");
    const old = new BetterSqlite3(path);
    migrate(drizzle({ client: old }), { migrationsFolder: migrationsBeforeBookings() });
    old
      .prepare(
        "INSERT INTO tickets (platform, chat_id, user_id, display_name, category, text, opened_at, first_response_due, resolution_due) VALUES ('telegram', 'c1', 'wang', 'wang', 'complaints', '菜是馊的', 1, 2, 3)",
      )
      .run();
    old.close();

    const database = openDatabase(path);
    try {
      expect(getTicket(database.db, 1)).toMatchObject({ kind: "complaint", bookedFor: null, outcome: null });
      const chat = { platform: "telegram" as const, chatId: "c1" };
      expect(openTicketsOf(database.db, chat, "wang", "complaint")).toHaveLength(1);
      expect(openTickets(database.db, undefined, "booking")).toEqual([]);
    } finally {
      database.close();
    }
  });
});
