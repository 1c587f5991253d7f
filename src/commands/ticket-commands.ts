/**
 * The complaint desk from the chat: `/ticket list|show|take|reply|close` for
 * staff, `/mytickets` and `/rate` for customers. Staff of a complaint group
 * (its admins) see that group's tickets; owners, people named in a staff tier
 * and anyone in a staff chat see every ticket, and may answer a customer from
 * the staff chat: the answer is posted in the customer's group.
 */

import { ticketWords } from "../complaints/staff-alerts.js";
import { COMPLAINT_RULE, type TicketDesk } from "../complaints/ticket-desk.js";
import type { Action } from "../core/decision.js";
import { assignTicket, dbChat, getTicket, openTickets, openTicketsOf, type TicketRow } from "../db/mod.js";
import { formatLocalTime } from "../words/local-time.js";
import type { Locale } from "../words/templates.js";
import { taiwanTable } from "../words/traditional.js";
import { type CommandContext, type CommandSpec, say, usage } from "./command-context.js";

const VERBS = ["show", "take", "reply", "close"];

const ticket: CommandSpec = {
  name: "ticket",
  access: "staff",
  usage: {
    "zh-CN": "/ticket list | show <编号> | take <编号> | reply <编号> <内容> | close <编号>",
    en: "/ticket list | show <n> | take <n> | reply <n> <text> | close <n>",
  },
  run(ctx) {
    const desk = ctx.desk;
    const [verb, arg] = ctx.command.args;
    if (verb === "list" && arg === undefined) return [list(ctx, desk)];
    const n = ticketNumber(arg);
    if (!VERBS.includes(verb ?? "") || n === undefined) return [usage(ctx, ticket)];
    const t = desk && getTicket(ctx.database.db, n);
    if (!desk || !t || !visible(ctx, t)) return [say(ctx, "ticketUnknown", { target: arg })];
    const words = { number: t.id, target: desk.place(t) };
    if (verb === "show") {
      return [
        say(ctx, "ticketShow", {
          ...words,
          name: t.displayName,
          time: formatLocalTime(t.openedAt, ctx.timeZone, ctx.locale),
          text: state(t, ctx.locale),
          reason: t.text,
        }),
      ];
    }
    if (t.closedAt !== null) return [say(ctx, "ticketAlreadyClosed", words)];
    if (verb === "take") {
      assignTicket(ctx.database.db, t.id, ctx.caller.id);
      return [say(ctx, "ticketTaken", { ...words, name: ctx.event.sender.displayName })];
    }
    if (verb === "reply") {
      const text = ctx.command.rest.replace(/^\S+\s+\S+\s*/, "").trim();
      if (text === "") return [usage(ctx, ticket)];
      desk.respond(t, ctx.caller.id, ctx.event.at);
      return toCustomer(ctx, desk, t, ticketWords(desk.pack, t, "ticketReply", { text }), "ticketReplied");
    }
    desk.close(t, ctx.caller.id, ctx.event.at);
    return toCustomer(ctx, desk, t, ticketWords(desk.pack, t, "ticketClosedAsk"), "ticketClosed");
  },
};

const mytickets: CommandSpec = {
  name: "mytickets",
  access: "anyone",
  usage: { "zh-CN": "/mytickets 查看我未关闭的工单", en: "/mytickets your open tickets" },
  run(ctx) {
    const name = ctx.event.sender.displayName;
    const mine = openTicketsOf(ctx.database.db, dbChat(ctx.event.chat), ctx.caller.id);
    if (mine.length === 0) return [say(ctx, "myTicketsNone", { name })];
    const lines = mine.map(
      (t) =>
        `#${t.id} ${formatLocalTime(t.openedAt, ctx.timeZone, ctx.locale)} ${short(t.text)} (${state(t, ctx.locale)})`,
    );
    return [say(ctx, "myTickets", { name, text: lines.join("\n") })];
  },
};

const rate: CommandSpec = {
  name: "rate",
  access: "anyone",
  usage: { "zh-CN": "/rate <工单编号> <1-5>", en: "/rate <ticket> <1-5>" },
  run(ctx) {
    const [arg, scoreText, ...more] = ctx.command.args;
    const n = ticketNumber(arg);
    const score = Number(scoreText);
    if (n === undefined || more.length > 0 || !/^[1-5]$/.test(scoreText ?? "")) return [usage(ctx, rate)];
    const t = getTicket(ctx.database.db, n);
    if (!ctx.desk || !t || !ctx.desk.rate(t, ctx.caller.id, score, ctx.event.at))
      return [say(ctx, "ticketRateRefused")];
    return [say(ctx, "ticketRated", { number: t.id, name: ctx.event.sender.displayName, count: score })];
  },
};

export const TICKET_COMMANDS: CommandSpec[] = [ticket, mytickets, rate];

/** Owners, staff people and staff chats see every ticket; a group's admins see the group's. */
function visible(ctx: CommandContext, t: TicketRow): boolean {
  const here = t.platform === ctx.event.chat.platform && t.chatId === ctx.event.chat.id;
  return here || ctx.caller.owner || ctx.caller.staff === true;
}

function list(ctx: CommandContext, desk: TicketDesk | undefined) {
  const db = ctx.database.db;
  const wide = ctx.caller.owner || ctx.caller.staff === true;
  const open = desk ? (wide ? openTickets(db) : openTickets(db, dbChat(ctx.event.chat))) : [];
  if (open.length === 0) return say(ctx, "ticketListNone");
  const shown = open.slice(0, 30).map((t) => {
    const where = wide ? ` ${desk!.place(t)}` : "";
    return `#${t.id}${where} · ${t.displayName}: ${short(t.text)} (${state(t, ctx.locale)})`;
  });
  if (open.length > 30) shown.push(`… +${open.length - 30}`);
  return say(ctx, "ticketList", { text: shown.join("\n") });
}

/**
 * What goes to the customer: in their group, a reply mentioning them; from elsewhere (a staff chat),
 * posted in their group, with a confirmation here.
 */
function toCustomer(
  ctx: CommandContext,
  desk: TicketDesk,
  t: TicketRow,
  text: string,
  confirm: "ticketReplied" | "ticketClosed",
): Action[] {
  const here = t.platform === ctx.event.chat.platform && t.chatId === ctx.event.chat.id;
  if (here) return [{ type: "reply", rule: COMPLAINT_RULE, user: t.userId, text }];
  void desk.send({ platform: t.platform, id: t.chatId }, text, t.userId);
  return [say(ctx, confirm, { number: t.id, target: desk.place(t) })];
}

/** "12" or "#12". */
function ticketNumber(arg: string | undefined): number | undefined {
  const m = /^#?(\d{1,9})$/.exec(arg ?? "");
  return m ? Number(m[1]) : undefined;
}

function short(text: string): string {
  const oneLine = text.replace(/\s+/g, " ");
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine;
}

const ZH_STATES = {
  waiting: "待回复",
  answered: "已回复",
  closed: "已关闭",
  by: "负责人",
  late: "首次回复超时",
  overdue: "处理超时",
  score: "评分",
};

const STATES: Record<Locale, Record<string, string>> = {
  "zh-CN": ZH_STATES,
  "zh-TW": taiwanTable(ZH_STATES),
  en: {
    waiting: "awaiting reply",
    answered: "answered",
    closed: "closed",
    by: "handled by",
    late: "first response late",
    overdue: "resolution late",
    score: "score",
  },
};

/** A ticket's state in a few words. */
function state(t: TicketRow, locale: Locale): string {
  const w = STATES[locale];
  const parts = [t.closedAt !== null ? w.closed! : t.firstResponseAt !== null ? w.answered! : w.waiting!];
  if (t.assignee) parts.push(`${w.by} ${t.assignee}`);
  if (t.firstResponseMissedAt !== null) parts.push(`⏰ ${w.late}`);
  if (t.resolutionMissedAt !== null) parts.push(`⏰ ${w.overdue}`);
  if (t.score !== null) parts.push(`${w.score} ${t.score}/5`);
  return parts.join(", ");
}
