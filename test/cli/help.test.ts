/**
 * Every command answers `--help` with its usage and exit 0, and a typo with the usage and exit 2,
 * without doing anything: no database, no Redis, no bot started (issue 13: `start --help` started a
 * second bot, `check --help` read `--help` as a directory, `demo --help` ran the demo).
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const COMMANDS = ["start", "demo", "worker", "check", "simulate", "report"];

function emptyDir(): string {
  return mkdtempSync(join(tmpdir(), "qunguan-help-"));
}

describe("qunguan --help", () => {
  it("lists every command and exits 0", () => {
    const cwd = emptyDir();
    for (const args of [["--help"], ["-h"], ["help"]]) {
      const r = runCli(args, { cwd });
      expect(r.status).toBe(0);
      for (const command of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
      expect(r.stdout).toContain("npm run qunguan -- <command>");
    }
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("with no command prints the list and exits 2", () => {
    const r = runCli([], { cwd: emptyDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^usage: qunguan <command>/);
  });

  it("an unknown command prints the list and exits 2", () => {
    const r = runCli(["strat"], { cwd: emptyDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command "strat"');
    expect(r.stderr).toContain("usage: qunguan <command>");
  });

  it("prints the version", () => {
    const r = runCli(["--version"], { cwd: emptyDir() });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe.each(COMMANDS)("qunguan %s", (command) => {
  it("--help prints its usage, exits 0 and touches nothing", () => {
    const cwd = emptyDir();
    // Even with a REDIS_URL nothing answers: a help that started anything would hang or complain.
    const env = { REDIS_URL: "redis://127.0.0.1:1" };
    for (const flag of ["--help", "-h"]) {
      const r = runCli([command, flag], { cwd, env, timeoutMs: 20_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^usage: qunguan ${command}\\b`));
      expect(r.stderr).toBe("");
    }
    const viaHelp = runCli(["help", command], { cwd });
    expect(viaHelp.status).toBe(0);
    expect(viaHelp.stdout).toMatch(new RegExp(`^usage: qunguan ${command}\\b`));
    // No qunguan.db, no qunguan.redis/, no log, no report.
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("an unknown option prints the error and the usage and exits 2", () => {
    const cwd = emptyDir();
    const r = runCli([command, "--frobnicate"], { cwd, timeoutMs: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--frobnicate");
    expect(r.stderr).toMatch(new RegExp(`^usage: qunguan ${command}\\b`, "m"));
    expect(r.stdout).toBe("");
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe("arguments each command does not take", () => {
  it("check takes one directory at most", () => {
    const r = runCli(["check", "rules", "more"], { cwd: emptyDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unexpected argument: more");
  });

  it("start takes no arguments", () => {
    const cwd = emptyDir();
    const r = runCli(["start", "now"], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^usage: qunguan start/m);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("simulate names the categories when given an unknown one", () => {
    const r = runCli(["simulate", "--category", "nope"], { cwd: emptyDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown category "nope" \(the rule files have: .*promo/);
  });
});
