/** `qunguan report`'s arguments and defaults, through the built CLI (dist/). */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSeededDb, type SeededDb } from "./seed.js";

const CLI = resolve(import.meta.dirname, "../../dist/src/cli/main.js");

describe("qunguan report (CLI)", () => {
  let seeded: SeededDb;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first with \`npx tsc -p .\``);
    seeded = openSeededDb();
  });
  afterAll(() => seeded?.dispose());

  function report(args: string[], env: Record<string, string | undefined> = {}, cwd = seeded.dir) {
    const r = spawnSync("node", [CLI, "report", ...args], {
      cwd,
      encoding: "utf8",
      // The machine's zone must not matter: the bot counts its statistics' days in Shanghai.
      env: { ...process.env, DATABASE_PATH: undefined, TZ: "America/New_York", ...env },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it("reads DATABASE_PATH and writes qunguan-report.html in the working directory by default", () => {
    const cwd = join(seeded.dir, "defaults");
    mkdirSync(cwd, { recursive: true });
    const r = report(["--until", "2026-11-22", "--days", "7"], { DATABASE_PATH: seeded.path }, cwd);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = join(cwd, "qunguan-report.html");
    expect(r.stdout).toBe(`wrote ${out} (2026-11-16 – 2026-11-22)\n`);
    const html = readFileSync(out, "utf8");
    // In the language of the rules' default category: the shipped pack is zh-CN.
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("2026-11-16 至 2026-11-22（7 天，Asia/Shanghai）");
    // Self-contained: Chart.js is inside, nothing is linked (the browser test refuses any request).
    expect(html).toContain("Chart.js v4");
    expect(/<script[^>]+src=|<link[\s>]/.test(html)).toBe(false);
  });

  it("covers 30 days ending today (in Shanghai) by default", () => {
    const out = join(seeded.dir, "today.html");
    const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(Date.now());
    // Read before and after: the run may straddle midnight.
    const before = today();
    const r = report(["--db", seeded.path, "--out", out]);
    const after = today();
    expect(r.status).toBe(0);
    const until = /– (\d{4}-\d{2}-\d{2})\)\n$/.exec(r.stdout)?.[1];
    expect([before, after]).toContain(until);
    expect(readFileSync(out, "utf8")).toContain("（30 天，Asia/Shanghai）");
  });

  it("counts days in another zone when asked with --tz", () => {
    const out = join(seeded.dir, "utc.html");
    const r = report([
      "--db",
      seeded.path,
      "--until",
      "2026-11-22",
      "--days",
      "7",
      "--tz",
      "UTC",
      "--out",
      out,
    ]);
    expect(r.status).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("2026-11-16 至 2026-11-22（7 天，UTC）");
  });

  it("refuses a database that does not exist rather than report on an empty one", () => {
    const missing = join(seeded.dir, "nope.db");
    const r = report(["--db", missing, "--out", join(seeded.dir, "x.html")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`no database at ${missing}`);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(seeded.dir, "x.html"))).toBe(false);
  });

  it("rejects a bad day count, day or option with exit code 2", () => {
    for (const args of [
      ["--days", "0"],
      ["--days", "7.5"],
      ["--days", "many"],
      ["--until", "2026-02-30"],
      ["--tz", "Mars/Olympus_Mons"],
      ["--nope"],
      ["--locale", "fr"],
    ]) {
      const r = report(["--db", seeded.path, ...args]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).not.toBe("");
    }
  });

  it("is listed in qunguan's usage", () => {
    const r = spawnSync("node", [CLI, "help"], { encoding: "utf8" });
    expect(r.stdout).toMatch(/^ {2}report \[--days N\]/m);
  });
});
