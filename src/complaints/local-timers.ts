/**
 * Deadline timers inside the process, for a bot running without Redis: the
 * desk still escalates on time while the process lives. They die with it; the
 * next start escalates what fell due meanwhile and sets the rest again from
 * SQLite (catchUpDeadlines), so nothing is lost, only delayed to that start.
 */
import type { Deadline } from "../db/mod.js";
import type { Logger } from "../log/logger.js";
import type { DeadlineJob, DeadlineScheduler } from "./desk-types.js";

/** setTimeout's longest delay (about 24.8 days); a later deadline waits for a restart's catch-up. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export class LocalDeadlineTimers implements DeadlineScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly onDue: (job: DeadlineJob) => Promise<unknown>,
    private readonly logger?: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async schedule(job: DeadlineJob): Promise<void> {
    const key = keyOf(job.ticketId, job.deadline);
    const delay = Math.max(0, job.dueAt - this.now());
    // Like a BullMQ job id: the same deadline twice is one timer.
    if (this.timers.has(key) || delay > MAX_DELAY_MS) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.onDue(job).catch((error: unknown) => {
        this.logger?.error({ event: "ticket", ticket: job.ticketId, err: error }, "deadline handling failed");
      });
    }, delay);
    // A pending deadline must not keep a stopping process alive.
    timer.unref();
    this.timers.set(key, timer);
  }

  async cancel(ticketId: number, deadline: Deadline): Promise<void> {
    const key = keyOf(ticketId, deadline);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

function keyOf(ticketId: number, deadline: Deadline): string {
  return `${ticketId}|${deadline}`;
}
