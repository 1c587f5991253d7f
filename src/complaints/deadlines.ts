/**
 * Missed deadlines. A delayed job per ticket and deadline fires at the due
 * time; at start, deadlines that passed while the bot was down are handled
 * from SQLite (Redis or not) and the rest are scheduled again (the job id
 * makes that harmless). Whoever gets there first marks the deadline missed in
 * one conditional UPDATE; only that caller escalates, so a deadline escalates
 * exactly once however many timers, restarts or processes see it.
 */
import {
  type Deadline,
  getTicket,
  markDeadlineMissed,
  type TicketRow,
  ticketsWithPendingDeadlines,
} from "../db/mod.js";
import { nextTier } from "./desk-config.js";
import type { DeadlineJob } from "./desk-types.js";
import { alertStaff, ticketWords, tierTargets } from "./staff-alerts.js";
import type { TicketDesk } from "./ticket-desk.js";

/** The rule name on escalation log lines. */
export const DEADLINE_RULE = "ticket-deadline";

/** Handles a deadline whose time has come; true when it was missed and escalated now. */
export async function deadlinePassed(desk: TicketDesk, job: DeadlineJob, now: number): Promise<boolean> {
  const db = desk.database.db;
  const ticket = getTicket(db, job.ticketId);
  // Bots with databases of their own may share one Redis: failing lets BullMQ retry the job, maybe
  // in the process that has the ticket (which also catches it up at its next start).
  if (!ticket) throw new Error(`ticket #${job.ticketId} is not in this bot's database`);
  const tiers = desk.tiersOf(ticket);
  if (!tiers) return false;
  const due = job.deadline === "first_response" ? ticket.firstResponseDue : ticket.resolutionDue;
  // The timer fires at the due time; a clock a little behind the chat platform's must not drop it.
  const at = Math.max(now, due);
  const tier = nextTier(tiers, ticket.tier);
  if (!markDeadlineMissed(db, ticket.id, job.deadline, tier, at)) return false;
  const pack = desk.pack;
  const booking = ticket.kind === "booking";
  const missed =
    job.deadline === "first_response"
      ? booking
        ? "bookingMissedConfirm"
        : "ticketMissedFirstResponse"
      : booking
        ? "bookingMissedResolution"
        : "ticketMissedResolution";
  const text = ticketWords(pack, ticket, "ticketEscalated", {
    target: desk.place(ticket),
    text: ticketWords(pack, ticket, missed),
    reason: ticket.text.slice(0, 300),
  });
  const logger = desk.options.logger;
  logger?.warn(
    {
      event: "action",
      platform: ticket.platform,
      chat: ticket.chatId,
      type: "notify",
      rule: DEADLINE_RULE,
      ticket: ticket.id,
      deadline: job.deadline,
      tier,
      outcome: "done",
    },
    "ticket deadline missed: escalated",
  );
  await alertStaff(desk.options.outbox, logger, tierTargets(tiers[tier]), text, ticket, DEADLINE_RULE);
  return true;
}

/** The deadlines of a ticket not yet missed or made moot. */
function pending(ticket: TicketRow): { deadline: Deadline; dueAt: number }[] {
  const out: { deadline: Deadline; dueAt: number }[] = [];
  if (ticket.firstResponseAt === null && ticket.firstResponseMissedAt === null)
    out.push({ deadline: "first_response", dueAt: ticket.firstResponseDue });
  if (ticket.resolutionMissedAt === null) out.push({ deadline: "resolution", dueAt: ticket.resolutionDue });
  return out;
}

/**
 * At start: escalates deadlines that passed while the bot was stopped and schedules the others
 * again. Returns how many were escalated and how many scheduled.
 */
export async function catchUpDeadlines(
  desk: TicketDesk,
  now: number,
): Promise<{ escalated: number; scheduled: number }> {
  let escalated = 0;
  let scheduled = 0;
  if (!desk.config && !desk.bookings) return { escalated, scheduled };
  for (const ticket of ticketsWithPendingDeadlines(desk.database.db)) {
    for (const { deadline, dueAt } of pending(ticket)) {
      if (dueAt <= now) {
        if (await deadlinePassed(desk, { ticketId: ticket.id, deadline, dueAt }, now)) escalated++;
      } else if (desk.options.deadlines) {
        desk.scheduleDeadline(ticket, deadline, dueAt);
        scheduled++;
      }
    }
  }
  return { escalated, scheduled };
}
