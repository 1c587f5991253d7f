/** /warn, /unwarn, /warns, /resetwarns, /mute, /unmute, /kick, /ban, /unban. */
import type { Action } from "../core/decision.js";
import { parseDuration } from "../rules/duration.js";
import {
  type CommandContext,
  type CommandSpec,
  findTarget,
  say,
  type Target,
  targetIsAdmin,
  usage,
} from "./command-context.js";

/** Longest timed mute or ban; longer ones are refused rather than silently made permanent. */
const MAX_SANCTION_SECONDS = 366 * 86_400;

/** Finds the target and checks it may be sanctioned by this caller; else the answer. */
function sanctionTarget(ctx: CommandContext, spec: CommandSpec): Target | Action[] {
  const target = findTarget(ctx, spec);
  if ("type" in target)
    return ctx.command.args.length === 0 && !ctx.event.replyTo ? [usage(ctx, spec)] : [target];
  if (target.id === ctx.caller.id) return [say(ctx, "selfTarget")];
  if (!ctx.caller.owner && targetIsAdmin(ctx, target.id))
    return [say(ctx, "adminShielded", { name: target.name })];
  return target;
}

/** A duration argument as typed by admins: a number with a unit (bare numbers are ambiguous). */
function durationArg(text: string | undefined): number | undefined {
  if (text === undefined || !/[smhdw]\s*$/i.test(text)) return undefined;
  const seconds = parseDuration(text);
  return seconds !== undefined && seconds > 0 && seconds <= MAX_SANCTION_SECONDS ? seconds : undefined;
}

function reasonOf(args: string[]): string | undefined {
  const reason = args.join(" ").trim();
  return reason === "" ? undefined : reason.slice(0, 200);
}

const warn: CommandSpec = {
  name: "warn",
  access: "admin",
  usage: {
    "zh-CN": "/warn [理由]（回复消息、@成员或写用户 ID）",
    en: "/warn [reason] (reply, @mention or user id)",
  },
  run(ctx) {
    const t = sanctionTarget(ctx, warn);
    if (Array.isArray(t)) return t;
    const cause = { command: "warn", reason: reasonOf(t.args) };
    return ctx.engine.warn(ctx.chat, ctx.category, t.id, ctx.event.at, cause);
  },
};

const unwarn: CommandSpec = {
  name: "unwarn",
  aliases: ["rmwarn"],
  access: "admin",
  usage: { "zh-CN": "/unwarn（回复消息、@成员或写用户 ID）", en: "/unwarn (reply, @mention or user id)" },
  run(ctx) {
    const t = findTarget(ctx, unwarn);
    if ("type" in t) return [t];
    const { count, max } = ctx.engine.warnings(ctx.chat, ctx.category, t.id, ctx.event.at);
    if (count === 0) return [say(ctx, "warns", { name: t.name, count: 0, max })];
    ctx.engine.memory.removeLatestWarning(ctx.chat, t.id);
    return [
      { type: "unwarn", command: "unwarn", user: t.id, count: count - 1 },
      say(ctx, "unwarn", { name: t.name, count: count - 1, max }),
    ];
  },
};

const resetwarns: CommandSpec = {
  name: "resetwarns",
  aliases: ["resetwarn"],
  access: "admin",
  usage: {
    "zh-CN": "/resetwarns（回复消息、@成员或写用户 ID）",
    en: "/resetwarns (reply, @mention or user id)",
  },
  run(ctx) {
    const t = findTarget(ctx, resetwarns);
    if ("type" in t) return [t];
    ctx.engine.memory.clearWarnings(ctx.chat, t.id);
    return [
      { type: "unwarn", command: "resetwarns", user: t.id, count: 0, all: true },
      say(ctx, "resetwarns", { name: t.name }),
    ];
  },
};

const warns: CommandSpec = {
  name: "warns",
  access: "anyone",
  usage: {
    "zh-CN": "/warns [成员]（不写成员：查看自己的警告）",
    en: "/warns [member] (none: your own warnings)",
  },
  run(ctx) {
    const asksAboutOther =
      ctx.event.replyTo !== undefined || ctx.event.mentions.length > 0 || ctx.command.args.length > 0;
    if (asksAboutOther && !ctx.caller.admin) return [say(ctx, "refused", { command: "warns" })];
    const t = asksAboutOther
      ? findTarget(ctx)
      : { id: ctx.caller.id, name: ctx.event.sender.displayName, args: [] as string[] };
    if ("type" in t) return [t];
    const { count, max } = ctx.engine.warnings(ctx.chat, ctx.category, t.id, ctx.event.at);
    return [say(ctx, "warns", { name: t.name, count, max })];
  },
};

const mute: CommandSpec = {
  name: "mute",
  aliases: ["tmute"],
  access: "admin",
  usage: {
    "zh-CN": "/mute <时长> [理由]，时长如 30s、10m、2h、1d、1w",
    en: "/mute <duration> [reason], e.g. 30s, 10m, 2h, 1d, 1w",
  },
  run(ctx) {
    const t = sanctionTarget(ctx, mute);
    if (Array.isArray(t)) return t;
    if (t.args.length === 0) return [usage(ctx, mute)];
    const seconds = durationArg(t.args[0]);
    if (seconds === undefined) return [say(ctx, "badDuration", { target: t.args[0] })];
    ctx.engine.memory.setMute(ctx.chat, t.id, ctx.event.at + seconds * 1000);
    return [{ type: "mute", command: "mute", user: t.id, seconds, reason: reasonOf(t.args.slice(1)) }];
  },
};

const unmute: CommandSpec = {
  name: "unmute",
  access: "admin",
  usage: { "zh-CN": "/unmute（回复消息、@成员或写用户 ID）", en: "/unmute (reply, @mention or user id)" },
  run(ctx) {
    const t = findTarget(ctx, unmute);
    if ("type" in t) return [t];
    ctx.engine.memory.setMute(ctx.chat, t.id, undefined);
    return [{ type: "unmute", command: "unmute", user: t.id }];
  },
};

const kick: CommandSpec = {
  name: "kick",
  access: "admin",
  usage: {
    "zh-CN": "/kick [理由]（回复消息、@成员或写用户 ID）",
    en: "/kick [reason] (reply, @mention or user id)",
  },
  run(ctx) {
    const t = sanctionTarget(ctx, kick);
    if (Array.isArray(t)) return t;
    ctx.engine.memory.clearWarnings(ctx.chat, t.id);
    ctx.engine.memory.setMute(ctx.chat, t.id, undefined);
    return [{ type: "kick", command: "kick", user: t.id, reason: reasonOf(t.args) }];
  },
};

const ban: CommandSpec = {
  name: "ban",
  aliases: ["tban"],
  access: "admin",
  usage: {
    "zh-CN": "/ban [时长] [理由]（不写时长为永久）",
    en: "/ban [duration] [reason] (no duration: permanent)",
  },
  run(ctx) {
    const t = sanctionTarget(ctx, ban);
    if (Array.isArray(t)) return t;
    const looksTimed = t.args[0] !== undefined && /^\d+(\.\d+)?\s*[smhdw]$/i.test(t.args[0]);
    const seconds = looksTimed ? durationArg(t.args[0]) : undefined;
    if (looksTimed && seconds === undefined) return [say(ctx, "badDuration", { target: t.args[0] })];
    const reason = reasonOf(looksTimed ? t.args.slice(1) : t.args);
    ctx.engine.memory.setMute(ctx.chat, t.id, undefined);
    return [
      seconds === undefined
        ? { type: "ban", command: "ban", user: t.id, reason }
        : { type: "ban", command: "ban", user: t.id, seconds, reason },
    ];
  },
};

const unban: CommandSpec = {
  name: "unban",
  access: "admin",
  usage: { "zh-CN": "/unban <用户 ID>（或回复、@成员）", en: "/unban <user id> (or reply, @mention)" },
  run(ctx) {
    const t = findTarget(ctx);
    if ("type" in t) {
      // A banned member is no longer in the group: accept any id given.
      const id = ctx.command.args[0]?.replace(/^@/, "");
      if (id === undefined) return [usage(ctx, unban)];
      return [{ type: "unban", command: "unban", user: id }];
    }
    return [{ type: "unban", command: "unban", user: t.id }];
  },
};

export const MODERATION_COMMANDS: CommandSpec[] = [
  warn,
  unwarn,
  warns,
  resetwarns,
  mute,
  unmute,
  kick,
  ban,
  unban,
];
