/**
 * What a command sees: the event, who is calling, the engine's memory, the
 * command state, and helpers to answer and to find the member a command is
 * about (by reply, by @mention, or by user id / name as the first argument).
 */
import type { TicketDesk } from "../complaints/ticket-desk.js";
import type { MessageEvent } from "../core/chat-event.js";
import type { Action, ReplyAction } from "../core/decision.js";
import type { Database, DbChat } from "../db/mod.js";
import type { Engine } from "../engine/engine.js";
import { namesLookAlike } from "../engine/text/fold-name.js";
import type { AdminLearning } from "../learning/admin-learning.js";
import type { RecentMessages } from "../learning/recent-messages.js";
import type { LoadResult } from "../rules/load.js";
import type { RulePack } from "../rules/rule-pack.js";
import { inLocale, type LocalizedText } from "../words/localized.js";
import { type Locale, render, type TemplateKey } from "../words/templates.js";
import type { CommandState } from "./command-state.js";
import type { ParsedCommand } from "./parse-command.js";

/** Who may run a command; "staff" is an admin of the chat or the complaint desk's staff (TicketDesk.isDeskStaff). */
export type Access = "anyone" | "admin" | "appointer" | "owner" | "staff";

export interface CommandContext {
  event: MessageEvent;
  command: ParsedCommand;
  /** chatKey of the event's chat. */
  chat: string;
  category: string;
  locale: Locale;
  /** Zone of the times shown in this chat (timeZoneOf the category). */
  timeZone: string;
  pack: RulePack;
  engine: Engine;
  state: CommandState;
  database: Database;
  /** `staff`: named in a complaint-desk staff tier, or speaking in a staff chat (sees every ticket). */
  caller: { id: string; admin: boolean; owner: boolean; staff?: boolean };
  /** Reloads the rules from disk (the bot's hot-reload path). */
  reload: () => LoadResult;
  /** The promo queue, when this process has one (fire and forget: the queue reports its own failures). */
  promos?: PromoControl;
  /** The complaint desk, when the pack has one. */
  desk?: TicketDesk;
  /** What admins teach (/spam, /notspam); absent where the process does not learn. */
  learning?: AdminLearning;
  /** The chat's latest messages, for /spam and /report. */
  recent: RecentMessages;
}

export interface PromoControl {
  sendNow(promo: string, at: number): void;
  reconcile(): void;
  broadcast(categories: readonly string[], text: string, at: number): void;
  /** Deliveries of one run again, to chats the ledger has just reopened (see reopenUncertain). */
  resend(promo: string, slot: number, chats: readonly DbChat[], at: number): void;
}

export interface CommandSpec {
  name: string;
  aliases?: string[];
  access: Access;
  usage: LocalizedText;
  run(ctx: CommandContext): Action[];
}

export interface Target {
  id: string;
  name: string;
  /** The arguments left once the target (if it was one) is taken off. */
  args: string[];
}

/** An answer in the bot's words. */
export function say(
  ctx: CommandContext,
  key: TemplateKey,
  values: Record<string, string | number | undefined> = {},
): ReplyAction {
  return {
    type: "reply",
    command: ctx.command.name,
    text: render(ctx.locale, key, values, ctx.pack.templates),
  };
}

export function usage(ctx: CommandContext, spec: CommandSpec): ReplyAction {
  return say(ctx, "usage", { usage: inLocale(spec.usage, ctx.locale) });
}

/** "10m", "2h", "1.5d", "30": what an admin types after the member, not a member. */
const DURATION_LIKE = /^(\d+(\.\d+)?\s*[smhdw]|\d{1,4})$/i;

/**
 * The member a command is about, or the answer that explains why there is none. With `spec`, a
 * first argument that reads as a duration (`/mute 10m` with no reply or @) means the member was
 * left out: the answer is the command's usage, not "no member 10m".
 */
export function findTarget(ctx: CommandContext, spec?: CommandSpec): Target | ReplyAction {
  const { event, engine, chat } = ctx;
  let args = ctx.command.args;
  const first = args[0];
  const memory = engine.memory;
  const named = (id: string, fallback?: string) => memory.known(chat, id)?.name ?? fallback ?? id;
  if (event.replyTo) {
    return {
      id: event.replyTo.senderId,
      name: named(event.replyTo.senderId, event.replyTo.senderName),
      args,
    };
  }
  if (event.mentions.length > 0) {
    const id = event.mentions[0]!;
    // The "@name" the platform turned into a mention is still in the text: drop it.
    if (first?.startsWith("@")) args = args.slice(1);
    return { id, name: named(id), args };
  }
  if (first === undefined) return say(ctx, "noTarget");
  const handle = first.replace(/^@/, "");
  if (memory.known(chat, handle)) return { id: handle, name: named(handle), args: args.slice(1) };
  // By name, every member who reads the same counts: a scammer renamed to the owner's nickname
  // must never make "/kick 老板娘" pick one of the two (the owner himself, first seen).
  const matches = memory.findAllByName(chat, (name) => namesLookAlike(name, handle));
  if (matches.length > 1) return say(ctx, "ambiguousTarget", { target: handle, count: matches.length });
  const id = matches[0];
  if (id !== undefined) return { id, name: named(id), args: args.slice(1) };
  if (spec && !first.startsWith("@") && DURATION_LIKE.test(handle)) return usage(ctx, spec);
  return say(ctx, "notInGroup", { target: handle });
}

/** Is the target an admin of the chat (platform admin seen, owner, or bot admin)? */
export function targetIsAdmin(ctx: CommandContext, userId: string): boolean {
  const platform = ctx.event.chat.platform;
  if (ctx.engine.memory.known(ctx.chat, userId)?.admin) return true;
  if (ctx.pack.admins.owners.some((o) => o.platform === platform && o.id === userId)) return true;
  if (ctx.pack.admins.categories[ctx.category]?.some((o) => o.platform === platform && o.id === userId))
    return true;
  return ctx.state.isBotAdmin(ctx.event.chat, ctx.category, userId);
}
