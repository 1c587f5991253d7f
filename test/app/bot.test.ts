/** The bot as `qunguan start` runs it: console adapter, real SQLite file, rule directory on disk. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { activeWarnings, dbChat, recentAudit } from "../../src/db/mod.js";
import { harness, MIN, T0, tempDb, tempRules } from "../helpers/bot.js";

describe("bot", () => {
  it("keeps warning counts and mutes across a restart", async () => {
    const rules = tempRules();
    const db = tempDb();
    const first = harness(rules, db);
    await first.bot.start();
    await first.chat.message("spammer", "百家乐 真人荷官", T0);
    await first.chat.message("spammer", "网赌 注册送彩金", T0 + MIN);
    await first.bot.stop();

    const second = harness(rules, db, { now: T0 + 2 * MIN });
    await second.bot.start();
    expect(
      activeWarnings(second.bot.database.db, dbChat(second.chat.chat), "spammer", T0 + 2 * MIN),
    ).toHaveLength(2);
    await second.chat.message("spammer", "时时彩 包中", T0 + 2 * MIN);
    expect(second.screen()).toContain("警告 3/5");
    expect(second.screen()).toContain("已被禁言 1 小时");
    // The mute is real on this platform: the next message never reaches the group.
    await second.chat.message("spammer", "hello?", T0 + 3 * MIN);
    expect(second.screen()).toContain("spammer is muted until");
    await second.bot.stop();

    const third = harness(rules, db, { now: T0 + 4 * MIN });
    await third.bot.start();
    expect(third.bot.engine.memory.isMuted("console:console", "spammer", T0 + 4 * MIN)).toBe(true);
  });

  it("logs one action line per action and audits it with redacted text", async () => {
    const h = harness(tempRules(), tempDb());
    await h.bot.start();
    await h.chat.message("carol", "我的电话 13812345678 身份证 110105199003071239", T0);
    const actions = h.logs().filter((l) => l.event === "action");
    expect(actions.map((a) => [a.type, a.rule, a.outcome, a.platform, a.chat])).toEqual([
      ["delete", "privacy", "done", "console", "console"],
      ["reply", "privacy", "done", "console", "console"],
    ]);
    const raw = JSON.stringify(h.logs());
    expect(raw).not.toContain("13812345678");
    const audit = recentAudit(h.bot.database.db, dbChat(h.chat.chat), 10);
    expect(audit).toHaveLength(2);
    for (const row of audit) {
      expect(row.text).not.toContain("13812345678");
      expect(row.text).not.toContain("110105199003071239");
    }
    const file = readFileSync(h.bot.database.sqlite.name);
    expect(file.includes(Buffer.from("13812345678"))).toBe(false);
  });

  it("degrades honestly where the platform cannot delete or mute", async () => {
    const h = harness(tempRules(), tempDb(), { capabilities: { canDelete: false, canMute: false } });
    await h.bot.start();
    for (let i = 0; i < 3; i++) await h.chat.message("spammer", `百家乐 ${i}`, T0 + i * MIN);
    expect(h.screen()).toContain("请撤回刚才的消息");
    expect(h.screen()).toContain("请在 1 小时内不要发言");
    const outcomes = h.logs().filter((l) => l.event === "action");
    expect(outcomes.filter((o) => o.outcome === "degraded").map((o) => o.type)).toEqual([
      "delete",
      "delete",
      "delete",
      "mute",
    ]);
    // Talking on while soft-muted climbs the ladder.
    await h.chat.message("spammer", "我还要说", T0 + 5 * MIN);
    expect(h.screen()).toContain("警告 4/5");
  });

  it("hot reload: a broken edit keeps the last good rules, a good edit applies without restart", async () => {
    const rules = tempRules();
    const h = harness(rules, tempDb());
    await h.bot.start();
    const file = join(rules, "moderation.yaml");
    const good = readFileSync(file, "utf8");

    writeFileSync(file, `${good}\n  - id: broken\n    match: { regex: "(a+)+$" }\n    actions: [delete]\n`);
    const broken = h.bot.reloadRules();
    expect(broken.ok).toBe(false);
    expect(
      h
        .logs()
        .some(
          (l) => l.event === "rules" && /moderation\.yaml:\d+:\d+ regular expression/.test(String(l.problem)),
        ),
    ).toBe(true);
    await h.chat.message("u1", "百家乐", T0);
    expect(h.screen()).toContain("警告 1/5");

    writeFileSync(
      file,
      `${good}\n  - id: durian\n    description: 榴莲\n    match: { keywords: [榴莲] }\n    actions: [delete, warn]\n`,
    );
    expect(h.bot.reloadRules().ok).toBe(true);
    await h.chat.message("u2", "我带了榴莲", T0 + MIN);
    expect(h.screen()).toContain("（榴莲）");
  });

  it("hot reload picks up a saved file by itself", async () => {
    const rules = tempRules();
    const h = harness(rules, tempDb(), { watchRules: true });
    await h.bot.start();
    const file = join(rules, "moderation.yaml");
    writeFileSync(
      file,
      `${readFileSync(file, "utf8")}\n  - id: durian\n    description: 榴莲\n    match: { keywords: [榴莲] }\n    actions: [delete]\n`,
    );
    await expect
      .poll(() => h.bot.rules.moderation.some((r) => r.id === "durian"), { timeout: 5000 })
      .toBe(true);
    await h.chat.message("u2", "我带了榴莲", T0);
    expect(h.screen()).toContain("deleted");
  });
});
