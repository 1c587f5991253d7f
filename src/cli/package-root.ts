/** The package's own directory (where rules/ and migrations/ ship), from src/ or dist/src/ alike. */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the qunguan package root");
    dir = parent;
  }
  return dir;
}

/** RULES_DIR, else ./rules when the current directory has one, else the default pack shipped with the package. */
export function defaultRulesDir(): string {
  if (process.env.RULES_DIR) return process.env.RULES_DIR;
  return existsSync("rules") ? "rules" : join(packageRoot(), "rules");
}
