/**
 * The dispatcher's record of what happened (audit rows, daily statistics,
 * per-rule and per-FAQ counts), written behind in batches. Each message bumps
 * a counter and many add audit rows; one SQLite transaction per message made
 * those writes cost several times what deciding does. So rows and counts are
 * held in memory (counts summed per chat, day, rule and FAQ) and written in
 * one transaction on a short timer, when enough rows are waiting, before any
 * read of those tables in this process (pending-writes.ts), and on stop.
 *
 * What may be held: only this record. Warnings and sanctions are the bot's
 * memory and are written at once, before the chat sees the action, so a crash
 * never forgets a warning that was announced. A crash loses at most the last
 * `flushMs` of audit rows and counts; a clean stop loses nothing.
 */
import { auditAppender, type NewAudit } from "../db/audit.js";
import type { DbChat } from "../db/chat.js";
import type { Database } from "../db/open.js";
import { onPendingWrites } from "../db/pending-writes.js";
import { type StatsAdder, type StatsDelta, statsAdder } from "../db/stats.js";
import type { Logger } from "../log/logger.js";

/** Where the dispatcher's record goes. */
export interface ActivitySink {
  audit(row: NewAudit): void;
  stats(chat: DbChat, day: string, delta: StatsDelta): void;
  ruleHit(chat: DbChat, day: string, rule: string): void;
  faqHit(chat: DbChat, day: string, faq: string): void;
  /** Writes out what is held now. */
  flush(): void;
  /** Flushes and lets go of the database: nothing is held or timed after this. */
  stop(): void;
}

export interface ActivityWriterOptions {
  /** The longest rows and counts wait in memory. @defaultValue 50 */
  flushMs?: number;
  /** Audit rows that trigger a flush at once. @defaultValue 500 */
  maxRows?: number;
  /**
   * Audit rows kept across failed flushes (a full or read-only disk); beyond it the oldest are
   * dropped and the loss is logged, rather than the bot's memory growing without end. @defaultValue 50,000
   */
  maxHeld?: number;
}

/** After a failed write, the next try waits this long. */
const RETRY_MS = 1000;

interface Counts {
  chat: DbChat;
  day: string;
  delta: Required<StatsDelta>;
}

interface Hits {
  chat: DbChat;
  day: string;
  id: string;
  count: number;
}

export class ActivityWriter implements ActivitySink {
  private rows: NewAudit[] = [];
  private counts = new Map<string, Counts>();
  private rules = new Map<string, Hits>();
  private faqs = new Map<string, Hits>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly unregister: () => void;
  private readonly append: (row: NewAudit) => void;
  private readonly add: StatsAdder;
  private readonly flushMs: number;
  private readonly maxRows: number;
  private readonly maxHeld: number;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
    options: ActivityWriterOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 50;
    this.maxRows = options.maxRows ?? 500;
    this.maxHeld = options.maxHeld ?? 50_000;
    this.append = auditAppender(database.db);
    this.add = statsAdder(database.db);
    this.unregister = onPendingWrites(database.db, () => this.flush());
  }

  audit(row: NewAudit): void {
    this.rows.push(row);
    if (this.rows.length >= this.maxRows) this.flush();
    else this.held();
  }

  stats(chat: DbChat, day: string, delta: StatsDelta): void {
    const key = `${chat.platform}\u0000${chat.chatId}\u0000${day}`;
    let c = this.counts.get(key);
    if (!c) {
      c = { chat, day, delta: { messages: 0, joins: 0, leaves: 0, faqAnswers: 0, violations: 0 } };
      this.counts.set(key, c);
    }
    const d = c.delta;
    d.messages += delta.messages ?? 0;
    d.joins += delta.joins ?? 0;
    d.leaves += delta.leaves ?? 0;
    d.faqAnswers += delta.faqAnswers ?? 0;
    d.violations += delta.violations ?? 0;
    this.held();
  }

  ruleHit(chat: DbChat, day: string, rule: string): void {
    hit(this.rules, chat, day, rule);
    this.held();
  }

  faqHit(chat: DbChat, day: string, faq: string): void {
    hit(this.faqs, chat, day, faq);
    this.held();
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.rows.length === 0 && this.counts.size === 0 && this.rules.size === 0 && this.faqs.size === 0)
      return;
    const { rows, counts, rules, faqs } = this;
    if (!this.database.sqlite.open) {
      // Closed without stop(): retrying cannot help.
      this.logger.error(
        { event: "storage", what: "audit and statistics", rows: rows.length },
        "database closed before audit and statistics were written",
      );
      this.clear();
      return;
    }
    try {
      // Prepared statements on the same connection: they run inside this transaction.
      this.database.db.transaction(() => {
        for (const row of rows) this.append(row);
        for (const c of counts.values()) this.add.stats(c.chat, c.day, c.delta);
        for (const h of rules.values()) this.add.ruleHit(h.chat, h.day, h.id, h.count);
        for (const h of faqs.values()) this.add.faqHit(h.chat, h.day, h.id, h.count);
      });
    } catch (error) {
      // Storage trouble must not stop moderation: keep what failed (the transaction wrote none of it) for the next try.
      this.logger.error(
        { event: "storage", what: "audit and statistics", rows: rows.length, err: error },
        "could not record audit and statistics; will retry",
      );
      if (rows.length > this.maxHeld) {
        const dropped = rows.splice(0, rows.length - this.maxHeld);
        this.logger.error(
          { event: "storage", what: "audit", dropped: dropped.length },
          "audit rows dropped after repeated write failures",
        );
      }
      // Not every 50 ms: a disk that refuses writes would fill the log with this line.
      if (!this.stopped) this.schedule(RETRY_MS);
      return;
    }
    this.clear();
  }

  private clear(): void {
    this.rows = [];
    this.counts = new Map();
    this.rules = new Map();
    this.faqs = new Map();
  }

  stop(): void {
    this.flush();
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.unregister();
  }

  /** Something new is held: written on the timer, or at once after stop (an event still in flight). */
  private held(): void {
    if (this.stopped) this.flush();
    else this.schedule(this.flushMs);
  }

  private schedule(ms: number): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, ms);
    // A pending flush must not keep a finished process alive; stop() writes what is left.
    this.timer.unref();
  }
}

function hit(map: Map<string, Hits>, chat: DbChat, day: string, id: string): void {
  const key = `${chat.platform}\u0000${chat.chatId}\u0000${day}\u0000${id}`;
  const h = map.get(key);
  if (h) h.count++;
  else map.set(key, { chat, day, id, count: 1 });
}
