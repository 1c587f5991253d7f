/**
 * One bot process: rules (with hot reload), the engine, SQLite memory, the
 * dispatcher and every adapter it was given. Data flows one way:
 * adapter → ChatEvent → engine → Decision → dispatcher → adapter.
 */

import { CommandRouter } from "../commands/mod.js";
import { catchUpDeadlines, deadlinePassed } from "../complaints/deadlines.js";
import { LocalDeadlineTimers } from "../complaints/local-timers.js";
import { TicketDesk } from "../complaints/ticket-desk.js";
import type { ChatAdapter } from "../core/adapter.js";
import { type ChatEvent, type ChatRef, chatKey } from "../core/chat-event.js";
import type { Decision } from "../core/decision.js";
import { forgetHandled, HANDLED_KEPT_MS, markHandled, wasHandled } from "../db/handled-messages.js";
import {
  activeSanction,
  type Database,
  dbChat,
  openDatabase,
  rememberChat,
  restoreUncertain,
  touchMember,
} from "../db/mod.js";
import { Dispatcher } from "../dispatcher/dispatcher.js";
import { compileRules } from "../engine/compile.js";
import { Engine } from "../engine/engine.js";
import { EngineMemory } from "../engine/memory.js";
import { AdminLearning } from "../learning/admin-learning.js";
import type { Logger } from "../log/logger.js";
import { QueueService, type RedisConnection } from "../queue/mod.js";
import { deliveriesPerSecondFromEnv } from "../queue/queue-service.js";
import { type LiftJob, liftOverdue } from "../queue/sanction-timers.js";
import { formatProblem, loadRulesOrThrow, type RulePack, RuleWatcher } from "../rules/mod.js";
import { adapterNotices } from "./adapter-notices.js";
import { hydrateMemory } from "./hydrate.js";

/** How often a bot reads the samples other processes of its merchant stored. @defaultValue 1 s */
export const LEARNING_SYNC_MS = 1000;

export interface BotOptions {
  rulesDir: string;
  databasePath: string;
  logger: Logger;
  adapters: ChatAdapter[];
  /** Watch the rule directory and reload on change. @defaultValue true */
  watchRules?: boolean;
  /** Clock for start-up work (hydration). @defaultValue Date.now */
  now?: () => number;
  /** Redis for promos and timed unmutes; without it those are off and moderation runs as usual. */
  queue?: { connection: RedisConnection; prefix?: string; deliveriesPerSecond?: number };
}

export class Bot {
  readonly engine: Engine;
  readonly database: Database;
  readonly commands: CommandRouter;
  /** The complaint desk (idle unless the rule files have a `complaints:` section). */
  readonly desk: TicketDesk;
  /** Deadline timers in the process when there is no Redis. */
  private readonly localTimers: LocalDeadlineTimers | undefined;
  private pack: RulePack;
  private readonly dispatcher: Dispatcher;
  private readonly watcher: RuleWatcher;
  readonly queues: QueueService | undefined;
  /** What the merchant's admins taught (/spam, /notspam) and the classifier that learns it. */
  readonly learning: AdminLearning;
  private learningSync: NodeJS.Timeout | undefined;
  private queuesStarted: Promise<void> | undefined;
  private stopping = false;
  /** Chats whose title and category are recorded, so promo targets are known without a write per message. */
  private readonly knownChats = new Map<string, string>();

  constructor(private readonly options: BotOptions) {
    // A broken rule set at start is fatal (there is no last good one yet); later breakage is only reported.
    this.pack = loadRulesOrThrow(options.rulesDir);
    this.database = openDatabase(options.databasePath);
    this.engine = new Engine(compileRules(this.pack), new EngineMemory(), {
      isBotAdmin: (chat, user, category) => this.commands.state.isBotAdmin(chat, category, user),
    });
    // The merchant's classifier: the seed model plus every sample its admins taught, in any process.
    this.learning = new AdminLearning(this.database, this.pack.learning);
    this.engine.setJudge(this.learning.model);
    this.localTimers = options.queue
      ? undefined
      : new LocalDeadlineTimers((job) => deadlinePassed(this.desk, job, Date.now()), options.logger);
    this.desk = new TicketDesk({
      database: this.database,
      pack: () => this.pack,
      memory: this.engine.memory,
      isAdmin: (event, category) => this.commands.isAdmin(event, category),
      isDryRun: (chat) => this.commands.state.isDryRun(chat),
      deadlines: options.queue
        ? {
            schedule: async (job) => this.queues?.scheduleDeadline(job),
            cancel: async (ticketId, deadline) => this.queues?.cancelDeadline(ticketId, deadline),
          }
        : this.localTimers,
      outbox: (chat, text, sendOptions) => this.sendElsewhere(chat, text, sendOptions?.mention),
      logger: options.logger,
    });
    this.commands = new CommandRouter({
      engine: this.engine,
      database: this.database,
      pack: () => this.pack,
      desk: () => this.desk,
      learning: () => this.learning,
      reload: () => this.reloadRules(),
      promos: options.queue
        ? {
            sendNow: (promo, at) => {
              this.queues?.sendNow(promo, at).catch((error: unknown) => {
                options.logger.warn({ event: "queue", err: error, promo }, "could not send the promo");
              });
            },
            broadcast: (categories, text, at) => {
              this.queues?.broadcast(categories, text, at).catch((error: unknown) => {
                options.logger.warn({ event: "queue", err: error }, "could not start the broadcast");
              });
            },
            resend: (promo, slot, chats, at) => {
              this.queues?.resend(promo, slot, chats, at).catch((error: unknown) => {
                restoreUncertain(this.database.db, promo, slot, chats);
                options.logger.warn({ event: "queue", err: error, promo }, "could not queue the resend");
              });
            },
            reconcile: () => {
              this.queues?.reconcile().catch((error: unknown) => {
                options.logger.warn({ event: "queue", err: error }, "could not reconcile promo schedules");
              });
            },
          }
        : undefined,
    });
    const restored = hydrateMemory(this.engine.memory, this.database, (options.now ?? Date.now)());
    options.logger.info({ event: "start", rules: options.rulesDir, ...restored }, "memory restored");
    this.dispatcher = new Dispatcher({
      db: this.database,
      logger: options.logger,
      rules: () => this.pack,
      isDryRun: (chat) => this.commands.state.isDryRun(chat),
      memberName: (event, user) => this.engine.memory.known(chatKey(event.chat), user)?.name,
      onTimedSanction: (job) => {
        this.queues?.scheduleLift(job).catch((error: unknown) => {
          // Not lost: the sanction row stays, and the next start lifts it when overdue.
          options.logger.warn({ event: "queue", err: error }, "could not schedule the end of a sanction");
        });
      },
    });
    this.queues = options.queue
      ? new QueueService({
          connection: options.queue.connection,
          prefix: options.queue.prefix ?? (process.env.QUNGUAN_QUEUE_PREFIX || undefined),
          deliveriesPerSecond: options.queue.deliveriesPerSecond ?? deliveriesPerSecondFromEnv(),
          database: this.database,
          logger: options.logger,
          pack: () => this.pack,
          adapters: options.adapters,
          onLifted: (job) => this.liftedInMemory(job),
          now: options.now,
          onTicketDeadline: (job) => deadlinePassed(this.desk, job, Date.now()),
          maintenance: {
            // Platform admins the engine has seen are never listed as inactive or removed.
            isAdmin: (chat, user) =>
              this.engine.memory.known(chatKey({ platform: chat.platform, id: chat.chatId }), user)?.admin ===
              true,
            onRemoved: (chat, user) => {
              const key = chatKey({ platform: chat.platform, id: chat.chatId });
              this.engine.memory.clearWarnings(key, user);
              this.engine.memory.setMute(key, user, undefined);
            },
          },
        })
      : undefined;
    this.watcher = new RuleWatcher({
      dir: options.rulesDir,
      onRules: (pack) => this.setRules(pack),
      onProblems: (problems) => {
        for (const p of problems) {
          options.logger.error(
            { event: "rules", problem: formatProblem(p) },
            "rule reload failed; last good rules stay live",
          );
        }
      },
    });
  }

  /** Resolves once the queues are consuming and the promo schedules match the rules (tests wait for it). */
  async queuesReady(): Promise<void> {
    await this.queuesStarted;
  }

  get rules(): RulePack {
    return this.pack;
  }

  setRules(pack: RulePack): void {
    this.engine.setRules(compileRules(pack));
    this.pack = pack;
    this.queues?.reconcile().catch((error: unknown) => {
      this.options.logger.warn({ event: "queue", err: error }, "could not reconcile promo schedules");
    });
    this.options.logger.info(
      { event: "rules", moderation: pack.moderation.length, faq: pack.faq.entries.length },
      "rules reloaded",
    );
  }

  /** Reloads from disk now (what the watcher and `/reload` do). */
  reloadRules() {
    return this.watcher.reload();
  }

  async start(): Promise<void> {
    if (this.options.watchRules ?? true) this.watcher.start();
    // Samples other bot processes of the merchant stored take effect here within a second.
    this.learningSync = setInterval(() => {
      try {
        this.learning.sync();
      } catch (error) {
        this.options.logger.error(
          { event: "storage", what: "samples", err: error },
          "could not read samples",
        );
      }
    }, LEARNING_SYNC_MS);
    this.learningSync.unref();
    try {
      forgetHandled(this.database.db, (this.options.now ?? Date.now)() - HANDLED_KEPT_MS);
    } catch (error) {
      this.options.logger.error(
        { event: "storage", what: "handled", err: error },
        "could not prune handled messages",
      );
    }
    // Sanctions that ended while the bot was down are lifted now, Redis or not.
    const lifted = await liftOverdue({
      database: this.database,
      logger: this.options.logger,
      adapters: new Map(this.options.adapters.map((a) => [a.platform, a])),
      onLifted: (job) => this.liftedInMemory(job),
      now: this.options.now,
    });
    if (lifted > 0)
      this.options.logger.info({ event: "start", lifted }, "lifted sanctions that ended while stopped");
    // Not awaited: with Redis down the queues wait for it, while the adapters start and moderate.
    this.queuesStarted = this.queues?.start().catch((error: unknown) => {
      // A stop while the queues were still connecting closes them under the start: not a fault.
      if (this.stopping) return;
      this.options.logger.error(
        { event: "queue", err: error },
        "queues unavailable: promos and timed unmutes are off",
      );
    });
    const notices = adapterNotices(
      () => this.pack,
      (chat) => this.engine.categoryOfChat(chat),
    );
    for (const adapter of this.options.adapters) {
      adapter.useNotices?.(notices);
      await adapter.start((event) => this.handle(adapter, event));
    }
    // After the adapters: escalations that fell due while stopped are sent to staff chats now.
    const tickets = await catchUpDeadlines(this.desk, (this.options.now ?? Date.now)()).catch(
      (error: unknown) => {
        this.options.logger.error({ event: "ticket", err: error }, "could not catch up on ticket deadlines");
        return { escalated: 0, scheduled: 0 };
      },
    );
    if (tickets.escalated + tickets.scheduled > 0)
      this.options.logger.info({ event: "start", ...tickets }, "ticket deadlines caught up");
  }

  /** One event, start to finish. Never throws: a failure is logged and the bot goes on. */
  async handle(adapter: ChatAdapter, event: ChatEvent): Promise<void> {
    try {
      // A message delivered again after a crash, already acted on: leave it (no second warning).
      if (this.handledBefore(event)) return;
      // The adapters drop the bot's own messages; other bots are moderated like anyone (spam bots are bots).
      if (event.type !== "leave") this.touch(event);
      this.rememberChat(event);
      const command = event.type === "message" ? this.commands.handle(event) : undefined;
      const decision = this.rejoinedWhileBanned(event) ?? command ?? this.engine.decide(event);
      // After the engine: a complaint the rules let stand opens a ticket (the desk reads the decision).
      if (!command && event.type === "message")
        decision.actions.push(...this.desk.onMessage(event, decision));
      // Marked before acting: after a crash in between, the action is lost rather than done twice.
      if (decision.actions.length > 0) this.markHandled(event);
      await this.dispatcher.dispatch(adapter, event, decision);
    } catch (error) {
      this.options.logger.error(
        { event: "error", platform: event.chat.platform, chat: event.chat.id, err: error },
        "event failed",
      );
    }
  }

  /** The key of a message for the handled-messages table: an edit is a message of its own. */
  private handledKey(event: ChatEvent): string | undefined {
    if (event.type !== "message") return undefined;
    return event.edited ? `${event.messageId}@${event.at}` : event.messageId;
  }

  private handledBefore(event: ChatEvent): boolean {
    const key = this.handledKey(event);
    if (key === undefined) return false;
    try {
      return wasHandled(this.database.db, dbChat(event.chat), key);
    } catch {
      return false; // storage trouble must not stop moderation
    }
  }

  private markHandled(event: ChatEvent): void {
    const key = this.handledKey(event);
    if (key === undefined) return;
    try {
      markHandled(this.database.db, dbChat(event.chat), key, event.at);
    } catch (error) {
      this.options.logger.error(
        { event: "storage", what: "handled", err: error },
        "could not record a handled message",
      );
    }
  }

  /**
   * A member soft-banned where the platform has no bans (WeChat) who joins again is removed again.
   * Read from SQLite on joins only: they are rare next to messages.
   */
  private rejoinedWhileBanned(event: ChatEvent): Decision | undefined {
    if (event.type !== "join") return undefined;
    const ban = activeSanction(this.database.db, dbChat(event.chat), event.sender.id, "ban", event.at);
    if (!ban?.soft) return undefined;
    return {
      category: this.engine.categoryOf(event),
      actions: [{ type: "kick", rule: "banned", user: event.sender.id }],
      shadow: [],
    };
  }

  /** Sends to a chat other than the event's (staff chats, a ticket's group) by its platform's adapter. */
  private async sendElsewhere(chat: ChatRef, text: string, mention?: string): Promise<void> {
    const adapter = this.options.adapters.find((a) => a.platform === chat.platform);
    if (!adapter) throw new Error(`no ${chat.platform} adapter running`);
    await adapter.sendText(chat, text, { mention });
  }

  private liftedInMemory(job: LiftJob): void {
    if (job.type === "mute")
      this.engine.memory.setMute(chatKey({ platform: job.platform, id: job.chatId }), job.userId, undefined);
  }

  /** Records the chat (title, category) when it is new or changed: the promo fan-out reads it. */
  private rememberChat(event: ChatEvent): void {
    const category = this.engine.categoryOf(event);
    const key = chatKey(event.chat);
    const seen = `${event.chat.title ?? ""}\u0000${category}`;
    if (this.knownChats.get(key) === seen) return;
    try {
      rememberChat(this.database.db, dbChat(event.chat), event.chat.title, category, event.at);
      this.knownChats.set(key, seen);
      this.queues?.scheduleMaintenance({ ...dbChat(event.chat), category }).catch((error: unknown) => {
        this.options.logger.warn(
          { event: "queue", err: error },
          "could not schedule the group's maintenance",
        );
      });
    } catch (error) {
      this.options.logger.error({ event: "storage", what: "chat", err: error }, "could not record chat");
    }
  }

  private touch(event: ChatEvent): void {
    try {
      touchMember(this.database.db, dbChat(event.chat), event.sender.id, event.sender.displayName, event.at, {
        countMessage: event.type === "message",
      });
    } catch (error) {
      // Storage trouble must not stop moderation.
      this.options.logger.error({ event: "storage", what: "member", err: error }, "could not record member");
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.watcher.stop();
    clearInterval(this.learningSync);
    this.localTimers?.stop();
    await this.queues?.stop().catch(() => {});
    this.queuesStarted = undefined;
    for (const adapter of this.options.adapters) await adapter.stop();
    // Audit rows and statistics still held in memory are written before the database closes.
    this.dispatcher.stop();
    this.database.close();
  }
}
