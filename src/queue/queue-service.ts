/**
 * The queues of one bot: promo schedulers, the deliveries they fan out to, and
 * timers that lift mutes and bans when they end. Runs inside `qunguan start`;
 * the engine never waits for it, so a Redis outage leaves moderation running.
 */
import { type Job, Queue, Worker } from "bullmq";
import type { DeadlineJob } from "../complaints/desk-types.js";
import type { ChatAdapter } from "../core/adapter.js";
import type { Platform } from "../core/chat-event.js";
import type { DbChat } from "../db/mod.js";
import { chatsInCategories, type Database, getChat, pausedPromos } from "../db/mod.js";
import type { Logger } from "../log/logger.js";
import { maintenanceOf } from "../maintenance/config.js";
import { runMaintenanceJob } from "../maintenance/run-job.js";
import {
  type MaintenanceTick,
  reconcileMaintenance,
  scheduleMaintenanceFor,
} from "../maintenance/schedule.js";
import type { RulePack } from "../rules/rule-pack.js";
import { type Delivery, deliver, enqueueDeliveries, fanOut } from "./promo-delivery.js";
import { type PromoTick, reconcilePromos } from "./promo-schedules.js";
import type { RedisConnection } from "./redis-connection.js";
import { isConnectionError, RedisHealth } from "./redis-health.js";
import { type LiftJob, liftSanction } from "./sanction-timers.js";

export interface QueueServiceOptions {
  connection: RedisConnection;
  database: Database;
  logger: Logger;
  pack: () => RulePack;
  adapters: readonly ChatAdapter[];
  /** Called when a timed mute ends, to update the engine's memory. */
  onLifted?: (job: LiftJob) => void;
  /**
   * Handles a complaint ticket's deadline when its time comes. Only a process with the complaint
   * desk (the bot) passes it and consumes ticket timers; `qunguan worker` leaves them to the bot.
   */
  onTicketDeadline?: (job: DeadlineJob) => Promise<unknown>;
  /**
   * Monthly group maintenance: only the bot process (every adapter, the engine's knowledge of
   * platform admins) passes it, schedules it and consumes its ticks; `qunguan worker` leaves it.
   */
  maintenance?: {
    isAdmin?: (chat: DbChat, userId: string) => boolean;
    onRemoved?: (chat: DbChat, userId: string) => void;
  };
  /** Prefix of the Redis keys, so several bots or tests can share one Redis. @defaultValue "qunguan" */
  prefix?: string;
  /** Deliveries sent at once by this process. @defaultValue 4 */
  deliveryConcurrency?: number;
  /** Deliveries per second overall, the account's send budget. @defaultValue 25 */
  deliveriesPerSecond?: number;
  /** How often an outage is recalled in the log. @defaultValue 5 minutes */
  redisReminderMs?: number;
  /** The clock deliveries read quiet hours and caps by (tests move it across days). @defaultValue Date.now */
  now?: () => number;
}

/** The account's send budget from `QUNGUAN_DELIVERIES_PER_SECOND`, when set to a positive number. */
export function deliveriesPerSecondFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const rate = Number(env.QUNGUAN_DELIVERIES_PER_SECOND);
  return Number.isFinite(rate) && rate > 0 ? rate : undefined;
}

/**
 * A job whose worker died is taken over once its lock expires. Deliveries take well under a
 * second, so a short lock brings a killed worker's jobs back within seconds; the ledger keeps a
 * job taken over from a worker that was merely slow from sending twice.
 */
const LOCK = { lockDuration: 10_000, stalledInterval: 5_000 };

export class QueueService {
  readonly promos: Queue<PromoTick>;
  readonly deliveries: Queue<Delivery>;
  readonly timers: Queue<LiftJob>;
  readonly tickets: Queue<DeadlineJob>;
  readonly maintenance: Queue<MaintenanceTick>;
  private readonly workers: Worker[] = [];
  /** Tells the operator once that Redis is away, instead of every queue on every retry. */
  readonly health: RedisHealth;

  constructor(private readonly options: QueueServiceOptions) {
    this.health = new RedisHealth({
      logger: options.logger,
      address: `${options.connection.host}:${options.connection.port}`,
      remindEveryMs: options.redisReminderMs,
    });
    const base = { connection: options.connection, prefix: options.prefix ?? "qunguan" };
    this.promos = new Queue("promos", base);
    this.deliveries = new Queue("deliveries", base);
    this.timers = new Queue("timers", base);
    this.tickets = new Queue("tickets", base);
    this.maintenance = new Queue("maintenance", base);
    // Without a listener, ioredis prints every failed reconnect; the health says it once.
    for (const q of this.queues()) {
      q.on("error", (err) => this.connectionTrouble(err, q.name));
      q.getBackend().on("ready", () => this.health.ready());
    }
  }

  private connectionTrouble(err: unknown, queue: string): void {
    if (isConnectionError(err)) this.health.failed(err);
    else this.options.logger.error({ event: "queue", queue, err }, "queue error");
  }

  /** Starts the consumers and makes the schedulers match the rule files. */
  async start(): Promise<void> {
    const o = this.options;
    const base = { connection: o.connection, prefix: o.prefix ?? "qunguan" };
    const adapters = new Map<Platform, ChatAdapter>(o.adapters.map((a) => [a.platform, a]));
    const deps = { database: o.database, logger: o.logger, pack: o.pack, adapters, now: o.now };
    this.workers.push(
      new Worker<PromoTick>("promos", (job) => fanOut(job, this.deliveries, deps), { ...base, ...LOCK }),
      new Worker<Delivery>("deliveries", (job, token) => deliver(job, deps, token), {
        ...base,
        ...LOCK,
        concurrency: o.deliveryConcurrency ?? 4,
        // One delivery per 1/rate seconds, not `rate` per fixed second: no burst at a window's edge.
        limiter: { max: 1, duration: Math.ceil(1000 / (o.deliveriesPerSecond ?? 25)) },
      }),
      new Worker<LiftJob>(
        "timers",
        (job: Job<LiftJob>) => liftSanction(job.data, { ...deps, onLifted: o.onLifted }),
        base,
      ),
    );
    const onDeadline = o.onTicketDeadline;
    if (onDeadline) {
      this.workers.push(new Worker<DeadlineJob>("tickets", (job) => onDeadline(job.data), base));
    }
    const maintenance = o.maintenance;
    if (maintenance) {
      this.workers.push(
        new Worker<MaintenanceTick>(
          "maintenance",
          (job) => runMaintenanceJob(job, { ...deps, ...maintenance }),
          base,
        ),
      );
    }
    for (const w of this.workers) {
      w.getBackend().on("ready", () => this.health.ready());
      w.on("failed", (job, err) =>
        o.logger.warn({ event: "queue", queue: w.name, job: job?.id, err }, "job failed"),
      );
      w.on("error", (err) => this.connectionTrouble(err, w.name));
    }
    await this.reconcile();
  }

  async reconcile(): Promise<void> {
    const paused = pausedPromos(this.options.database.db);
    const { scheduled, failed } = await reconcilePromos(
      this.promos,
      this.options.pack().promos.filter((p) => !paused.has(p.id)),
      (this.options.now ?? Date.now)(),
    );
    for (const f of failed) {
      this.options.logger.error(
        { event: "queue", promo: f.promo, error: f.error },
        `promo ${f.promo} not scheduled: ${f.error}`,
      );
    }
    this.options.logger.info({ event: "queue", schedulers: scheduled }, "promo schedules reconciled");
    if (this.options.maintenance) {
      const pack = this.options.pack();
      const chats = chatsInCategories(this.options.database.db, Object.keys(pack.categories));
      const groups = await reconcileMaintenance(this.maintenance, chats, maintenanceOf(pack));
      this.options.logger.info(
        { event: "queue", maintenance: groups.length },
        "maintenance schedules reconciled",
      );
    }
  }

  /** A group seen for the first time, or in another category: its maintenance scheduler. */
  async scheduleMaintenance(chat: DbChat & { category: string }): Promise<void> {
    if (!this.options.maintenance) return;
    await scheduleMaintenanceFor(this.maintenance, chat, maintenanceOf(this.options.pack()));
  }

  /** An owner's one-off message to every known chat of some categories; returns how many chats. */
  async broadcast(categories: readonly string[], text: string, now = Date.now()): Promise<number> {
    const id = `broadcast-${now}`;
    const chats = chatsInCategories(this.options.database.db, categories);
    await enqueueDeliveries(
      this.deliveries,
      chats.map((c) => ({
        promo: id,
        platform: c.platform,
        chatId: c.chatId,
        title: c.title ?? undefined,
        slot: now,
        text,
      })),
    );
    return chats.length;
  }

  /** A tick now, outside the schedule (`/promo send`): the slot is the current time. */
  async sendNow(promo: string, now = Date.now()): Promise<void> {
    await this.promos.add("tick", { promo }, { jobId: `manual:${promo}:${now}`, removeOnComplete: 100 });
  }

  /**
   * `/promo resend`: a run again, to chats whose delivery the ledger had as uncertain and the owner
   * reopened. New job ids (the run's first jobs are done), the same slot: caps and quiet hours apply
   * as they did, and a chat the ledger says got it is never among them.
   */
  async resend(promo: string, slot: number, chats: readonly DbChat[], now = Date.now()): Promise<void> {
    await enqueueDeliveries(
      this.deliveries,
      chats.map((c) => ({
        promo,
        platform: c.platform,
        chatId: c.chatId,
        title: getChat(this.options.database.db, c)?.title ?? undefined,
        slot,
        resend: now,
      })),
    );
  }

  /** Schedules the end of a mute or ban; the job id makes scheduling twice harmless. */
  async scheduleLift(job: LiftJob, now = Date.now()): Promise<void> {
    await this.timers.add("lift", job, {
      jobId: `lift|${job.platform}|${job.chatId}|${job.userId}|${job.type}|${job.endsAt}`,
      delay: Math.max(0, job.endsAt - now),
      attempts: 10,
      backoff: { type: "exponential", delay: 2000 },
      removeOnComplete: 1000,
    });
  }

  /** Watches a complaint ticket's deadline; the job id makes scheduling twice harmless. */
  async scheduleDeadline(job: DeadlineJob, now = Date.now()): Promise<void> {
    await this.tickets.add("deadline", job, {
      jobId: deadlineJobId(job.ticketId, job.deadline),
      delay: Math.max(0, job.dueAt - now),
      attempts: 10,
      backoff: { type: "exponential", delay: 2000 },
      removeOnComplete: 1000,
    });
  }

  /** Stops watching a deadline (answered or closed); a timer already running finds nothing to do. */
  async cancelDeadline(ticketId: number, deadline: DeadlineJob["deadline"]): Promise<void> {
    await this.tickets.remove(deadlineJobId(ticketId, deadline));
  }

  private queues(): Queue[] {
    return [this.promos, this.deliveries, this.timers, this.tickets, this.maintenance] as Queue[];
  }

  /**
   * Closes workers and queues. With Redis away nothing can be handed back to it, so the
   * connections are dropped at once (the jobs stay in Redis for the next start); otherwise the
   * workers finish what they hold, giving up after a few seconds instead of hanging.
   */
  async stop(): Promise<void> {
    const drop = () => {
      // Not awaited: disconnecting from a Redis that never answered can itself wait forever.
      for (const w of this.workers) void w.disconnect().catch(() => {});
      for (const q of this.queues()) void q.disconnect().catch(() => {});
    };
    if (this.health.isDown) {
      drop();
      return;
    }
    const closing = (async () => {
      await Promise.all(this.workers.map((w) => w.close()));
      await Promise.all(this.queues().map((q) => q.close()));
    })();
    const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 3000).unref());
    if ((await Promise.race([closing, timeout])) === "timeout") drop();
  }
}

function deadlineJobId(ticketId: number, deadline: DeadlineJob["deadline"]): string {
  return `ticket|${ticketId}|${deadline}`;
}
