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
import { type Job, type Queue, UnrecoverableError } from "bullmq";
import type { ChatAdapter } from "../core/adapter.js";
import type { ChatRef, Platform } from "../core/chat-event.js";
import { inWindow, minuteOfDay, parseClock } from "../core/clock.js";
import {
  type ClaimOutcome,
  chatsInCategories,
  claimDelivery,
  type Database,
  type DeliveryKey,
  deliveryStatus,
  markDelivered,
  markFailed,
  releaseDelivery,
  sentSince,
} from "../db/mod.js";
import type { Logger } from "../log/logger.js";
import type { RulePack } from "../rules/rule-pack.js";
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
  const targets = new Map<string, Delivery>();
  for (const c of chatsInCategories(deps.database.db, promo.targets.categories)) {
    targets.set(`${c.platform}:${c.chatId}`, {
      promo: promo.id,
      platform: c.platform,
      chatId: c.chatId,
      title: c.title ?? undefined,
      slot,
    });
  }
  for (const g of promo.targets.groups) {
    targets.set(`${g.platform}:${g.id}`, { promo: promo.id, platform: g.platform, chatId: g.id, slot });
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
        jobId: `d|${d.promo}|${d.platform}|${d.chatId}|${d.slot}`,
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

/** Sends one delivery, at most once per slot. */
export async function deliver(
  job: Job<Delivery>,
  deps: PromoDeps,
): Promise<"sent" | "skipped" | "uncertain"> {
  const d = job.data;
  const now = (deps.now ?? Date.now)();
  const key: DeliveryKey = { promo: d.promo, chat: { platform: d.platform, chatId: d.chatId }, slot: d.slot };
  const db = deps.database.db;
  let text = d.text;
  if (text === undefined) {
    const promo = deps.pack().promos.find((p) => p.id === d.promo);
    if (!promo?.enabled) return "skipped";
    if (promo.quiet_hours) {
      const q = promo.quiet_hours;
      if (inWindow(minuteOfDay(now, q.time_zone ?? promo.time_zone), parseClock(q.from), parseClock(q.to))) {
        return "skipped";
      }
    }
    if (sentSince(db, promo.id, key.chat, now - 86_400_000) >= promo.max_per_day) return "skipped";
    text = promo.text;
  }
  const adapter = deps.adapters.get(d.platform);
  if (!adapter) throw new UnrecoverableError(`no ${d.platform} adapter in this process`);
  const fields = {
    event: "action",
    platform: d.platform,
    chat: d.chatId,
    type: "reply",
    rule: `promo:${d.promo}`,
  };
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
  let claim: ClaimOutcome | undefined;
  const chat: ChatRef = { platform: d.platform, id: d.chatId, title: d.title };
  try {
    await adapter.sendText(chat, text, {
      onSending: () => {
        claim = claimDelivery(db, key, (deps.now ?? Date.now)());
        if (claim !== "send") throw new ClaimLost();
      },
    });
  } catch (error) {
    if (error instanceof ClaimLost) return claim === "uncertain" ? reportUncertain() : "skipped";
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
  markDelivered(db, key, (deps.now ?? Date.now)());
  deps.logger.info({ ...fields, outcome: "done" }, "promo delivered");
  return "sent";
}
