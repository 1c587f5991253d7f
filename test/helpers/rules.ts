/** Helpers for tests that need rule packs: the shipped default pack, or a small pack written to a temp dir. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compileRules } from "../../src/engine/compile.js";
import { loadRulesOrThrow } from "../../src/rules/load.js";

export const DEFAULT_RULES_DIR = resolve(import.meta.dirname, "../../rules");

export function defaultPack() {
  return loadRulesOrThrow(DEFAULT_RULES_DIR);
}

export function defaultCompiled() {
  return compileRules(defaultPack());
}

/** Writes files into a new temp dir and returns its path. */
export function ruleDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "qunguan-rules-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export const MINIMAL_CATEGORIES = `categories:
  promo:
    name: Promo
    intro: hi
    rules_text: be nice
`;
