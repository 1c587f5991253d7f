/**
 * /maintenance through the real bot (console adapter, SQLite file, the default rule pack on disk):
 * the spec is put into the bot's own command router, so the router's permission check, the
 * dispatcher and the console screen are the ones in production. Until the router lists the command
 * itself, the test adds it to the router's table; afterwards that line changes nothing.
 */
import { describe, expect, it } from "vitest";
import type { CommandSpec } from "../../src/commands/command-context.js";
import { recentAudit } from "../../src/db/mod.js";
import { maintenanceCommand } from "../../src/maintenance/maintenance-command.js";
import { type Harness, harness, MIN, T0, tempDb, tempRules } from "../helpers/bot.js";

const DAY = 86_400_000;

async function started(): Promise<Harness> {
  const h = harness(tempRules(), tempDb());
  await h.bot.start();
  const specs = Reflect.get(h.bot.commands, "specs") as Map<string, CommandSpec>;
  specs.set(maintenanceCommand.name, maintenanceCommand);
  h.chat.member("mgr", true);
  // Seen long ago and not since, oldest first: 老王 200 days, 小李 75 days, 阿芳 61 days, mgr (an admin) 90 days.
  await h.chat.message("老王", "大家好", T0 - 200 * DAY);
  await h.chat.message("mgr", "欢迎", T0 - 90 * DAY);
  await h.chat.message("小李", "有位子吗", T0 - 75 * DAY);
  await h.chat.message("阿芳", "谢谢", T0 - 61 * DAY);
  await h.chat.message("boss", "大家好", T0 - 10 * DAY);
  // A customer poacher today: warned by the default pack's rules.
  await h.chat.message("阿强", "加V信 abc12345 有优惠", T0 - 5 * MIN);
  return h;
}

/** The bot's last message, all of its lines (the console indents the lines after the first). */
function lastAnswer(h: Harness): string {
  const screen = h.screen();
  return screen
    .slice(screen.lastIndexOf("🤖"))
    .split("\n")
    .map((line) => line.replace(/^ {5}/, ""))
    .join("\n");
}

describe("/maintenance", () => {
  it("is refused to a member who is not an admin, and tells them nothing", async () => {
    const h = await started();
    await h.chat.message("eve", "/maintenance", T0);
    expect(lastAnswer(h)).toContain("只有本群管理员可以使用 /maintenance");
    expect(h.screen()).not.toContain("群维护报告");
  });

  it("gives an owner the group's report: silent members without admins, the warned, the rule hits", async () => {
    const h = await started();
    await h.chat.message("boss", "/maintenance", T0);
    const answer = lastAnswer(h);
    expect(answer).toContain("群维护报告");
    const lines = answer.split("\n");
    const at = lines.indexOf("😴 超过 60 天未发言（3）");
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 4)).toEqual([
      "• 老王 — 200 天未发言",
      "• 小李 — 75 天未发言",
      "• 阿芳 — 61 天未发言",
    ]);
    expect(answer).toMatch(/⚠️ 警告最多\n• 阿强 — 有效警告 1，30 天内共 1 次\n/);
    expect(answer).toMatch(/📊 规则命中（30 天）\n• 拉人、私加联系方式 1\n/);
    // Nothing was removed: the command only reports.
    expect(h.chat.member("老王").present).toBe(true);
    const audit = recentAudit(h.bot.database.db, { platform: "console", chatId: "console" }, 1)[0];
    expect(audit).toMatchObject({ action: "reply", command: "maintenance", outcome: "done" });
  });

  it("takes the number of days from the command, and a platform admin may ask", async () => {
    const h = await started();
    await h.chat.message("mgr", "/maintenance 70", T0);
    const answer = lastAnswer(h);
    expect(answer).toContain("😴 超过 70 天未发言（2）\n• 老王 — 200 天未发言\n• 小李 — 75 天未发言\n\n");
  });

  it("answers a malformed request with its usage", async () => {
    const h = await started();
    for (const bad of ["/maintenance abc", "/maintenance 0", "/maintenance 99999", "/maintenance 30 60"]) {
      await h.chat.message("boss", bad, T0);
      expect(lastAnswer(h)).toContain("用法：/maintenance [天数]");
    }
    await h.chat.message("boss", "/maintenance 90d", T0);
    expect(lastAnswer(h)).toContain("😴 超过 90 天未发言（1）\n• 老王 — 200 天未发言\n");
  });
});
