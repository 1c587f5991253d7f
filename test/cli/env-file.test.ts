/**
 * `.env` in the directory the command runs from is read (.env.example says "copy to .env"), the
 * environment winning over the file; `.env.example` and the README's environment table list the
 * same variables, and every variable the code reads is in both.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";

function dirWithRules(): { cwd: string; rules: string } {
  const cwd = mkdtempSync(join(tmpdir(), "qunguan-env-"));
  const rules = join(cwd, "shop-rules");
  cpSync(join(ROOT, "rules"), rules, { recursive: true });
  return { cwd, rules };
}

describe(".env", () => {
  it("is read from the current directory", () => {
    const { cwd, rules } = dirWithRules();
    writeFileSync(join(cwd, ".env"), `# my shop\nRULES_DIR=${rules}\nTELEGRAM_BOT_TOKEN=\n`);
    const r = runCli(["check"], { cwd });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${rules}: OK`));
  });

  it("loses to a variable already in the environment", () => {
    const { cwd, rules } = dirWithRules();
    writeFileSync(join(cwd, ".env"), "RULES_DIR=/nowhere/at/all\n");
    const r = runCli(["check"], { cwd, env: { RULES_DIR: rules } });
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${rules}: OK`));
  });

  it("is what makes a broken rule directory the one checked", () => {
    const { cwd, rules } = dirWithRules();
    writeFileSync(join(rules, "moderation.yaml"), "moderation:\n  - id: [unclosed\n");
    writeFileSync(join(cwd, ".env"), `RULES_DIR="${rules}"\n`);
    const r = runCli(["check"], { cwd });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/moderation\.yaml:\d+:\d+ /);
  });

  it("feeds qunguan start (DATABASE_PATH from the file, the log beside it)", () => {
    const { cwd } = dirWithRules();
    writeFileSync(join(cwd, ".env"), "DATABASE_PATH=data/shop.db\nREDIS_URL=\n");
    const r = runCli(["start"], { cwd, input: "/quit\n", timeoutMs: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(join(cwd, "data/shop.db")).isFile()).toBe(true);
    const log = readFileSync(join(cwd, "data/qunguan.log"), "utf8");
    expect(log).toContain('"event":"env"');
    expect(log).toContain("DATABASE_PATH");
    expect(readdirSync(cwd).sort()).toEqual([".env", "data", "shop-rules"]);
  });
});

/** Variables read by the code: `env.NAME` and `process.env.NAME` in src/ and adapters/. */
function variablesInCode(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts"))
        for (const m of readFileSync(path, "utf8").matchAll(/\benv\??\.([A-Z][A-Z0-9_]+)/g))
          names.add(m[1] as string);
    }
  };
  walk(join(ROOT, "src"));
  walk(join(ROOT, "adapters"));
  return names;
}

function variablesInEnvExample(): Set<string> {
  const text = readFileSync(join(ROOT, ".env.example"), "utf8");
  return new Set([...text.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1] as string));
}

function variablesInReadme(): Set<string> {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Environment"));
  const table = section.slice(0, section.indexOf("\n\n", section.indexOf("| variable |")));
  return new Set([...table.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1] as string));
}

describe("the documented variables", () => {
  it(".env.example and the README's table list the same ones", () => {
    expect([...variablesInEnvExample()].sort()).toEqual([...variablesInReadme()].sort());
  });

  it("include every variable the code reads, and the libraries' own (TZ, WECHATY_LOG)", () => {
    const documented = variablesInEnvExample();
    const wanted = [...variablesInCode(), "TZ", "WECHATY_LOG"];
    expect(wanted.filter((name) => !documented.has(name))).toEqual([]);
    expect(variablesInCode().size).toBeGreaterThan(15);
  });

  it("copied as is to .env, switch nothing on: the console chat starts with a private Redis", () => {
    const cwd = mkdtempSync(join(tmpdir(), "qunguan-env-"));
    cpSync(join(ROOT, ".env.example"), join(cwd, ".env"));
    const r = runCli(["start"], { cwd, input: "/quit\n", timeoutMs: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("type a message");
    expect(r.stderr).not.toMatch(/unreachable|ERROR/);
  });
});
