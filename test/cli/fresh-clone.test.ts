/**
 * The first hour of a new user, from a fresh clone (issue 13): `npm ci` installs the committed lock
 * file as it is, the README's quick start and its CLI invocation work verbatim, and nothing they
 * write is left for git to pick up. It clones the committed HEAD, so it checks what a user gets,
 * not the working tree.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanEnv, ROOT } from "../helpers/cli.js";

function run(cwd: string, command: string, args: string[], timeoutMs = 600_000) {
  const r = spawnSync(command, args, {
    cwd,
    env: cleanEnv({ CI: "true" }),
    encoding: "utf8",
    timeout: timeoutMs,
    input: "",
  });
  return {
    status: r.status,
    stdout: r.stdout ?? "",
    stderr: r.stderr ?? "",
    output: `${r.stdout}\n${r.stderr}`,
  };
}

/** `npm run qunguan -- …`, the way the README says to run the CLI. */
const README_CLI = /`npm run qunguan -- <command>/;

describe("a fresh clone", () => {
  it("installs with npm ci, runs the demo and the CLI as the README says, and stays clean", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toMatch(README_CLI);
    expect(readme).not.toMatch(/npx qunguan (start|demo|check|report)/);
    // The quick start is exactly two commands.
    const quickStart = readme.slice(readme.indexOf("## Quick start"));
    const block = quickStart.slice(
      quickStart.indexOf("```sh") + 5,
      quickStart.indexOf("```", quickStart.indexOf("```sh") + 5),
    );
    expect(block.trim().split("\n")).toEqual(["npm run demo", "npm test"]);

    const dir = mkdtempSync(join(tmpdir(), "qunguan-clone-"));
    const clone = run(dir, "git", ["clone", "--quiet", ROOT, "qunguan"]);
    expect(clone.status, clone.output).toBe(0);
    const cwd = join(dir, "qunguan");

    const install = run(cwd, "npm", ["ci", "--no-audit", "--no-fund"]);
    expect(install.status, install.output).toBe(0);

    const demo = run(cwd, "npm", ["run", "demo"]);
    expect(demo.status, demo.output).toBe(0);
    expect(demo.stdout).toContain("营业时间");
    expect(demo.stdout).toMatch(/警告 1\/5/);

    const help = run(cwd, "npm", ["run", "qunguan", "--", "--help"]);
    expect(help.status, help.output).toBe(0);
    expect(help.stdout).toMatch(/^usage: qunguan <command>/m);
    for (const command of ["start", "demo", "worker", "check", "simulate", "report"]) {
      const r = run(cwd, "npm", ["run", "qunguan", "--", command, "--help"]);
      expect(r.status, `${command}: ${r.output}`).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^usage: qunguan ${command}`, "m"));
    }
    const typo = run(cwd, "npm", ["run", "qunguan", "--", "start", "--tokn", "x"]);
    expect(typo.status).toBe(2);
    const check = run(cwd, "npm", ["run", "qunguan", "--", "check"]);
    expect(check.status, check.output).toBe(0);
    expect(check.stdout).toMatch(/^rules: OK/m);
    const start = spawnSync("npm", ["run", "qunguan", "--", "start"], {
      cwd,
      env: cleanEnv(),
      input: "请问你们几点开门？\n/quit\n",
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(start.status, start.stderr).toBe(0);
    expect(start.stdout).toContain("营业时间");

    // The lock file was installed as it is, and nothing the commands wrote is untracked.
    const status = run(cwd, "git", ["status", "--porcelain"]);
    expect(status.stdout).toBe("");
  }, 900_000);
});
