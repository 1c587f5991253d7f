/** `qunguan simulate` end to end through the built CLI (dist/), as users' scripts call it. */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = resolve(ROOT, "dist/src/cli/main.js");

function simulate(lines: object[], args: string[] = []): { stdout: string; status: number | null } {
  const input = lines.map((l) => JSON.stringify(l)).join("\n");
  const r = spawnSync("node", [CLI, "simulate", "--rules", "rules", ...args], {
    cwd: ROOT,
    input,
    encoding: "utf8",
  });
  return { stdout: r.stdout, status: r.status };
}

const at = (min: number) => new Date(Date.parse("2026-11-22T11:00:00+08:00") + min * 60_000).toISOString();

describe("qunguan simulate", () => {
  const transcript = [
    { chat: "g1", user: "u1", name: "Alice", text: "请问几点开门？", at: at(0) },
    { chat: "g1", user: "u2", name: "Bob", text: "我已经订好位了", at: at(1) },
    { chat: "g1", user: "u3", name: "Spam", text: "加 V 信 abc12345 兼职日结", at: at(2) },
    { chat: "g1", user: "u3", name: "Spam", text: "百家乐 真人荷官", at: at(3) },
    { chat: "g1", user: "u3", name: "Spam", text: "網賭 註冊送彩金", at: at(4) },
    { chat: "g1", user: "u4", name: "Carol", text: "my number is 138 1234 5678", at: at(5) },
    { chat: "g1", user: "u5", name: "Dan", text: "", at: at(6), kind: "join" },
    {
      chat: "g2",
      user: "u1",
      text: "what time do you open?",
      at: at(7),
      platform: "wechat",
      category: "complaints",
    },
    "not json",
  ];

  it("writes one decision per input line, following the contract", () => {
    const input = transcript.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n");
    const r = spawnSync("node", [CLI, "simulate", "--rules", "rules"], {
      cwd: ROOT,
      input,
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    const explained = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    // The contract's fields keep their meaning; the explanation is an added field, checked below.
    const out = explained.map((o) => ({ ...o, actions: o.actions?.map(contractFields) }));
    expect(out).toHaveLength(transcript.length);
    expect(out.map((o) => o.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // Each sanction says why: the poaching ad's handle weighed 5, the classifier's score is given.
    expect(explained[2].actions[1].signals).toContainEqual({ name: "handle", weight: 5 });
    expect(explained[2].actions[1].classifier.score).toBeGreaterThan(0.5);
    expect(explained[5].actions[0].signals).toContainEqual({ name: "pii", weight: 1 });
    expect(explained[0].actions[0].signals).toBeUndefined();
    expect(out[0].actions).toEqual([{ type: "reply", faq: "hours", text: expect.stringContaining("10:30") }]);
    expect(out[1].actions).toEqual([]);
    expect(out[2].actions).toEqual([
      { type: "delete", rule: "poaching" },
      { type: "warn", rule: "poaching", user: "u3", count: 1 },
    ]);
    expect(out[3].actions).toEqual([
      { type: "delete", rule: "gambling" },
      { type: "warn", rule: "gambling", user: "u3", count: 2 },
    ]);
    expect(out[4].actions).toEqual([
      { type: "delete", rule: "gambling" },
      { type: "warn", rule: "gambling", user: "u3", count: 3 },
      { type: "mute", rule: "gambling", user: "u3", seconds: 3600 },
    ]);
    expect(out[5].actions[0]).toEqual({ type: "delete", rule: "privacy" });
    expect(out[6].actions).toEqual([{ type: "reply", text: expect.stringContaining("群规") }]);
    expect(out[7].actions).toEqual([]);
    expect(out[8]).toEqual({ i: 8, actions: [], error: "not a JSON object" });
  });

  it("is byte-for-byte deterministic", () => {
    const lines = Array.from({ length: 300 }, (_, i) => ({
      chat: `g${i % 3}`,
      user: `u${i % 7}`,
      text: ["几点开门?", "加微信 xyz12345", "好吃", "百家乐", "parking?"][i % 5]!,
      at: at(i),
    }));
    const a = simulate(lines);
    const b = simulate(lines);
    expect(a.status).toBe(0);
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(a.stdout).toBe(b.stdout);
  });

  it("applies --category to lines that name none", () => {
    const r = simulate(
      [{ chat: "g1", user: "u1", text: "请问几点开门？", at: at(0) }],
      ["--category", "complaints"],
    );
    expect(JSON.parse(r.stdout).actions).toEqual([]);
  });

  it("refuses a broken rule directory with positions on stderr", () => {
    const r = spawnSync("node", [CLI, "simulate", "--rules", "test"], {
      cwd: ROOT,
      input: "",
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^test:1:1 no rule files/m);
  });
});

describe("qunguan simulate: slash commands", () => {
  it("handles commands like a real chat: an admin's /warn replying to a line warns that line's sender", () => {
    const lines = [
      { chat: "g1", user: "boss", name: "Boss", admin: true, text: "大家好", at: at(0) },
      { chat: "g1", user: "u3", name: "Spam", text: "有人吗", at: at(1) },
      { chat: "g1", user: "boss", name: "Boss", admin: true, text: "/warn 刷屏", reply_to: 1, at: at(2) },
      { chat: "g1", user: "u3", name: "Spam", text: "/warns", at: at(3) },
      { chat: "g1", user: "u3", name: "Spam", text: "/mute @boss 1h", mentions: ["boss"], at: at(4) },
      { chat: "g1", user: "boss", name: "Boss", admin: true, text: "/mute 2h 广告", reply_to: 1, at: at(5) },
      { chat: "g2", user: "boss", name: "Boss", text: "/kick u3", at: at(6) },
      { chat: "g1", user: "boss", name: "Boss", admin: true, text: "/mute u3 soon", at: at(7) },
    ];
    const r = simulate(lines);
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).actions);
    expect(out[2]).toEqual([{ type: "warn", command: "warn", user: "u3", count: 1 }]);
    expect(out[3]).toEqual([{ type: "reply", command: "warns", text: "Spam 现有警告 1/5。" }]);
    expect(out[4]).toEqual([{ type: "reply", command: "mute", text: "⛔ 只有本群管理员可以使用 /mute。" }]);
    expect(out[5]).toEqual([{ type: "mute", command: "mute", user: "u3", seconds: 7200 }]);
    // Admin of g1 only: no power in g2.
    expect(out[6]).toEqual([{ type: "reply", command: "kick", text: "⛔ 只有本群管理员可以使用 /kick。" }]);
    expect(out[7][0].text).toContain("时长格式不对");
  });
});

describe("qunguan check", () => {
  it("passes the default pack", () => {
    const r = spawnSync("node", [CLI, "check", "rules"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^rules: OK — 4 categories/);
  });

  it("fails with file:line:col lines", () => {
    const r = spawnSync("node", [CLI, "check", "test/fixtures/broken-rules"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stdout.split("\n")[0]).toMatch(/^test\/fixtures\/broken-rules\/moderation\.yaml:\d+:\d+ /);
  });
});

/** An action as the contract's first version printed it: without the added explanation fields. */
function contractFields(action: Record<string, unknown>): Record<string, unknown> {
  const { signals: _signals, classifier: _classifier, learned: _learned, ...rest } = action;
  return rest;
}
