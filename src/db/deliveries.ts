/** The promo delivery ledger: at most one delivery per promo, chat and scheduled slot. */
import { and, eq } from "drizzle-orm";
import type { DbChat } from "./chat.js";
import type { Db } from "./open.js";
import { type DeliveryRow, deliveries } from "./schema.js";

export interface DeliveryKey {
  promo: string;
  chat: DbChat;
  slot: number;
}

function byKey(k: DeliveryKey) {
  return and(
    eq(deliveries.promo, k.promo),
    eq(deliveries.platform, k.chat.platform),
    eq(deliveries.chatId, k.chat.chatId),
    eq(deliveries.slot, k.slot),
  );
}

/**
 * What a worker may do with a delivery:
 * - "send": the claim is this attempt's; send, then mark it sent (or release it on an error).
 * - "done": sent, given up or uncertain already; never send it again.
 * - "uncertain": an earlier attempt claimed it and never came back (its process died mid-send).
 *   Whether the platform got that message cannot be known, so it is not sent again (a chat must
 *   never get a push twice); the row says "uncertain" for the owners to see with /promo status.
 */
export type ClaimOutcome = "send" | "done" | "uncertain";

/** Claims a delivery before sending; see {@link ClaimOutcome}. Each step is one atomic statement. */
export function claimDelivery(db: Db, k: DeliveryKey, at: number): ClaimOutcome {
  const inserted = db
    .insert(deliveries)
    .values({
      promo: k.promo,
      platform: k.chat.platform,
      chatId: k.chat.chatId,
      slot: k.slot,
      status: "claimed",
      claimedAt: at,
    })
    .onConflictDoNothing()
    .run();
  if (inserted.changes > 0) return "send";
  // A claim released by an attempt that knows it did not send is free to take again.
  const retaken = db
    .update(deliveries)
    .set({ status: "claimed", claimedAt: at })
    .where(and(byKey(k), eq(deliveries.status, "released")))
    .run();
  if (retaken.changes > 0) return "send";
  const orphaned = db
    .update(deliveries)
    .set({ status: "uncertain", detail: "the worker stopped while sending" })
    .where(and(byKey(k), eq(deliveries.status, "claimed")))
    .run();
  return orphaned.changes > 0 ? "uncertain" : "done";
}

/** The ledger state of one delivery, if it has one. */
export function deliveryStatus(db: Db, k: DeliveryKey): DeliveryRow["status"] | undefined {
  return db.select({ status: deliveries.status }).from(deliveries).where(byKey(k)).get()?.status;
}

/** Gives a claim back after an attempt that failed before the platform took the message. */
export function releaseDelivery(db: Db, k: DeliveryKey, detail: string): void {
  db.update(deliveries)
    .set({ status: "released", detail })
    .where(and(byKey(k), eq(deliveries.status, "claimed")))
    .run();
}

export function markDelivered(db: Db, k: DeliveryKey, at: number): void {
  db.update(deliveries).set({ status: "sent", sentAt: at }).where(byKey(k)).run();
}

export function markFailed(db: Db, k: DeliveryKey, detail: string): void {
  db.update(deliveries).set({ status: "failed", detail }).where(byKey(k)).run();
}

export function deliveriesOf(db: Db, promo: string): DeliveryRow[] {
  return db.select().from(deliveries).where(eq(deliveries.promo, promo)).all();
}

/** Sent deliveries of a promo to a chat since `since` (for the per-day frequency cap). */
export function sentSince(db: Db, promo: string, chat: DbChat, since: number): number {
  return db
    .select()
    .from(deliveries)
    .where(
      and(
        eq(deliveries.promo, promo),
        eq(deliveries.platform, chat.platform),
        eq(deliveries.chatId, chat.chatId),
        eq(deliveries.status, "sent"),
      ),
    )
    .all()
    .filter((d) => (d.sentAt ?? 0) >= since).length;
}

export interface SlotSummary {
  slot: number;
  counts: Record<DeliveryRow["status"], number>;
  /** Chats whose delivery is uncertain (see {@link ClaimOutcome}). */
  uncertain: string[];
}

/** The latest slot of a promo and how its deliveries went, for /promo status. */
export function latestSlotSummary(db: Db, promo: string): SlotSummary | undefined {
  const rows = deliveriesOf(db, promo);
  if (rows.length === 0) return undefined;
  const slot = Math.max(...rows.map((r) => r.slot));
  const counts = { claimed: 0, released: 0, sent: 0, failed: 0, uncertain: 0 };
  const uncertain: string[] = [];
  for (const r of rows) {
    if (r.slot !== slot) continue;
    counts[r.status]++;
    if (r.status === "uncertain") uncertain.push(`${r.platform}:${r.chatId}`);
  }
  return { slot, counts, uncertain };
}
