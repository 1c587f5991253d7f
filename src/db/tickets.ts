/**
 * Tickets of the desk: complaints and bookings. Every state change is one conditional UPDATE, so two
 * processes (or a timer and an admin) racing on a ticket cannot both win: a
 * deadline is marked missed by exactly one caller, a ticket closed once, a
 * score given once.
 */
import { and, asc, desc, eq, gte, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { type DbChat, inChat, ofMember } from "./chat.js";
import type { Db } from "./open.js";
import { type TicketKind, type TicketRow, tickets } from "./schema.js";

export interface NewTicket {
  chat: DbChat;
  userId: string;
  displayName: string;
  category: string;
  messageId?: string;
  /** Already redacted by the caller. */
  text: string;
  at: number;
  firstResponseDue: number;
  resolutionDue: number;
  /** @defaultValue "complaint" */
  kind?: TicketKind;
  /** What a booking asks for; the name and phone already redacted by the caller. */
  booking?: { bookedFor: number; partySize: number; contactName?: string; contactPhone?: string };
}

/** The deadlines a ticket has. */
export type Deadline = "first_response" | "resolution";

export function openTicket(db: Db, t: NewTicket): TicketRow {
  return db
    .insert(tickets)
    .values({
      platform: t.chat.platform,
      chatId: t.chat.chatId,
      userId: t.userId,
      displayName: t.displayName,
      category: t.category,
      messageId: t.messageId ?? null,
      text: t.text,
      openedAt: t.at,
      firstResponseDue: t.firstResponseDue,
      resolutionDue: t.resolutionDue,
      kind: t.kind ?? "complaint",
      bookedFor: t.booking?.bookedFor ?? null,
      partySize: t.booking?.partySize ?? null,
      contactName: t.booking?.contactName ?? null,
      contactPhone: t.booking?.contactPhone ?? null,
    })
    .returning()
    .get();
}

export function getTicket(db: Db, id: number): TicketRow | undefined {
  return db.select().from(tickets).where(eq(tickets.id, id)).get();
}

/** Open tickets, oldest first; of one chat and of one kind when given. */
export function openTickets(db: Db, chat?: DbChat, kind?: TicketKind): TicketRow[] {
  return db
    .select()
    .from(tickets)
    .where(
      and(
        isNull(tickets.closedAt),
        chat ? inChat(tickets, chat) : undefined,
        kind ? eq(tickets.kind, kind) : undefined,
      ),
    )
    .orderBy(asc(tickets.id))
    .all();
}

/** A member's open tickets in one chat, oldest first; of one kind when given. */
export function openTicketsOf(db: Db, chat: DbChat, userId: string, kind?: TicketKind): TicketRow[] {
  return db
    .select()
    .from(tickets)
    .where(
      and(
        ofMember(tickets, chat, userId),
        isNull(tickets.closedAt),
        kind ? eq(tickets.kind, kind) : undefined,
      ),
    )
    .orderBy(asc(tickets.id))
    .all();
}

/** Records the first staff answer; false when the ticket had one already or is closed. */
export function markFirstResponse(db: Db, id: number, by: string, at: number): boolean {
  return (
    db
      .update(tickets)
      .set({ firstResponseAt: at, firstResponseBy: by })
      .where(and(eq(tickets.id, id), isNull(tickets.firstResponseAt), isNull(tickets.closedAt)))
      .run().changes > 0
  );
}

/**
 * Marks a deadline missed and raises the ticket to `tier`, when it really is missed: the ticket is
 * open, the deadline not marked before, and (for the first response) nobody has answered. True for
 * exactly one caller per ticket and deadline.
 */
export function markDeadlineMissed(
  db: Db,
  id: number,
  deadline: Deadline,
  tier: number,
  at: number,
): boolean {
  const open = and(eq(tickets.id, id), isNull(tickets.closedAt));
  const raise = sql`max(${tickets.tier}, ${tier})`;
  const result =
    deadline === "first_response"
      ? db
          .update(tickets)
          .set({ firstResponseMissedAt: at, tier: raise })
          .where(
            and(
              open,
              isNull(tickets.firstResponseAt),
              isNull(tickets.firstResponseMissedAt),
              lte(tickets.firstResponseDue, at),
            ),
          )
          .run()
      : db
          .update(tickets)
          .set({ resolutionMissedAt: at, tier: raise })
          .where(and(open, isNull(tickets.resolutionMissedAt), lte(tickets.resolutionDue, at)))
          .run();
  return result.changes > 0;
}

export function assignTicket(db: Db, id: number, assignee: string): boolean {
  return (
    db
      .update(tickets)
      .set({ assignee })
      .where(and(eq(tickets.id, id), isNull(tickets.closedAt)))
      .run().changes > 0
  );
}

/** Closes an open ticket; closing answers the customer, so it counts as the first response if none came. */
export function closeTicket(db: Db, id: number, by: string, at: number): boolean {
  return (
    db
      .update(tickets)
      .set({
        closedAt: at,
        closedBy: by,
        firstResponseAt: sql`coalesce(${tickets.firstResponseAt}, ${at})`,
        firstResponseBy: sql`coalesce(${tickets.firstResponseBy}, ${by})`,
      })
      .where(and(eq(tickets.id, id), isNull(tickets.closedAt)))
      .run().changes > 0
  );
}

/** Closes an open booking that staff could not seat; like closing, it answers the customer. */
export function declineBooking(db: Db, id: number, by: string, at: number): boolean {
  return (
    db
      .update(tickets)
      .set({
        closedAt: at,
        closedBy: by,
        outcome: "declined",
        firstResponseAt: sql`coalesce(${tickets.firstResponseAt}, ${at})`,
        firstResponseBy: sql`coalesce(${tickets.firstResponseBy}, ${by})`,
      })
      .where(and(eq(tickets.id, id), eq(tickets.kind, "booking"), isNull(tickets.closedAt)))
      .run().changes > 0
  );
}

/** The customer's score for their closed ticket, once. */
export function rateTicket(db: Db, id: number, userId: string, score: number, at: number): boolean {
  return (
    db
      .update(tickets)
      .set({ score, ratedAt: at })
      .where(
        and(
          eq(tickets.id, id),
          eq(tickets.userId, userId),
          isNotNull(tickets.closedAt),
          isNull(tickets.score),
        ),
      )
      .run().changes > 0
  );
}

/** The member's latest complaint closed since `since` and not yet scored: what a bare "5" answers (bookings ask for no score). */
export function ticketAwaitingScore(
  db: Db,
  chat: DbChat,
  userId: string,
  since: number,
): TicketRow | undefined {
  return db
    .select()
    .from(tickets)
    .where(
      and(
        ofMember(tickets, chat, userId),
        eq(tickets.kind, "complaint"),
        gte(tickets.closedAt, since),
        isNull(tickets.score),
      ),
    )
    .orderBy(desc(tickets.closedAt), desc(tickets.id))
    .get();
}

/** Open tickets with a deadline not yet marked missed (due or not): what the timers watch. */
export function ticketsWithPendingDeadlines(db: Db): TicketRow[] {
  return db
    .select()
    .from(tickets)
    .where(
      and(
        isNull(tickets.closedAt),
        or(
          and(isNull(tickets.firstResponseAt), isNull(tickets.firstResponseMissedAt)),
          isNull(tickets.resolutionMissedAt),
        ),
      ),
    )
    .orderBy(asc(tickets.id))
    .all();
}
