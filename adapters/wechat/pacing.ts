/**
 * Outgoing pacing for one WeChat account. WeChat's risk control watches how
 * fast an account sends, not how fast one room receives: a burst of answers or
 * a promo to 200 rooms sent at machine speed gets the account throttled
 * (操作过于频繁) or banned. So every send of the account goes through one
 * queue: a random gap between two sends (shorter for replies to a member than
 * for bulk pushes, and replies jump ahead of queued bulk sends), a cap per
 * rolling 24 hours, and a pause when WeChat says it is sending too often.
 *
 * Refusals are PlatformErrors with `retryAfterMs`, never waits of minutes: a
 * late FAQ answer is worthless, and a promo worker can retry a job later.
 */
import { setTimeout as sleepTimer } from "node:timers/promises";
import { PlatformError } from "../../src/core/adapter.js";

export type SendPriority = "reply" | "bulk";

export interface PacingOptions {
  /** Gap before a bulk send (promo, broadcast), ms, drawn at random in [min, max]. @defaultValue [3000, 5000] */
  bulkGapMs?: [number, number];
  /** Gap before a reply to a member (an answer, a notice about their message). @defaultValue [1000, 2000] */
  replyGapMs?: [number, number];
  /** Messages the account may send per rolling 24 hours. @defaultValue 1000 */
  dailyCap?: number;
  /** How long sending stops after WeChat answers 操作过于频繁. @defaultValue 15 minutes */
  throttlePauseMs?: number;
}

/** Time as the pacer sees it; tests pass a fake one so no assertion depends on the real clock. */
export interface PacerClock {
  now(): number;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const REAL_CLOCK: PacerClock = {
  now: Date.now,
  sleep: (ms, signal) => sleepTimer(ms, undefined, { signal }),
};

export const DEFAULT_PACING: Required<PacingOptions> = {
  bulkGapMs: [3000, 5000],
  replyGapMs: [1000, 2000],
  dailyCap: 1000,
  throttlePauseMs: 15 * 60_000,
};

const DAY_MS = 24 * 3_600_000;

/** What WeChat (through the puppet) answers when the account sends too often. */
export function isThrottleError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /操作过于频繁|发送消息过于频繁|发送过于频繁|操作太频繁|too frequent/i.test(text);
}

interface Job {
  priority: SendPriority;
  send: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class SendPacer {
  readonly options: Required<PacingOptions>;
  private readonly replies: Job[] = [];
  private readonly bulk: Job[] = [];
  /** Times of the sends in the last 24 hours, oldest first. */
  private readonly sent: number[] = [];
  private lastSendAt = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;
  private running = false;
  private readonly abort = new AbortController();

  constructor(
    options: PacingOptions = {},
    private readonly clock: PacerClock = REAL_CLOCK,
    private readonly random: () => number = Math.random,
  ) {
    this.options = { ...DEFAULT_PACING, ...options };
  }

  /** Runs `send` when pacing allows; rejects with a PlatformError when the cap or a pause forbids it. */
  run<T>(priority: SendPriority, send: () => Promise<T>): Promise<T> {
    if (this.abort.signal.aborted)
      return Promise.reject(new PlatformError("the WeChat adapter stopped", false));
    return new Promise<T>((resolve, reject) => {
      const job: Job = { priority, send, resolve: resolve as (v: unknown) => void, reject };
      (priority === "reply" ? this.replies : this.bulk).push(job);
      if (!this.running) void this.drain();
    });
  }

  /** Sends still waiting. */
  get pending(): number {
    return this.replies.length + this.bulk.length;
  }

  /** Rejects everything queued and wakes a waiting send, so no timer outlives the adapter. */
  stop(): void {
    this.abort.abort();
    for (const job of [...this.replies.splice(0), ...this.bulk.splice(0)]) {
      job.reject(new PlatformError("the WeChat adapter stopped", false));
    }
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      for (let job = this.next(); job; job = this.next()) await this.runOne(job);
    } finally {
      this.running = false;
    }
  }

  /** Replies first: a customer waiting for an answer should not wait behind a 200-room promo. */
  private next(): Job | undefined {
    return this.replies.shift() ?? this.bulk.shift();
  }

  private async runOne(job: Job): Promise<void> {
    try {
      const refusal = this.refusal();
      if (refusal) return job.reject(refusal);
      const [min, max] = job.priority === "reply" ? this.options.replyGapMs : this.options.bulkGapMs;
      const gap = min + Math.floor(this.random() * (max - min + 1));
      const wait = this.lastSendAt + gap - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait, this.abort.signal);
      // A throttle answer may have arrived while this job waited.
      const late = this.refusal();
      if (late) return job.reject(late);
      const at = this.clock.now();
      this.lastSendAt = at;
      this.sent.push(at);
      job.resolve(await job.send());
    } catch (error) {
      if (this.abort.signal.aborted)
        return job.reject(new PlatformError("the WeChat adapter stopped", false));
      if (isThrottleError(error)) {
        this.pausedUntil = this.clock.now() + this.options.throttlePauseMs;
        return job.reject(
          new PlatformError(
            `WeChat throttled the account: sending paused for ${Math.round(this.options.throttlePauseMs / 1000)} s`,
            false,
            this.options.throttlePauseMs,
            { cause: error },
          ),
        );
      }
      job.reject(error);
    }
  }

  /** Why nothing may be sent now (a pause, the daily cap), or undefined. */
  private refusal(): PlatformError | undefined {
    const now = this.clock.now();
    if (now < this.pausedUntil) {
      return new PlatformError(
        "sending paused after WeChat throttled the account",
        false,
        this.pausedUntil - now,
      );
    }
    while (this.sent.length > 0 && this.sent[0]! <= now - DAY_MS) this.sent.shift();
    if (this.sent.length >= this.options.dailyCap) {
      return new PlatformError(
        `daily send cap of ${this.options.dailyCap} messages reached`,
        false,
        this.sent[0]! + DAY_MS - now,
      );
    }
    return undefined;
  }
}
