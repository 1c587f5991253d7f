/** /admins (list) and /admin add|remove (appoint or dismiss the merchant's staff as bot admins of a group). */
import { inLocale, type LocalizedText, zhOrEn } from "../words/localized.js";
import { safeName } from "../words/templates.js";
import { type CommandSpec, findTarget, say, usage } from "./command-context.js";

/** How someone came to be an admin here, strongest first. */
type AdminKind = "owner" | "platform" | "category" | "appointed";

const KIND_WORDS: Record<AdminKind, LocalizedText> = {
  owner: { "zh-CN": "超级管理员", en: "owner" },
  platform: { "zh-CN": "群管理员", en: "group admin" },
  category: { "zh-CN": "分类管理员", en: "category admin" },
  appointed: { "zh-CN": "机器人任命", en: "appointed through the bot" },
};
const KIND_ORDER: readonly AdminKind[] = ["owner", "platform", "category", "appointed"];

const admins: CommandSpec = {
  name: "admins",
  access: "admin",
  usage: { "zh-CN": "/admins 查看本群管理员", en: "/admins list this group's admins" },
  run(ctx) {
    const platform = ctx.event.chat.platform;
    // One line per person, with every way they are an admin: an owner may also run the group.
    const people = new Map<string, { name: string; kinds: Set<AdminKind> }>();
    const add = (id: string, name: string | undefined, kind: AdminKind) => {
      const known = ctx.engine.memory.known(ctx.chat, id)?.name;
      const p = people.get(id) ?? { name: name ?? known ?? id, kinds: new Set<AdminKind>() };
      people.set(id, p);
      p.kinds.add(kind);
    };
    for (const o of ctx.pack.admins.owners) if (o.platform === platform) add(o.id, o.name, "owner");
    // Platform admins the bot has seen here (Telegram's admin list, WeChat's owner and admins).
    for (const m of ctx.engine.memory.platformAdmins(ctx.chat)) add(m.id, m.name, "platform");
    for (const o of ctx.pack.admins.categories[ctx.category] ?? [])
      if (o.platform === platform) add(o.id, o.name, "category");
    for (const a of ctx.state.appointed(ctx.event.chat, ctx.category))
      add(a.userId, a.displayName ?? undefined, "appointed");
    const list = zhOrEn(ctx.locale, "、", ", ");
    const lines = [...people.values()]
      .sort((a, b) => rank(a.kinds) - rank(b.kinds) || a.name.localeCompare(b.name))
      .map((p) => {
        const kinds = KIND_ORDER.filter((k) => p.kinds.has(k))
          .map((k) => inLocale(KIND_WORDS[k], ctx.locale))
          .join(list);
        const mark = p.kinds.has("owner") ? "★" : "•";
        return `${mark} ${safeName(p.name)}${zhOrEn(ctx.locale, `（${kinds}）`, ` (${kinds})`)}`;
      });
    return [say(ctx, "admins", { text: lines.length > 0 ? lines.join("\n") : "—" })];
  },
};

/** Where a person's strongest kind comes in KIND_ORDER: owners first. */
function rank(kinds: ReadonlySet<AdminKind>): number {
  return KIND_ORDER.findIndex((k) => kinds.has(k));
}

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
