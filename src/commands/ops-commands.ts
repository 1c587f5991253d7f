/** /reload, /stats [days], /audit [n], /dryrun on|off. */

import { dayOf, recentAudit, statsSince, topWarned } from "../db/mod.js";
import { formatProblem } from "../rules/rule-error.js";
import { safeName } from "../words/templates.js";
import { type CommandSpec, say, usage } from "./command-context.js";

const DAY_MS = 86_400_000;

/** A whole number from 1 to `max`, `fallback` when absent; undefined when it is anything else. */
function countArg(arg: string | undefined, fallback: number, max: number): number | undefined {
  const n = arg === undefined ? fallback : Number(arg);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : undefined;
}

const reload: CommandSpec = {
  name: "reload",
  access: "admin",
  usage: { "zh-CN": "/reload 从磁盘重新加载规则", en: "/reload rules from disk" },
  run(ctx) {
    const result = ctx.reload();
    if (!result.ok) {
      const shown = result.problems.slice(0, 10).map(formatProblem);
      if (result.problems.length > 10) shown.push(`… +${result.problems.length - 10}`);
      return [say(ctx, "reloadFailed", { text: shown.join("\n") })];
    }
    const p = result.pack;
    return [
      say(ctx, "reloadOk", { text: `${p.moderation.length} moderation rules, ${p.faq.entries.length} FAQs` }),
    ];
  },
};

const stats: CommandSpec = {
  name: "stats",
  access: "admin",
  usage: { "zh-CN": "/stats [天数]（默认 7，最多 365）", en: "/stats [days] (default 7, at most 365)" },
  run(ctx) {
    const days = countArg(ctx.command.args[0], 7, 365);
    if (days === undefined) return [usage(ctx, stats)];
    const chat = { platform: ctx.event.chat.platform, chatId: ctx.event.chat.id };
    // Daily counters from the first of the N calendar days; warnings from the last N × 24 h.
    const t = statsSince(ctx.database.db, chat, dayOf(ctx.event.at - (days - 1) * DAY_MS));
    const warned = topWarned(ctx.database.db, chat, ctx.event.at - days * DAY_MS, 3);
    const lines = [
      `messages ${t.messages} · joins ${t.joins} · leaves ${t.leaves} · violations ${t.violations} · FAQ answers ${t.faqAnswers}`,
      `rules: ${t.byRule.map((r) => `${r.rule} ${r.count}`).join(", ") || "—"}`,
      `FAQ: ${t.byFaq.map((f) => `${f.faq} ${f.count}`).join(", ") || "—"}`,
      `most warned: ${warned.map((w) => `${safeName(ctx.engine.memory.known(ctx.chat, w.userId)?.name ?? w.userId)} ${w.count}`).join(", ") || "—"}`,
    ];
    return [say(ctx, "stats", { days, text: lines.join("\n") })];
  },
};

const audit: CommandSpec = {
  name: "audit",
  access: "admin",
  usage: { "zh-CN": "/audit [条数]（默认 10，最多 50）", en: "/audit [n] (default 10, at most 50)" },
  run(ctx) {
    const n = countArg(ctx.command.args[0], 10, 50);
    if (n === undefined) return [usage(ctx, audit)];
    const rows = recentAudit(
      ctx.database.db,
      { platform: ctx.event.chat.platform, chatId: ctx.event.chat.id },
      n,
    );
    if (rows.length === 0) return [say(ctx, "auditNone")];
    const text = rows
      .map((r) => {
        const when = new Date(r.at).toISOString().slice(5, 16).replace("T", " ");
        const who = r.userId
          ? ` ${safeName(ctx.engine.memory.known(ctx.chat, r.userId)?.name ?? r.userId)}`
          : "";
        return `${when} ${r.action}${who} — ${r.rule ?? r.faq ?? (r.command ? `/${r.command}` : "")} ${r.outcome}`;
      })
      .join("\n");
    return [say(ctx, "audit", { text })];
  },
};

const dryrun: CommandSpec = {
  name: "dryrun",
  access: "admin",
  usage: {
    "zh-CN": "/dryrun on|off 试运行：只记录，不操作",
    en: "/dryrun on|off shadow mode: log, do nothing",
  },
  run(ctx) {
    const arg = ctx.command.args[0]?.toLowerCase();
    if (arg !== "on" && arg !== "off") return [usage(ctx, dryrun)];
    ctx.state.setDryRun(ctx.event.chat, arg === "on", ctx.caller.id, ctx.event.at);
    return [say(ctx, arg === "on" ? "dryrunOn" : "dryrunOff")];
  },
};

export const OPS_COMMANDS: CommandSpec[] = [reload, stats, audit, dryrun];
