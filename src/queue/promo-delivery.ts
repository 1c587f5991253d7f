/**
 * From a scheduler tick to messages in chats. A tick fans out into one
 * delivery job per target chat (job ids carry promo, chat and slot, so a
 * repeated fan-out adds nothing twice); a delivery claims its row in the
 * SQLite ledger before sending, so a slot already sent is never sent again,
 * whichever worker or retry gets to it. A chat that is gone fails for good.
 *
 * Exactly-once towards a platform that cannot be asked "did you get it?" is impossible when a
 * worker dies between the send and the ledger write. Qunguan chooses never-twice: that one
 * in-flight delivery per dying worker becomes "uncertain", is reported, and is not resent.
 */
import { DelayedError, type Job, type Queue, UnrecoverableError } from "bullmq";
import type { ChatAdapter } from "../core/adapter.js";
import type { ChatRef, Platform } from "../core/chat-event.js";
import {
  chatsInCategories,
  claimDelivery,
  countTowards,
  type Database,
  type DeliveryCap,
  type DeliveryKey,
  deliveryStatus,
  markDelivered,
  markFailed,
  releaseDelivery,
  skipDelivery,
} from "../db/mod.js";
import type { Logger } from "../log/logger.js";
import type { RulePack } from "../rules/rule-pack.js";
import type { Promo } from "../rules/schema.js";
import { capsFor, quietUntil } from "./promo-limits.js";
import type { PromoTick } from "./promo-schedules.js";

export interface Delivery {
  /** The promo id, or a broadcast's id ("broadcast-…"). */
  promo: string;
  platform: Platform;
  chatId: string;
  title?: string;
  slot: number;
  /** A broadcast carries its own text; a promo's text comes from the live rule files. */
  text?: string;
  /** Sent by `/promo send`, outside the schedule: the daily cap does not apply. */
  manual?: boolean;
  /** Set by `/promo resend`: a new job for a slot whose first job is done. */
  resend?: number;
}

export interface PromoDeps {
  database: Database;
  logger: Logger;
  pack: () => RulePack;
  adapters: ReadonlyMap<Platform, ChatAdapter>;
  now?: () => number;
}

/** The tick's scheduled time: BullMQ names scheduler jobs "repeat:<scheduler>:<millis>". */
export function slotOf(job: Job): number {
  const fromId = Number(job.id?.split(":").at(-1));
  return Number.isFinite(fromId) ? fromId : job.timestamp;
}

/** Fans one tick out into delivery jobs, one per target chat. */
export async function fanOut(job: Job<PromoTick>, deliveries: Queue, deps: PromoDeps): Promise<number> {
  const promo = deps.pack().promos.find((p) => p.id === job.data.promo && p.enabled);
  if (!promo) return 0;
  const slot = slotOf(job);
  const manual = job.id?.startsWith("manual:") ? true : undefined;
  const targets = new Map<string, Delivery>();
  for (const c of chatsInCategories(deps.database.db, promo.targets.categories)) {
    targets.set(`${c.platform}:${c.chatId}`, {
      promo: promo.id,
      platform: c.platform,
      chatId: c.chatId,
      title: c.title ?? undefined,
      slot,
      manual,
    });
  }
  for (const g of promo.targets.groups) {
    targets.set(`${g.platform}:${g.id}`, {
      promo: promo.id,
      platform: g.platform,
      chatId: g.id,
      slot,
      manual,
    });
  }
  await enqueueDeliveries(deliveries, [...targets.values()]);
  return targets.size;
}

/** Adds delivery jobs; the job id (promo, chat, slot) makes adding the same delivery twice a no-op. */
export async function enqueueDeliveries(deliveries: Queue, list: Delivery[]): Promise<void> {
  await deliveries.addBulk(
    list.map((d) => ({
      name: "deliver",
      data: d,
      opts: {
        jobId: `d|${d.promo}|${d.platform}|${d.chatId}|${d.slot}${d.resend ? `|resend-${d.resend}` : ""}`,
        attempts: 5,
        backoff: { type: "exponential", delay: 1000 },
        removeOnComplete: 1000,
        removeOnFail: 1000,
      },
    })),
  );
}

/** Thrown from the send hook when another attempt holds or settled the slot: the send is called off. */
class ClaimLost extends Error {}

/** Thrown from the send hook when quiet hours began while the delivery waited for its turn. */
class QuietBegan extends Error {
  constructor(readonly until: number) {
    super("quiet hours");
  }
}

export type DeliveryOutcome = "sent" | "skipped" | "uncertain" | "dropped";

/**
 * Sends one delivery, at most once per slot. A promo's quiet hours hold it (the job waits in Redis
 * until they end) or drop it, as the promo says; its caps skip it. Whatever holds a delivery back
 * says so in the log and, when final, in the ledger, so `/promo status` shows it.
 */
export async function deliver(job: Job<Delivery>, deps: PromoDeps, token?: string): Promise<DeliveryOutcome> {
  const d = job.data;
  const clock = deps.now ?? Date.now;
  const now = clock();
  const key: DeliveryKey = { promo: d.promo, chat: { platform: d.platform, chatId: d.chatId }, slot: d.slot };
  const db = deps.database.db;
  const fields = {
    event: "action",
    platform: d.platform,
    chat: d.chatId,
    type: "reply",
    rule: `promo:${d.promo}`,
  };
  let text = d.text;
  let promo: Promo | undefined;
  let caps: DeliveryCap[] = [];
  if (text === undefined) {
    promo = deps.pack().promos.find((p) => p.id === d.promo);
    if (!promo?.enabled) {
      deps.logger.info({ ...fields, outcome: "skipped" }, "promo delivery skipped: the promo is off or gone");
      return "skipped";
    }
    const quiet = quietUntil(promo, now);
    if (quiet !== undefined) return quietHours(job, token, deps, promo, key, quiet - now, fields);
    caps = capsFor(promo, d.slot, d.manual);
    // Checked again, atomically, when the message leaves; this spares a capped one the pacing wait.
    const full = caps.find((cap) => countTowards(db, key, cap) >= cap.max);
    if (full && skipDelivery(db, key, now, full.reason)) return capped(deps, fields, full.reason);
    text = promo.text;
  }
  const adapter = deps.adapters.get(d.platform);
  if (!adapter) throw new UnrecoverableError(`no ${d.platform} adapter in this process`);
  const reportUncertain = () => {
    deps.logger.warn(
      { ...fields, outcome: "uncertain", slot: d.slot },
      "promo delivery uncertain: the worker that sent it stopped mid-send; not sent again",
    );
    return "uncertain" as const;
  };
  // A slot settled already needs no wait in the adapter's pacing queue.
  const status = deliveryStatus(db, key);
  if (status !== undefined && status !== "released") {
    return claimDelivery(db, key, now) === "uncertain" ? reportUncertain() : "skipped";
  }
  // The claim is taken when the message leaves (after pacing): dying while waiting costs nothing.
  let claim: ReturnType<typeof claimDelivery> | undefined;
  const chat: ChatRef = { platform: d.platform, id: d.chatId, title: d.title };
  try {
    await adapter.sendText(chat, text, {
      onSending: () => {
        const at = clock();
        const quiet = promo && quietUntil(promo, at);
        if (quiet) throw new QuietBegan(quiet - at);
        claim = claimDelivery(db, key, at, caps);
        if (claim !== "send") throw new ClaimLost();
      },
    });
  } catch (error) {
    if (error instanceof QuietBegan && promo)
      return quietHours(job, token, deps, promo, key, error.until, fields);
    if (error instanceof ClaimLost) {
      if (claim === "capped") return capped(deps, fields, "cap");
      return claim === "uncertain" ? reportUncertain() : "skipped";
    }
    if (claim !== "send") throw error;
    const message = (error as Error).message;
    if ((error as { permanent?: boolean }).permanent) {
      markFailed(db, key, message);
      deps.logger.warn({ ...fields, outcome: "failed" }, "promo delivery failed for good");
      throw new UnrecoverableError(message);
    }
    // The adapter answered with an error, so this attempt knows its outcome: the retry may send.
    releaseDelivery(db, key, message);
    throw error;
  }
  markDelivered(db, key, clock());
  deps.logger.info({ ...fields, outcome: "done" }, "promo delivered");
  return "sent";
}

function capped(deps: PromoDeps, fields: object, reason: string): "skipped" {
  deps.logger.info({ ...fields, outcome: "skipped", reason }, `promo delivery skipped: ${reason} reached`);
  return "skipped";
}

/**
 * A delivery due inside quiet hours. "hold": the job goes back to Redis, delayed until they end
 * (by BullMQ's clock: `waitMs` from now), and is tried again then, caps and all. "drop": the ledger
 * says skipped, so status shows it and no retry sends it.
 */
async function quietHours(
  job: Job<Delivery>,
  token: string | undefined,
  deps: PromoDeps,
  promo: Promo,
  key: DeliveryKey,
  waitMs: number,
  fields: object,
): Promise<DeliveryOutcome> {
  if (promo.quiet === "drop") {
    skipDelivery(deps.database.db, key, (deps.now ?? Date.now)(), "quiet hours");
    deps.logger.info({ ...fields, outcome: "dropped" }, "promo delivery dropped: quiet hours");
    return "dropped";
  }
  const until = Date.now() + waitMs;
  deps.logger.info(
    { ...fields, outcome: "held", until: new Date(until).toISOString() },
    "promo delivery held until quiet hours end",
  );
  await job.moveToDelayed(until, token);
  throw new DelayedError();
}
