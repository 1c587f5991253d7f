/**
 * Whether the queues' Redis answers, told to the operator once: one clear line when it goes away
 * (no stack: a refused connection is a fact about the set-up, not a bug), a reminder at most every
 * few minutes while it stays away, and one line when it is back. Every queue and worker reports
 * its connection errors here; each of them retries on its own, which used to print a stack trace
 * per connection per retry (hundreds of lines in minutes).
 */
import type { Logger } from "../log/logger.js";

/** Errors that mean "cannot reach Redis", as opposed to a failing command or job. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && CONNECTION_CODES.has(code)) return true;
  return /Connection is closed|connect ETIMEDOUT|getaddrinfo|ECONNREFUSED/.test(error.message);
}

export interface RedisHealthOptions {
  logger: Logger;
  /** host:port, as the operator wrote it in REDIS_URL. */
  address: string;
  /** @defaultValue 5 minutes */
  remindEveryMs?: number;
  now?: () => number;
}

export class RedisHealth {
  private downSince: number | undefined;
  private lastTold = 0;
  private readonly remindEveryMs: number;
  private readonly now: () => number;

  constructor(private readonly options: RedisHealthOptions) {
    this.remindEveryMs = options.remindEveryMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  get isDown(): boolean {
    return this.downSince !== undefined;
  }

  /** A connection error from any queue or worker. */
  failed(error: unknown): void {
    const now = this.now();
    const reason = reasonOf(error);
    if (this.downSince === undefined) {
      this.downSince = now;
      this.lastTold = now;
      this.options.logger.error(
        { event: "redis", state: "down", address: this.options.address, reason },
        `Redis at ${this.options.address} is unreachable (${reason}): moderation and FAQ go on; promos, timed unmutes and ticket deadlines wait for it. Start Redis or fix REDIS_URL.`,
      );
      return;
    }
    if (now - this.lastTold >= this.remindEveryMs) {
      this.lastTold = now;
      this.options.logger.warn(
        {
          event: "redis",
          state: "down",
          address: this.options.address,
          reason,
          minutes: minutes(now - this.downSince),
        },
        `Redis at ${this.options.address} is still unreachable after ${minutes(now - this.downSince)} min (${reason})`,
      );
    }
  }

  /** A queue or worker connected. */
  ready(): void {
    if (this.downSince === undefined) return;
    const after = minutes(this.now() - this.downSince);
    this.downSince = undefined;
    this.options.logger.info(
      { event: "redis", state: "up", address: this.options.address, minutes: after },
      `Redis at ${this.options.address} is reachable again (after ${after} min); queued work goes on`,
    );
  }
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return (error as NodeJS.ErrnoException).code ?? error.message;
}

function minutes(ms: number): number {
  return Math.round(ms / 6000) / 10;
}
