/**
 * The complaint desk: a complaint in a desk group opens a ticket, the customer
 * hears its number and when to expect an answer, staff hear of it, and its
 * deadlines are set. Staff answering in the group (a reply to the customer, or
 * an @mention on WeChat) is the first response; `/ticket` commands take,
 * answer and close tickets; a closed ticket asks the customer for a score.
 *
 * Bookings use the same desk: a booking request the engine read (in chats
 * that take bookings) becomes a ticket of kind `booking` (src/bookings).
 *
 * It runs after the engine: a message the rules removed as spam is no
 * complaint. Storage trouble is logged and never stops moderation.
 */
import { type BookingConfig, bookingConfig, takesBookings } from "../bookings/booking-config.js";
import { takeBooking } from "../bookings/booking-intake.js";
import { type ChatRef, chatKey, type MessageEvent } from "../core/chat-event.js";
import type { Action, Decision } from "../core/decision.js";
import {
  closeTicket,
  type Database,
  type Deadline,
  dbChat,
  declineBooking,
  getChat,
  markFirstResponse,
  openTicket,
  openTicketsOf,
  rateTicket,
  type TicketRow,
  ticketAwaitingScore,
} from "../db/mod.js";
import { redactPersonalData } from "../db/redact-personal-data.js";
import { redactText } from "../engine/detectors/redact.js";
import type { EngineMemory } from "../engine/memory.js";
import type { Logger } from "../log/logger.js";
import type { RulePack } from "../rules/rule-pack.js";
import type { StaffTier } from "../rules/schema.js";
import { type DeskConfig, deskConfig, isStaffPerson, serves } from "./desk-config.js";
import type { DeadlineScheduler, Outbox } from "./desk-types.js";
import { spokenDuration } from "./spoken-duration.js";
import { alertStaff, ticketLocale, ticketWords, tierTargets } from "./staff-alerts.js";

/** The rule name on the desk's actions and log lines. */
export const COMPLAINT_RULE = "complaint";

/** Longest complaint text kept on a ticket. */
const MAX_TICKET_TEXT = 1000;

export interface TicketDeskOptions {
  database: Database;
  pack: () => RulePack;
  /** The engine's memory: flood/repeat/member-age tests in complaint patterns read it. */
  memory: EngineMemory;
  /** An admin of the event's chat (the command layer's permission model). */
  isAdmin: (event: MessageEvent, category: string) => boolean;
  /** Chats in shadow mode open no tickets. */
  isDryRun?: (chat: string) => boolean;
  /** Deadline timers (BullMQ, or in-process without Redis); without them (simulate) none are watched. */
  deadlines?: DeadlineScheduler;
  /** Staff chats, private messages, a ticket's group; without it staff hear through the audit log only. */
  outbox?: Outbox;
  logger?: Logger;
}

export class TicketDesk {
  constructor(readonly options: TicketDeskOptions) {}

  get config(): DeskConfig | undefined {
    return deskConfig(this.options.pack());
  }

  /** Bookings, when the pack takes them. */
  get bookings(): BookingConfig | undefined {
    return bookingConfig(this.options.pack());
  }

  /** The staff tiers a ticket goes through: the bookings' for a booking, the complaint desk's otherwise. */
  tiersOf(ticket: TicketRow): readonly StaffTier[] | undefined {
    return ticket.kind === "booking" ? this.bookings?.tiers : this.config?.tiers;
  }

  get pack(): RulePack {
    return this.options.pack();
  }

  get database(): Database {
    return this.options.database;
  }

  /** Staff for a ticket of this chat: an admin of the chat, or desk staff. */
  isStaff(event: MessageEvent, category: string): boolean {
    return this.options.isAdmin(event, category) || this.isDeskStaff(event);
  }

  /** Staff of the whole desk (every ticket): a person named in a staff tier, or anyone in a staff chat. */
  isDeskStaff(event: MessageEvent): boolean {
    const person = `${event.chat.platform}:${event.sender.id}`;
    const chat = chatKey(event.chat);
    const config = this.config;
    if (
      config &&
      (isStaffPerson(config, event.chat.platform, event.sender.id) || config.staffChats.has(chat))
    )
      return true;
    const bookings = this.bookings;
    return bookings !== undefined && (bookings.staffPeople.has(person) || bookings.staffChats.has(chat));
  }

  /** What the desk adds to the decision about a member's message (nothing for most). */
  onMessage(event: MessageEvent, decision: Decision): Action[] {
    if (event.edited) return [];
    const found = this.config;
    const config = found && serves(found, event.chat, decision.category) ? found : undefined;
    const bookings = this.bookings;
    const takesHere = bookings !== undefined && takesBookings(bookings, event.chat, decision.category);
    if (!config && !takesHere) return [];
    if (takenDownAsSpam(event, decision)) return [];
    if (this.options.isDryRun?.(chatKey(event.chat))) return [];
    try {
      if (this.isStaff(event, decision.category)) {
        this.noteStaffAnswer(event);
        return [];
      }
      if (decision.booking && bookings && takesHere)
        return takeBooking(this, event, decision.booking, decision.category, bookings);
      if (!config) return [];
      const score = bareScore(event.text);
      if (score !== undefined) return this.scoreFromChat(event, config, score);
      if (!config.matcher.matches(event, chatKey(event.chat), this.options.memory)) return [];
      // One open complaint per customer and group: more messages are the same matter.
      if (openTicketsOf(this.database.db, dbChat(event.chat), event.sender.id, "complaint").length > 0)
        return [];
      return this.open(event, decision.category, config);
    } catch (error) {
      this.options.logger?.error(
        { event: "storage", what: "ticket", chat: event.chat.id, err: error },
        "complaint desk failed on a message",
      );
      return [];
    }
  }

  private open(event: MessageEvent, category: string, config: DeskConfig): Action[] {
    // A booking is read by the engine and taken above; this is a complaint.
    const ticket = openTicket(this.database.db, {
      chat: dbChat(event.chat),
      userId: event.sender.id,
      displayName: redactPersonalData(event.sender.displayName),
      category,
      messageId: event.messageId,
      text: redactText(event.text).slice(0, MAX_TICKET_TEXT),
      at: event.at,
      firstResponseDue: event.at + config.firstResponseMs,
      resolutionDue: event.at + config.resolutionMs,
    });
    const pack = this.pack;
    const locale = ticketLocale(pack, category);
    const duration = spokenDuration(config.firstResponseMs, locale);
    const staffText = ticketWords(pack, ticket, "ticketStaffNew", {
      target: this.place(ticket),
      text: ticket.text.slice(0, 300),
      duration,
    });
    this.handToStaff(ticket, config.tiers, staffText, COMPLAINT_RULE);
    this.options.logger?.info(
      {
        event: "ticket",
        ticket: ticket.id,
        platform: ticket.platform,
        chat: ticket.chatId,
        user: ticket.userId,
      },
      "ticket opened",
    );
    return [
      {
        type: "reply",
        rule: COMPLAINT_RULE,
        user: event.sender.id,
        text: ticketWords(pack, ticket, "ticketOpened", { duration }),
      },
      // The record of the staff alert in the audit log (and the only one when no staff tier is set).
      { type: "notify", rule: COMPLAINT_RULE, user: event.sender.id, text: staffText },
    ];
  }

  /** Staff speaking to a customer in the group (reply or @mention) answers their open tickets. */
  private noteStaffAnswer(event: MessageEvent): void {
    const customers = new Set(event.mentions);
    if (event.replyTo) customers.add(event.replyTo.senderId);
    customers.delete(event.sender.id);
    for (const customer of customers) {
      for (const t of openTicketsOf(this.database.db, dbChat(event.chat), customer)) {
        this.respond(t, event.sender.id, event.at);
      }
    }
  }

  /** Records the first response to a ticket and stops its timer; false when it had one. */
  respond(ticket: TicketRow, by: string, at: number): boolean {
    if (!markFirstResponse(this.database.db, ticket.id, by, at)) return false;
    this.cancel(ticket.id, "first_response");
    this.options.logger?.info({ event: "ticket", ticket: ticket.id, by }, "ticket answered");
    return true;
  }

  /** Closes a ticket and stops its timers; false when it was closed already. */
  close(ticket: TicketRow, by: string, at: number): boolean {
    if (!closeTicket(this.database.db, ticket.id, by, at)) return false;
    this.cancel(ticket.id, "first_response");
    this.cancel(ticket.id, "resolution");
    this.options.logger?.info({ event: "ticket", ticket: ticket.id, by }, "ticket closed");
    return true;
  }

  /** Closes a booking staff could not seat and stops its timers; false when it is no open booking. */
  decline(ticket: TicketRow, by: string, at: number): boolean {
    if (!declineBooking(this.database.db, ticket.id, by, at)) return false;
    this.cancel(ticket.id, "first_response");
    this.cancel(ticket.id, "resolution");
    this.options.logger?.info({ event: "ticket", ticket: ticket.id, by }, "booking declined");
    return true;
  }

  /** The customer's score; false when it is not their closed, unscored ticket. */
  rate(ticket: TicketRow, userId: string, score: number, at: number): boolean {
    const ok = rateTicket(this.database.db, ticket.id, userId, score, at);
    if (ok) this.options.logger?.info({ event: "ticket", ticket: ticket.id, score }, "ticket scored");
    return ok;
  }

  private scoreFromChat(event: MessageEvent, config: DeskConfig, score: number): Action[] {
    const since = event.at - config.ratingWindowMs;
    const ticket = ticketAwaitingScore(this.database.db, dbChat(event.chat), event.sender.id, since);
    if (!ticket || !this.rate(ticket, event.sender.id, score, event.at)) return [];
    return [
      {
        type: "reply",
        rule: COMPLAINT_RULE,
        user: event.sender.id,
        text: ticketWords(this.pack, ticket, "ticketRated", { count: score }),
      },
    ];
  }

  /** The group's title as last seen, or its id. */
  place(ticket: TicketRow): string {
    const chat = getChat(this.database.db, { platform: ticket.platform, chatId: ticket.chatId });
    return chat?.title ?? ticket.chatId;
  }

  /** Sends to another chat through the outbox; false when there is none or sending failed. */
  async send(chat: ChatRef, text: string, mention?: string): Promise<boolean> {
    if (!this.options.outbox) return false;
    try {
      await this.options.outbox(chat, text, { mention });
      return true;
    } catch (error) {
      this.options.logger?.warn(
        { event: "platform", chat: chat.id, err: error },
        "could not send for a ticket",
      );
      return false;
    }
  }

  /** Watches a deadline (timers of this bot); a failure is logged, the next start makes up for it. */
  /**
   * A new ticket (complaint or booking) goes to staff: its deadlines are watched and the first
   * tier is alerted.
   */
  handToStaff(ticket: TicketRow, tiers: readonly StaffTier[], staffText: string, rule: string): void {
    this.scheduleDeadline(ticket, "first_response", ticket.firstResponseDue);
    this.scheduleDeadline(ticket, "resolution", ticket.resolutionDue);
    void alertStaff(this.options.outbox, this.options.logger, tierTargets(tiers[0]), staffText, ticket, rule);
  }

  scheduleDeadline(ticket: TicketRow, deadline: Deadline, dueAt: number): void {
    this.options.deadlines?.schedule({ ticketId: ticket.id, deadline, dueAt }).catch((error: unknown) => {
      // Not lost: the ticket row keeps its deadline, and the next start handles it.
      this.options.logger?.warn(
        { event: "queue", err: error, ticket: ticket.id },
        "could not schedule a deadline",
      );
    });
  }

  private cancel(ticketId: number, deadline: Deadline): void {
    this.options.deadlines?.cancel(ticketId, deadline).catch((error: unknown) => {
      // Harmless: the timer finds the ticket answered or closed and does nothing.
      this.options.logger?.warn(
        { event: "queue", err: error, ticket: ticketId },
        "could not cancel a deadline",
      );
    });
  }
}

/**
 * The rules punished the sender for this message (warned, muted, removed): spam or poaching, not a
 * complaint. A message deleted without punishment (the privacy rule removing a phone number) still
 * is one; the ticket keeps its text with the number masked.
 */
function takenDownAsSpam(event: MessageEvent, decision: Decision): boolean {
  return decision.actions.some(
    (a) =>
      (a.type === "warn" || a.type === "mute" || a.type === "kick" || a.type === "ban") &&
      a.user === event.sender.id,
  );
}

/** "5", "５", " 4 ": a customer's score; undefined for anything else. */
export function bareScore(text: string): number | undefined {
  const t = text.normalize("NFKC").trim();
  return /^[1-5]$/.test(t) ? Number(t) : undefined;
}
