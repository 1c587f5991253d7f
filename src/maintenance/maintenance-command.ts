/**
 * /maintenance [days]: this group's maintenance report now, for its admins. It shows what the next
 * scheduled run would clean up but removes nobody: removals happen only at the scheduled run, and
 * only when the rule files switch them on.
 */

import { type CommandContext, type CommandSpec, targetIsAdmin, usage } from "../commands/command-context.js";
import type { ReplyAction } from "../core/decision.js";
import { dbChat } from "../db/mod.js";
import { composeMaintenance } from "./compose.js";

/** Longest inactivity an admin can ask about: ten years. */
const MAX_DAYS = 3650;

export const maintenanceCommand: CommandSpec = {
  name: "maintenance",
  access: "admin",
  usage: {
    "zh-CN": "/maintenance [天数] 本群维护报告（不活跃成员、警告、禁言、规则与问题统计、清理建议）",
    en: "/maintenance [days] this group's maintenance report (inactive members, warnings, sanctions, rule and FAQ counts, clean-ups)",
  },
  run(ctx: CommandContext): ReplyAction[] {
    const args = ctx.command.args;
    let inactiveDays: number | undefined;
    if (args.length > 1) return [usage(ctx, maintenanceCommand)];
    if (args.length === 1) {
      const match = /^(\d{1,5})d?$/i.exec(args[0]!);
      inactiveDays = match ? Number(match[1]) : Number.NaN;
      if (!(inactiveDays >= 1 && inactiveDays <= MAX_DAYS)) return [usage(ctx, maintenanceCommand)];
    }
    const composed = composeMaintenance({
      db: ctx.database.db,
      chat: dbChat(ctx.event.chat),
      category: ctx.category,
      pack: ctx.pack,
      now: ctx.event.at,
      mode: "command",
      inactiveDays,
      // Platform admins the engine has seen count as admins, as they do for commands.
      isAdmin: (userId) => targetIsAdmin(ctx, userId),
    });
    return [{ type: "reply", command: maintenanceCommand.name, text: composed.text }];
  },
};
