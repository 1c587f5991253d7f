/**
 * Weighted evidence in the rule files, through the CLI: `qunguan check` takes it (and points at a
 * bad signal by file:line:col), and `qunguan simulate` sanctions only when the weights of the
 * signals that hold reach the threshold, evidence against included.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempRules } from "../helpers/bot.js";
import { runCli, simulateLines } from "../helpers/cli.js";

const RULE = `moderation:
  - id: cake-resale
    priority: 95
    match:
      evidence:
        threshold: 3
        signals:
          - { name: resale, weight: 2, when: { keywords: [转让, 出] } }
          - { name: contact, weight: 1, when: { keywords: [私我, 联系] } }
          - { name: price, weight: 1, when: { regex: "(?:^|\\\\D)\\\\d{1,5}元" } }
          - { name: own-order, weight: -2, when: { keywords: [我订的] } }
    actions: [delete, warn]
`;

function rules(text: string): string {
  const dir = tempRules();
  writeFileSync(join(dir, "zz-evidence.yaml"), text);
  return dir;
}

describe("evidence conditions", () => {
  it("sanctions when the weights reach the threshold, not on one cue, and evidence against lowers the sum", () => {
    const dir = rules(RULE);
    expect(runCli(["check", dir], { cwd: dir }).status).toBe(0);
    const lines = ["蛋糕券转让 私我", "蛋糕券转让 80元 私我", "我订的蛋糕券转让 80元 私我", "联系 80元"].map(
      (text, i) => ({
        chat: `g${i}`,
        user: `u${i}`,
        name: "客人",
        text,
        at: "2026-11-22T15:00:00+08:00",
      }),
    );
    // The default pack is in the directory too: only whether this rule fired is read.
    const rule = simulateLines(lines, dir).map((l) =>
      l.actions.some((a) => a.rule === "cake-resale") ? "cake-resale" : "",
    );
    // 2+1 = 3; 2+1+1 = 4; 2+1+1-2 = 2; 1+1 = 2.
    expect(rule).toEqual(["cake-resale", "cake-resale", "", ""]);
  });

  it("a signal without a weight is a file:line:col problem", () => {
    const dir = rules(RULE.replace("{ name: contact, weight: 1,", "{ name: contact,"));
    const r = runCli(["check", dir], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/zz-evidence\.yaml:\d+:\d+ .*weight/);
  });
});
