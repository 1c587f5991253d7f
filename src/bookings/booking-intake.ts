/**
 * The booking desk: a complete request becomes a ticket of kind `booking`
 * (the complaint desk's tickets, staff tiers, alerts and deadlines), the
 * customer hears what was understood and by when staff confirm, and the first
 * staff tier hears of it. An incomplete one gets the prompt naming what is
 * missing, and no ticket. The same table asked for again is the same ticket.
 */

import { spokenDuration } from "../complaints/spoken-duration.js";
import { ticketLocale, ticketWords } from "../complaints/staff-alerts.js";
import type { TicketDesk } from "../complaints/ticket-desk.js";
import { type BookingRequest, isComplete } from "../core/booking-request.js";
import type { MessageEvent } from "../core/chat-event.js";
import { localDay } from "../core/clock.js";
import type { Action } from "../core/decision.js";
import { dbChat, openTicket, openTicketsOf } from "../db/mod.js";
import { redactPersonalData } from "../db/redact-personal-data.js";
import { redactText } from "../engine/detectors/redact.js";
import type { BookingConfig } from "./booking-config.js";
import { bookingPrompt, describeBooking, describeTicketBooking } from "./booking-words.js";

/** The rule name on the booking desk's actions and log lines. */
export const BOOKING_RULE = "booking";

/** Longest message text kept on a booking ticket. */
const MAX_TICKET_TEXT = 1000;

/** What the booking desk answers to a customer's request. */
export function takeBooking(
  desk: TicketDesk,
  event: MessageEvent,
  request: BookingRequest,
  category: string,
  config: BookingConfig,
): Action[] {
  const pack = desk.pack;
  const locale = ticketLocale(pack, category);
  const user = event.sender.id;
  if (!isComplete(request)) {
    const text = bookingPrompt(locale, request, event.sender.displayName, pack.templates);
    return [{ type: "reply", rule: BOOKING_RULE, user, text }];
  }
  const db = desk.database.db;
  const chat = dbChat(event.chat);
  const same = openTicketsOf(db, chat, user, "booking").find((t) => t.bookedFor === request.at);
  if (same) {
    const text = ticketWords(pack, same, "bookingAgain", { text: describeTicketBooking(pack, same, locale) });
    return [{ type: "reply", rule: BOOKING_RULE, user, ticket: same.id, text }];
  }
  // Confirmed within the configured time, and in any case before the guests arrive.
  const confirmBy = Math.min(event.at + config.confirmWithinMs, request.at);
  const ticket = openTicket(db, {
    chat,
    userId: user,
    displayName: redactPersonalData(event.sender.displayName),
    category,
    messageId: event.messageId,
    text: redactText(event.text).slice(0, MAX_TICKET_TEXT),
    at: event.at,
    firstResponseDue: confirmBy,
    resolutionDue: request.at,
    kind: "booking",
    booking: {
      bookedFor: request.at,
      partySize: request.party!,
      contactName: request.name === undefined ? undefined : redactPersonalData(request.name),
      contactPhone: request.phone,
    },
  });
  const duration = spokenDuration(confirmBy - event.at, locale);
  const what = describeBooking(
    locale,
    { date: request.date!, time: request.time!, party: request.party! },
    localDay(event.at, config.read.timeZone).slice(0, 4),
    pack.templates,
  );
  const staffText = ticketWords(pack, ticket, "bookingStaffNew", {
    target: desk.place(ticket),
    text: describeTicketBooking(pack, ticket, locale, true),
    reason: ticket.text.slice(0, 300),
    duration,
  });
  desk.handToStaff(ticket, config.tiers, staffText, BOOKING_RULE);
  desk.options.logger?.info(
    {
      event: "ticket",
      kind: "booking",
      ticket: ticket.id,
      platform: ticket.platform,
      chat: ticket.chatId,
      user,
    },
    "booking opened",
  );
  return [
    {
      type: "reply",
      rule: BOOKING_RULE,
      user,
      ticket: ticket.id,
      text: ticketWords(pack, ticket, "bookingReceived", { text: what, duration }),
    },
    // The record of the staff alert in the audit log (and the only one when no staff tier is set).
    { type: "notify", rule: BOOKING_RULE, user, ticket: ticket.id, text: staffText },
  ];
}
