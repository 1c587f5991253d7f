/** What the complaint desk needs from the rest of the bot: timers, a way to reach other chats. */
import type { ChatRef } from "../core/chat-event.js";
import type { Deadline } from "../db/mod.js";

/** A ticket's deadline as a delayed job. */
export interface DeadlineJob {
  ticketId: number;
  deadline: Deadline;
  dueAt: number;
}

/** Delayed jobs for deadlines (BullMQ in the bot); scheduling the same deadline twice is harmless. */
export interface DeadlineScheduler {
  schedule(job: DeadlineJob): Promise<void>;
  cancel(ticketId: number, deadline: Deadline): Promise<void>;
}

/**
 * Sends to a chat other than the one being handled: a staff group, a staff member's private chat,
 * or a ticket's group when staff answer from elsewhere. Resolves once sent; rejects on failure.
 */
export type Outbox = (chat: ChatRef, text: string, options?: { mention?: string }) => Promise<void>;
