/** /rules and /faq (anyone); /help is built by the router, which knows every command. */
import { type CommandSpec, say } from "./command-context.js";

const rules: CommandSpec = {
  name: "rules",
  access: "anyone",
  usage: { "zh-CN": "/rules 查看群规", en: "/rules the group's rules" },
  run(ctx) {
    const text = ctx.pack.categories[ctx.category]?.rules_text.trim();
    return [text ? say(ctx, "rules", { text }) : say(ctx, "rulesNone")];
  },
};

const faq: CommandSpec = {
  name: "faq",
  access: "anyone",
  usage: { "zh-CN": "/faq 可以直接问机器人的问题", en: "/faq what you can ask the bot here" },
  run(ctx) {
    if (ctx.pack.categories[ctx.category]?.faq === false) return [say(ctx, "faqNone")];
    const entries = ctx.pack.faq.entries.filter((e) => !e.categories || e.categories.includes(ctx.category));
    if (entries.length === 0) return [say(ctx, "faqNone")];
    const text = entries
      .map((e) => `• ${e.description ?? e.id}（${e.keywords.slice(0, 3).join(" / ")}）`)
      .join("\n");
    return [say(ctx, "faqList", { text })];
  },
};

export const INFO_COMMANDS: CommandSpec[] = [rules, faq];
