import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DbChat } from "../../src/db/chat.js";
import { type Database, openDatabase } from "../../src/db/open.js";

/** A chat used across the db tests. */
export const shop: DbChat = { platform: "telegram", chatId: "-100123" };
/** Another chat with the same id on another platform: must never mix with `shop`. */
export const otherShop: DbChat = { platform: "wechat", chatId: "-100123" };

/** A real SQLite file in a fresh temp dir, migrated with the project's migrations. */
export interface TempDb {
  dir: string;
  path: string;
  database: Database;
  /** Closes the database and removes the temp dir. */
  dispose(): void;
}

export function openTempDb(): TempDb {
  const dir = mkdtempSync(join(tmpdir(), "qunguan-db-"));
  const path = join(dir, "data", "qunguan.db");
  const temp: TempDb = {
    dir,
    path,
    database: openDatabase(path),
    dispose() {
      temp.database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return temp;
}
