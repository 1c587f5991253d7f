import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import * as schema from "./schema.js";

/** An open, migrated database: the drizzle handle, the raw connection, and how to close both. */
export interface Database {
  db: BetterSQLite3Database<typeof schema>;
  sqlite: BetterSqlite3.Database;
  close(): void;
}

/**
 * What repository functions take: the drizzle handle or a transaction opened
 * on it, so callers can group several repository calls atomically.
 */
export type Db = BaseSQLiteDatabase<"sync", BetterSqlite3.RunResult, typeof schema>;

let migrationsFolder: string | undefined;

/**
 * The project's migrations folder, found by walking up from this module: it
 * runs from src/db (vitest) and from dist/src/db (the compiled CLI) alike.
 */
export function findMigrationsFolder(startDir = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, "migrations");
    if (existsSync(join(candidate, "meta", "_journal.json"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no migrations/meta/_journal.json above ${startDir}`);
    dir = parent;
  }
}

/**
 * Opens (creating if needed) the SQLite file at `path`, or an in-memory
 * database for ":memory:", and brings its schema up to date.
 */
export function openDatabase(path: string): Database {
  const inMemory = path === ":memory:" || path === "";
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  try {
    // WAL lets the stats/CLI readers run while the bot writes; NORMAL is durable enough under WAL.
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    // A second process (the CLI) may hold the write lock briefly; wait rather than fail.
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("foreign_keys = ON");
    const db = drizzle({ client: sqlite, schema });
    migrationsFolder ??= findMigrationsFolder();
    migrate(db, { migrationsFolder });
    return {
      db,
      sqlite,
      close() {
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
