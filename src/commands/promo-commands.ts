/** /promo list | preview <id> | send <id> | pause <id> | resume <id>: the merchant's scheduled pushes, from the chat. */
import { pausedPromos, pausePromo, resumePromo } from "../db/mod.js";
import { type CommandSpec, say, usage } from "./command-context.js";

const promo: CommandSpec = {
  name: "promo",
  access: "admin",
  usage: {
    "zh-CN": "/promo list | preview <id> | send <id> | pause <id> | resume <id>",
    en: "/promo list | preview <id> | send <id> | pause <id> | resume <id>",
  },
  run(ctx) {
    const [verb, id] = ctx.command.args;
    const promos = ctx.pack.promos;
    const db = ctx.database.db;
    if (verb === "list" && id === undefined) {
      const paused = pausedPromos(db);
      const lines = promos.map((p) => {
        const state = !p.enabled ? "off" : paused.has(p.id) ? "paused" : "on";
        const targets = [
          ...p.targets.categories,
          ...p.targets.groups.map((g) => `${g.platform}:${g.id}`),
        ].join(", ");
        return `• ${p.id} [${state}] ${p.cron} (${p.time_zone}) → ${targets || "—"}`;
      });
      return [say(ctx, "promoList", { text: lines.join("\n") || "—" })];
    }
    const p = id === undefined ? undefined : promos.find((x) => x.id === id);
    if (!p || !["preview", "send", "pause", "resume"].includes(verb ?? "")) {
      return [id !== undefined && !p ? say(ctx, "promoUnknown", { target: id }) : usage(ctx, promo)];
    }
    if (verb === "preview") return [say(ctx, "promoPreview", { target: p.id, text: p.text })];
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

export const PROMO_COMMANDS: CommandSpec[] = [promo];
