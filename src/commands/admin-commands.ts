/** /admins (list) and /admin add|remove (appoint or dismiss the merchant's staff as bot admins of a group). */
import { type CommandSpec, findTarget, say, usage } from "./command-context.js";

const admins: CommandSpec = {
  name: "admins",
  access: "admin",
  usage: { "zh-CN": "/admins 查看本群管理员", en: "/admins list this group's admins" },
  run(ctx) {
    const platform = ctx.event.chat.platform;
    const lines = [
      ...ctx.pack.admins.owners
        .filter((o) => o.platform === platform)
        .map((o) => `★ ${o.name ?? o.id} (owner)`),
      ...(ctx.pack.admins.categories[ctx.category] ?? [])
        .filter((o) => o.platform === platform)
        .map((o) => `• ${o.name ?? o.id} (${ctx.category})`),
      ...ctx.state
        .appointed(ctx.event.chat, ctx.category)
        .map((a) => `• ${a.displayName ?? a.userId} (${a.userId})`),
    ];
    return [say(ctx, "admins", { text: lines.length > 0 ? lines.join("\n") : "—" })];
  },
};

const admin: CommandSpec = {
  name: "admin",
  access: "appointer",
  usage: { "zh-CN": "/admin add|remove <成员>", en: "/admin add|remove <member>" },
  run(ctx) {
    const [verb, ...rest] = ctx.command.args;
    if (verb !== "add" && verb !== "remove") return [usage(ctx, admin)];
    const t = findTarget({ ...ctx, command: { ...ctx.command, args: rest } });
    if ("type" in t)
      return rest.length === 0 && !ctx.event.replyTo && ctx.event.mentions.length === 0
        ? [usage(ctx, admin)]
        : [t];
    if (verb === "add") {
      const added = ctx.state.appoint(ctx.event.chat, t.id, t.name, ctx.caller.id, ctx.event.at);
      return [say(ctx, added ? "adminAdded" : "adminExists", { name: t.name })];
    }
    const removed = ctx.state.dismiss(ctx.event.chat, t.id);
    return [say(ctx, removed ? "adminRemoved" : "adminMissing", { name: t.name })];
  },
};

export const ADMIN_COMMANDS: CommandSpec[] = [admins, admin];
