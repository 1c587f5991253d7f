/**
 * /promo list | preview|status|send|pause|resume <id> | resend <id> <run>: the merchant's scheduled
 * pushes, from the chat.
 */
import type { Platform } from "../core/chat-event.js";
import { localParts } from "../core/clock.js";
import {
  chatsInCategories,
  getChat,
  pausedPromos,
  pausePromo,
  promoRuns,
  type RunSummary,
  reopenUncertain,
  resumePromo,
} from "../db/mod.js";
import { quietUntil } from "../queue/promo-limits.js";
import type { Promo } from "../rules/schema.js";
import { cronInWords } from "../words/cron-words.js";
import { formatLocalTime, zoneName } from "../words/local-time.js";
import { inLocale, type LocalizedText, zhOrEn } from "../words/localized.js";
import { operatorText } from "../words/rule-names.js";
import { type CommandContext, type CommandSpec, say, usage } from "./command-context.js";

/** Whether a promo goes out: on, paused from the chat, or switched off in the rule files. */
const STATE: Record<"on" | "paused" | "off", LocalizedText> = {
  on: { "zh-CN": "启用中", en: "on" },
  paused: { "zh-CN": "已暂停", en: "paused" },
  off: { "zh-CN": "已停用", en: "off" },
};

/** Categories as the owner named them in the rule files ("香满楼优惠群、香满楼订座群"). */
function categoryNames(ctx: CommandContext, ids: readonly string[]): string {
  return ids
    .map((c) => operatorText(ctx.pack.categories[c]?.name ?? c, ctx.locale))
    .join(zhOrEn(ctx.locale, "、", ", "));
}

/** "（北京时间）" / " (Beijing time)". */
function paren(ctx: CommandContext, text: string): string {
  return zhOrEn(ctx.locale, `（${text}）`, ` (${text})`);
}

const promo: CommandSpec = {
  name: "promo",
  access: "admin",
  usage: {
    "zh-CN":
      "/promo list | preview <id> | status <id> | send <id> | pause <id> | resume <id> | resend <id> <编号>（编号见 /promo status）",
    en: "/promo list | preview <id> | status <id> | send <id> | pause <id> | resume <id> | resend <id> <run> (run numbers: /promo status)",
  },
  run(ctx) {
    const [verb, id, run, ...extra] = ctx.command.args;
    const promos = ctx.pack.promos;
    const db = ctx.database.db;
    if (verb === "list" && id === undefined) {
      const paused = pausedPromos(db);
      const lines = promos.map((p) => {
        const state = !p.enabled ? STATE.off : paused.has(p.id) ? STATE.paused : STATE.on;
        const targets = [
          ...p.targets.categories.map((c) => categoryNames(ctx, [c])),
          ...p.targets.groups.map(
            (g) => getChat(db, { platform: g.platform, chatId: g.id })?.title ?? `${g.platform}:${g.id}`,
          ),
        ];
        const when = `${cronInWords(p.cron, ctx.locale)}${paren(ctx, zoneName(p.time_zone, ctx.locale))}`;
        const name = p.description ? ` ${operatorText(p.description, ctx.locale)}` : "";
        const list = zhOrEn(ctx.locale, "、", ", ");
        return `• ${p.id}${name}${zhOrEn(ctx.locale, "：", ": ")}${when} → ${targets.join(list) || "—"} · ${inLocale(state, ctx.locale)}`;
      });
      return [say(ctx, "promoList", { text: lines.join("\n") || "—" })];
    }
    const p = id === undefined ? undefined : promos.find((x) => x.id === id);
    const known = ["preview", "status", "send", "pause", "resume", "resend"].includes(verb ?? "");
    const arity = verb === "resend" ? run !== undefined && extra.length === 0 : run === undefined;
    if (!known || !arity || id === undefined) return [usage(ctx, promo)];
    if (!p) return [say(ctx, "promoUnknown", { target: id })];
    if (verb === "preview") return [say(ctx, "promoPreview", { target: p.id, text: p.text })];
    if (verb === "status") return [statusOf(ctx, p)];
    if (!ctx.promos) return [say(ctx, "promoNoQueue")];
    if (verb === "resend") return [resend(ctx, p, run!)];
    if (verb === "send") {
      ctx.promos.sendNow(p.id, ctx.event.at);
      const quiet = quietUntil(p, ctx.event.at);
      if (quiet === undefined) return [say(ctx, "promoSent", { target: p.id })];
      if (p.quiet === "drop") return [say(ctx, "promoSentDropped", { target: p.id })];
      return [
        say(ctx, "promoSentHeld", { target: p.id, time: formatLocalTime(quiet, ctx.timeZone, ctx.locale) }),
      ];
    }
    if (verb === "pause") pausePromo(db, p.id, ctx.caller.id, ctx.event.at);
    else resumePromo(db, p.id);
    ctx.promos.reconcile();
    return [say(ctx, verb === "pause" ? "promoPaused" : "promoResumed", { target: p.id })];
  },
};

/** How far back /promo status looks, and /promo resend finds a run. */
const HISTORY_DAYS = 7;
const RESEND_DAYS = 31;
/** Runs listed by /promo status at most (a promo every few minutes has many). */
const RUNS_SHOWN = 14;

/** Why the ledger held deliveries back, as staff read it. */
const SKIP_REASONS: Record<string, LocalizedText> = {
  "daily cap": { "zh-CN": "每日上限", en: "daily cap" },
  "monthly cap": { "zh-CN": "每月上限", en: "monthly cap" },
  "quiet hours": { "zh-CN": "免打扰时段", en: "quiet hours" },
};

const COUNT_WORDS = {
  sent: { "zh-CN": "已发送", en: "sent" },
  failed: { "zh-CN": "失败", en: "failed" },
  uncertain: { "zh-CN": "结果不明", en: "uncertain" },
  skipped: { "zh-CN": "未发", en: "held back" },
  pending: { "zh-CN": "进行中", en: "pending" },
} satisfies Record<string, LocalizedText>;

/**
 * A run's number, as staff type it after /promo resend: month, day, hour and minute of its slot in
 * the group's zone ("1203-1100"): stable from one day to the next, unlike a position in a list.
 */
export function runNumber(slot: number, timeZone: string): string {
  const t = localParts(slot, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(t.month)}${two(t.day)}-${two(t.hour)}${two(t.minute)}`;
}

/** Uncertain chats named by title, as the owner knows the groups; "platform:id" only when no title was ever seen. */
function chatNames(ctx: CommandContext, keys: readonly string[], max = 10): string {
  const shown = keys
    .slice(0, max)
    .map((key) => {
      const [platform, ...id] = key.split(":");
      const chat = getChat(ctx.database.db, { platform: platform as Platform, chatId: id.join(":") });
      return chat?.title ?? key;
    })
    .join(zhOrEn(ctx.locale, "、", ", "));
  return keys.length > max ? `${shown} …` : shown;
}

/** One run in /promo status: when, its counts, and for uncertain chats the command that resends them. */
function runLine(ctx: CommandContext, p: Promo, run: RunSummary): string {
  const c = run.counts;
  const say = (word: keyof typeof COUNT_WORDS, n: number) =>
    `${inLocale(COUNT_WORDS[word], ctx.locale)} ${n}`;
  const parts = [say("sent", c.sent), say("failed", c.failed), say("uncertain", c.uncertain)];
  if (c.skipped > 0) {
    const why = Object.entries(run.skipped)
      .map(
        ([reason, n]) => `${SKIP_REASONS[reason] ? inLocale(SKIP_REASONS[reason], ctx.locale) : reason} ${n}`,
      )
      .join(zhOrEn(ctx.locale, "、", ", "));
    parts.push(`${say("skipped", c.skipped)}${paren(ctx, why)}`);
  }
  if (c.claimed + c.released > 0) parts.push(say("pending", c.claimed + c.released));
  const number = runNumber(run.slot, ctx.timeZone);
  const when = formatLocalTime(run.slot, ctx.timeZone, ctx.locale);
  const line = `• ${when} [${number}]${zhOrEn(ctx.locale, "：", ": ")}${parts.join(zhOrEn(ctx.locale, "，", ", "))}`;
  if (run.uncertain.length === 0) return line;
  // An uncertain delivery may or may not have arrived: the owner decides whether to resend.
  return `${line}\n  ⚠ ${chatNames(ctx, run.uncertain)} → /promo resend ${p.id} ${number}`;
}

/** The runs of the last week, newest first, so an uncertain delivery does not vanish at the next tick. */
function statusOf(ctx: CommandContext, p: Promo) {
  const runs = promoRuns(ctx.database.db, p.id, ctx.event.at - HISTORY_DAYS * 86_400_000);
  if (runs.length === 0) return say(ctx, "promoNeverSent", { target: p.id, count: HISTORY_DAYS });
  const lines = runs.slice(0, RUNS_SHOWN).map((run) => runLine(ctx, p, run));
  if (runs.length > RUNS_SHOWN) lines.push(`… ${runs.length - RUNS_SHOWN}`);
  return say(ctx, "promoStatus", {
    target: p.id,
    count: HISTORY_DAYS,
    zone: zoneName(ctx.timeZone, ctx.locale),
    text: lines.join("\n"),
  });
}

/** `/promo resend <id> <run>`: the run again, to its uncertain chats only; chats the ledger says got it are refused. */
function resend(ctx: CommandContext, p: Promo, number: string) {
  const db = ctx.database.db;
  const runs = promoRuns(db, p.id, ctx.event.at - RESEND_DAYS * 86_400_000).filter(
    (r) => runNumber(r.slot, ctx.timeZone) === number,
  );
  if (runs.length === 0) return say(ctx, "promoRunUnknown", { target: p.id, time: number });
  const time = formatLocalTime(runs[0]!.slot, ctx.timeZone, ctx.locale);
  const sent = runs.reduce((n, r) => n + r.counts.sent, 0);
  const reopened: string[] = [];
  for (const run of runs) {
    const chats = reopenUncertain(db, p.id, run.slot, `resent by ${ctx.caller.id}`);
    if (chats.length === 0) continue;
    ctx.promos!.resend(p.id, run.slot, chats, ctx.event.at);
    reopened.push(...chats.map((c) => `${c.platform}:${c.chatId}`));
  }
  if (reopened.length === 0) return say(ctx, "promoNothingToResend", { target: p.id, time, sent });
  return say(ctx, "promoResent", {
    target: p.id,
    time,
    count: reopened.length,
    text: chatNames(ctx, reopened),
    sent,
  });
}

/** A broadcast waiting for its owner's confirmation, per chat and owner. */
const pending = new Map<string, { categories: string[]; text: string; at: number }>();
/** How long a preview can be confirmed. @defaultValue 5 minutes */
const CONFIRM_WITHIN_MS = 5 * 60_000;

const broadcast: CommandSpec = {
  name: "broadcast",
  access: "owner",
  usage: {
    "zh-CN": "/broadcast <分类|all> <内容>，预览后 /broadcast confirm 发送",
    en: "/broadcast <category|all> <text>, then /broadcast confirm to send",
  },
  run(ctx) {
    const key = `${ctx.chat}\u0000${ctx.caller.id}`;
    const [target, ...words] = ctx.command.args;
    if (target === "confirm" && words.length === 0) {
      const p = pending.get(key);
      pending.delete(key);
      if (!p || ctx.event.at - p.at > CONFIRM_WITHIN_MS) return [say(ctx, "broadcastNothing")];
      if (!ctx.promos) return [say(ctx, "promoNoQueue")];
      ctx.promos.broadcast(p.categories, p.text, ctx.event.at);
      return [say(ctx, "broadcastSent", { target: categoryNames(ctx, p.categories) })];
    }
    const text = ctx.command.rest.slice(target?.length ?? 0).trim();
    if (target === undefined || text === "") return [usage(ctx, broadcast)];
    const categories = target === "all" ? Object.keys(ctx.pack.categories) : [target];
    if (!categories.every((c) => ctx.pack.categories[c])) return [say(ctx, "broadcastUnknown", { target })];
    const chats = chatsInCategories(ctx.database.db, categories).length;
    pending.set(key, { categories, text, at: ctx.event.at });
    return [say(ctx, "broadcastPreview", { count: chats, target: categoryNames(ctx, categories), text })];
  },
};

export const PROMO_COMMANDS: CommandSpec[] = [promo, broadcast];
