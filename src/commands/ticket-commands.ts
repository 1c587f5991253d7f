/**
 * The complaint desk from the chat: `/ticket list|show|take|reply|close` for
 * staff (`decline` and `/bookings` for bookings), `/mytickets` and `/rate` for customers. Staff of a complaint group
 * (its admins) see that group's tickets; owners, people named in a staff tier
 * and anyone in a staff chat see every ticket, and may answer a customer from
 * the staff chat: the answer is posted in the customer's group.
 */

import { BOOKING_RULE } from "../bookings/booking-intake.js";
import { describeTicketBooking } from "../bookings/booking-words.js";
import { ticketWords } from "../complaints/staff-alerts.js";
import { COMPLAINT_RULE, type TicketDesk } from "../complaints/ticket-desk.js";
import type { Action } from "../core/decision.js";
import {
  assignTicket,
  dbChat,
  getTicket,
  openTickets,
  openTicketsOf,
  TICKET_KINDS,
  type TicketKind,
  type TicketRow,
} from "../db/mod.js";
import { formatLocalTime } from "../words/local-time.js";
import { type Locale, render, type TemplateKey } from "../words/templates.js";
import { taiwanTable } from "../words/traditional.js";
import { type CommandContext, type CommandSpec, say, usage } from "./command-context.js";

const VERBS = ["show", "take", "reply", "close", "decline"];

const ticket: CommandSpec = {
  name: "ticket",
  access: "staff",
  usage: {
    "zh-CN":
      "/ticket list [booking|complaint] | show <编号> | take <编号> | reply <编号> <内容> | close <编号> | decline <编号> [原因]",
    en: "/ticket list [booking|complaint] | show <n> | take <n> | reply <n> <text> | close <n> | decline <n> [reason]",
  },
  run(ctx) {
    const desk = ctx.desk;
    const [verb, arg, more] = ctx.command.args;
    if (verb === "list" && more === undefined && (arg === undefined || isKind(arg)))
      return [list(ctx, desk, arg as TicketKind | undefined)];
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
          text: state(ctx, t),
          reason:
            t.kind === "booking"
              ? `${describeTicketBooking(ctx.pack, t, ctx.locale, true)}\n${t.text}`
              : t.text,
        }),
      ];
    }
    if (t.closedAt !== null) return [say(ctx, "ticketAlreadyClosed", words)];
    if (verb === "decline" && t.kind !== "booking") return [say(ctx, "bookingNotBooking", words)];
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
    if (t.kind === "booking") return settleBooking(ctx, desk, t, verb === "decline");
    desk.close(t, ctx.caller.id, ctx.event.at);
    return toCustomer(ctx, desk, t, ticketWords(desk.pack, t, "ticketClosedAsk"), "ticketClosed");
  },
};

const bookings: CommandSpec = {
  name: "bookings",
  access: "staff",
  usage: {
    "zh-CN": "/bookings 待确认的订位（按到店时间）",
    en: "/bookings bookings to confirm, by table time",
  },
  run(ctx) {
    const desk = ctx.desk;
    const db = ctx.database.db;
    const wide = ctx.caller.owner || ctx.caller.staff === true;
    const open = desk
      ? wide
        ? openTickets(db, undefined, "booking")
        : openTickets(db, dbChat(ctx.event.chat), "booking")
      : [];
    if (open.length === 0) return [say(ctx, "bookingListNone")];
    open.sort((a, b) => (a.bookedFor ?? 0) - (b.bookedFor ?? 0) || a.id - b.id);
    const shown = open.slice(0, 30).map((t) => {
      const where = wide ? ` ${desk!.place(t)}` : "";
      return `#${t.id}${where} · ${t.displayName}: ${describeTicketBooking(ctx.pack, t, ctx.locale, true)} (${state(ctx, t)})`;
    });
    if (open.length > 30) shown.push(`… +${open.length - 30}`);
    return [say(ctx, "bookingList", { text: shown.join("\n") })];
  },
};

/**
 * Closing a booking confirms it; declining closes it as not seated (with the reason given, or a
 * polite default). Either way the customer hears it, repeating what they booked.
 */
function settleBooking(ctx: CommandContext, desk: TicketDesk, t: TicketRow, declined: boolean): Action[] {
  const by = ctx.caller.id;
  const at = ctx.event.at;
  if (declined) desk.decline(t, by, at);
  else desk.close(t, by, at);
  const pack = desk.pack;
  const locale = ticketLocaleOf(ctx, t);
  const what = describeTicketBooking(pack, t, locale);
  const reason =
    ctx.command.rest.replace(/^\S+\s+\S+\s*/, "").trim() ||
    render(locale, "bookingDeclinedReason", {}, pack.templates);
  const text = declined
    ? ticketWords(pack, t, "bookingDeclined", { text: what, reason })
    : ticketWords(pack, t, "bookingConfirmed", { text: what });
  return toCustomer(
    ctx,
    desk,
    t,
    text,
    declined ? "bookingDeclinedStaff" : "bookingConfirmedStaff",
    BOOKING_RULE,
  );
}

/** The locale the ticket's customer reads: that of the ticket's category. */
function ticketLocaleOf(ctx: CommandContext, t: TicketRow): Locale {
  return ctx.pack.categories[t.category]?.locale ?? "zh-CN";
}

function isKind(word: string): boolean {
  return (TICKET_KINDS as readonly string[]).includes(word);
}

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
        `#${t.id} ${formatLocalTime(t.openedAt, ctx.timeZone, ctx.locale)} ${summary(ctx, t)} (${state(ctx, t)})`,
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

export const TICKET_COMMANDS: CommandSpec[] = [ticket, bookings, mytickets, rate];

/** Owners, staff people and staff chats see every ticket; a group's admins see the group's. */
function visible(ctx: CommandContext, t: TicketRow): boolean {
  const here = t.platform === ctx.event.chat.platform && t.chatId === ctx.event.chat.id;
  return here || ctx.caller.owner || ctx.caller.staff === true;
}

function list(ctx: CommandContext, desk: TicketDesk | undefined, kind: TicketKind | undefined) {
  const db = ctx.database.db;
  const wide = ctx.caller.owner || ctx.caller.staff === true;
  const open = desk
    ? wide
      ? openTickets(db, undefined, kind)
      : openTickets(db, dbChat(ctx.event.chat), kind)
    : [];
  if (open.length === 0) return say(ctx, kind === "booking" ? "bookingListNone" : "ticketListNone");
  const shown = open.slice(0, 30).map((t) => {
    const where = wide ? ` ${desk!.place(t)}` : "";
    return `#${t.id} [${kindWord(ctx, t)}]${where} · ${t.displayName}: ${summary(ctx, t)} (${state(ctx, t)})`;
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
  confirm: TemplateKey,
  rule = COMPLAINT_RULE,
): Action[] {
  const here = t.platform === ctx.event.chat.platform && t.chatId === ctx.event.chat.id;
  if (here) return [{ type: "reply", rule, user: t.userId, ticket: t.id, text }];
  void desk.send({ platform: t.platform, id: t.chatId }, text, t.userId);
  return [say(ctx, confirm, { number: t.id, target: desk.place(t) })];
}

/** "12" or "#12". */
function ticketNumber(arg: string | undefined): number | undefined {
  const m = /^#?(\d{1,9})$/.exec(arg ?? "");
  return m ? Number(m[1]) : undefined;
}

/** What a ticket is about in a list line: the booked table, or the complaint's first words. */
function summary(ctx: CommandContext, t: TicketRow): string {
  return t.kind === "booking" ? describeTicketBooking(ctx.pack, t, ctx.locale) : short(t.text);
}

function kindWord(ctx: CommandContext, t: TicketRow): string {
  return render(
    ctx.locale,
    t.kind === "booking" ? "ticketKindBooking" : "ticketKindComplaint",
    {},
    ctx.pack.templates,
  );
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

/** A ticket's state in a few words; a booking's is to confirm, confirmed or declined. */
function state(ctx: CommandContext, t: TicketRow): string {
  const locale = ctx.locale;
  const w = STATES[locale];
  const word = (key: TemplateKey) => render(locale, key, {}, ctx.pack.templates);
  const booking = t.kind === "booking";
  const settled = t.outcome === "declined" ? word("bookingStateDeclined") : word("bookingStateConfirmed");
  const parts = [
    t.closedAt !== null
      ? booking
        ? settled
        : w.closed!
      : t.firstResponseAt !== null
        ? w.answered!
        : booking
          ? word("bookingStateWaiting")
          : w.waiting!,
  ];
  if (t.assignee) parts.push(`${w.by} ${t.assignee}`);
  if (t.firstResponseMissedAt !== null) parts.push(`⏰ ${w.late}`);
  if (t.resolutionMissedAt !== null) parts.push(`⏰ ${w.overdue}`);
  if (t.score !== null) parts.push(`${w.score} ${t.score}/5`);
  return parts.join(", ");
}
