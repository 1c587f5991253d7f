/** /promo list | preview|status|send|pause|resume <id>: the merchant's scheduled pushes, from the chat. */
import type { Platform } from "../core/chat-event.js";
import {
  chatsInCategories,
  getChat,
  latestSlotSummary,
  pausedPromos,
  pausePromo,
  resumePromo,
} from "../db/mod.js";
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
    "zh-CN": "/promo list | preview <id> | status <id> | send <id> | pause <id> | resume <id>",
    en: "/promo list | preview <id> | status <id> | send <id> | pause <id> | resume <id>",
  },
  run(ctx) {
    const [verb, id] = ctx.command.args;
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
    if (!p || !["preview", "status", "send", "pause", "resume"].includes(verb ?? "")) {
      return [id !== undefined && !p ? say(ctx, "promoUnknown", { target: id }) : usage(ctx, promo)];
    }
    if (verb === "preview") return [say(ctx, "promoPreview", { target: p.id, text: p.text })];
    if (verb === "status") return [statusOf(ctx, p.id)];
    if (!ctx.promos) return [say(ctx, "promoNoQueue")];
    if (verb === "send") {
      ctx.promos.sendNow(p.id, ctx.event.at);
      return [say(ctx, "promoSent", { target: p.id })];
    }
    if (verb === "pause") pausePromo(db, p.id, ctx.caller.id, ctx.event.at);
    else resumePromo(db, p.id);
    ctx.promos.reconcile();
    return [say(ctx, verb === "pause" ? "promoPaused" : "promoResumed", { target: p.id })];
  },
};

/** How the latest slot of a promo went: counts by state, and the chats whose delivery is uncertain. */
function statusOf(ctx: CommandContext, id: string) {
  const summary = latestSlotSummary(ctx.database.db, id);
  if (!summary) return say(ctx, "promoNeverSent", { target: id });
  const c = summary.counts;
  // An uncertain delivery may or may not have arrived: the owner decides whether to resend by hand.
  // Named by title, as the owner knows the groups; "platform:id" only when no title was ever seen.
  const shown = summary.uncertain
    .slice(0, 10)
    .map((key) => {
      const [platform, ...id] = key.split(":");
      const chat = getChat(ctx.database.db, { platform: platform as Platform, chatId: id.join(":") });
      return chat?.title ?? key;
    })
    .join(zhOrEn(ctx.locale, "、", ", "));
  const more = summary.uncertain.length > 10 ? " …" : "";
  return say(ctx, "promoStatus", {
    target: id,
    time: formatLocalTime(summary.slot, ctx.timeZone, ctx.locale),
    sent: c.sent,
    failed: c.failed,
    uncertain: c.uncertain,
    pending: c.claimed + c.released,
    text: shown ? `\n⚠ ${shown}${more}` : "",
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
