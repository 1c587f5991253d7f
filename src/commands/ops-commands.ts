/** /reload, /stats [days], /audit [n], /dryrun on|off. */

import { dayOf, recentAudit, sampleCounts, statsSince, topWarned } from "../db/mod.js";
import { formatProblem } from "../rules/rule-error.js";
import { actionWord, outcomeWord } from "../words/action-words.js";
import { formatLocalTime } from "../words/local-time.js";
import { zhOrEn } from "../words/localized.js";
import { faqName, ruleName } from "../words/rule-names.js";
import { type Locale, safeName } from "../words/templates.js";
import { taiwanTable } from "../words/traditional.js";
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
    const rules = result.pack.moderation.length;
    const faqs = result.pack.faq.entries.length;
    const text = zhOrEn(
      ctx.locale,
      `${rules} 条管理规则，${faqs} 个自动回答的问题`,
      `${rules} moderation ${rules === 1 ? "rule" : "rules"}, ${faqs} ${faqs === 1 ? "FAQ" : "FAQs"}`,
    );
    return [say(ctx, "reloadOk", { text })];
  },
};

/** The labels of /stats. */
const STATS_WORDS = {
  "zh-CN": {
    totals: (t: Totals) =>
      `消息 ${t.messages} · 入群 ${t.joins} · 退群 ${t.leaves} · 违规 ${t.violations} · 自动回答 ${t.faqAnswers}`,
    rules: "违规规则",
    faq: "自动回答",
    warned: "警告最多",
    learned: (s: SampleTotals) => `学到的样本：垃圾 ${s.spam}，正常 ${s.ham}`,
    colon: "：",
    list: "，",
  },
  en: {
    totals: (t: Totals) =>
      `messages ${t.messages} · joins ${t.joins} · leaves ${t.leaves} · violations ${t.violations} · FAQ answers ${t.faqAnswers}`,
    rules: "rules",
    faq: "FAQ",
    warned: "most warned",
    learned: (s: SampleTotals) => `Learned samples: ${s.spam} spam, ${s.ham} ordinary`,
    colon: ": ",
    list: ", ",
  },
};
const STATS_BY_LOCALE: Record<Locale, typeof STATS_WORDS.en> = {
  ...STATS_WORDS,
  "zh-TW": taiwanTable(STATS_WORDS["zh-CN"]),
};

/** What admins taught with /spam and /notspam, for the whole merchant (not only this group). */
interface SampleTotals {
  spam: number;
  ham: number;
}

interface Totals {
  messages: number;
  joins: number;
  leaves: number;
  violations: number;
  faqAnswers: number;
}

/**
 * "广告 5，拉人、私加联系方式 3": counts by name, most first. Two rules that share a
 * description (`ads` and `ads-signals` are both 广告) are one line to the merchant.
 */
function countsByName(rows: { name: string; count: number }[], separator: string): string {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.name, (totals.get(r.name) ?? 0) + r.count);
  return (
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .map(([name, count]) => `${name} ${count}`)
      .join(separator) || "—"
  );
}

const stats: CommandSpec = {
  name: "stats",
  access: "admin",
  usage: { "zh-CN": "/stats [天数]（默认 7，最多 365）", en: "/stats [days] (default 7, at most 365)" },
  run(ctx) {
    const days = countArg(ctx.command.args[0], 7, 365);
    if (days === undefined) return [usage(ctx, stats)];
    const chat = { platform: ctx.event.chat.platform, chatId: ctx.event.chat.id };
    // Daily counters from the first of the N calendar days; warnings from the last N × 24 h.
    const t = statsSince(ctx.database.db, chat, dayOf(ctx.event.at - (days - 1) * DAY_MS, ctx.timeZone));
    const warned = topWarned(ctx.database.db, chat, ctx.event.at - days * DAY_MS, 3);
    const w = STATS_BY_LOCALE[ctx.locale];
    const memberName = (id: string) => safeName(ctx.engine.memory.known(ctx.chat, id)?.name ?? id);
    const lines = [
      w.totals(t),
      `${w.rules}${w.colon}${countsByName(
        t.byRule.map((r) => ({ name: ruleName(ctx.pack, r.rule, ctx.locale), count: r.count })),
        w.list,
      )}`,
      `${w.faq}${w.colon}${countsByName(
        t.byFaq.map((f) => ({ name: faqName(ctx.pack, f.faq, ctx.locale), count: f.count })),
        w.list,
      )}`,
      `${w.warned}${w.colon}${warned.map((x) => `${memberName(x.userId)} ${x.count}`).join(w.list) || "—"}`,
      w.learned(sampleCounts(ctx.database.db, ctx.pack.learning.merchant)),
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
    const { locale } = ctx;
    const text = rows
      .map((r) => {
        const when = formatLocalTime(r.at, ctx.timeZone, locale);
        const who = r.userId
          ? ` ${safeName(ctx.engine.memory.known(ctx.chat, r.userId)?.name ?? r.userId)}`
          : "";
        const cause = r.rule
          ? ruleName(ctx.pack, r.rule, locale)
          : r.faq
            ? faqName(ctx.pack, r.faq, locale)
            : r.command
              ? `/${r.command}`
              : "";
        const outcome = outcomeWord(r.outcome, locale);
        const tail = zhOrEn(locale, `${cause}（${outcome}）`, `${cause} (${outcome})`);
        // The id first: admins answer a line with `/why 123` or `/notspam 123`.
        return `#${r.id} ${when} ${actionWord(r.action, locale)}${who} — ${tail}`;
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
