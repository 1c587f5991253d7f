/**
 * `.env` in the current directory, read before any command runs (.env.example says to copy it
 * there). A variable already in the environment wins over the file, so `REDIS_URL=… qunguan start`
 * overrides it; an empty value (`TELEGRAM_BOT_TOKEN=` as in .env.example) means "not set" rather
 * than "set to nothing", so a copied example does not switch anything on by accident.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";

export interface EnvFileResult {
  /** The file read, when there was one. */
  file?: string;
  /** Names taken from the file (never values: they hold tokens). */
  applied: string[];
  /** Names the file sets that the environment already had, so the environment's value stayed. */
  overridden: string[];
}

export function loadEnvFile(
  env: NodeJS.ProcessEnv = process.env,
  path = resolve(process.cwd(), ".env"),
): EnvFileResult {
  if (!existsSync(path)) return { applied: [], overridden: [] };
  const values = parseEnv(readFileSync(path, "utf8"));
  const applied: string[] = [];
  const overridden: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === "") continue;
    if (env[name] !== undefined && env[name] !== "") {
      overridden.push(name);
      continue;
    }
    env[name] = value;
    applied.push(name);
  }
  return { file: path, applied, overridden };
}
