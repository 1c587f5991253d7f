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
 * Claims a delivery before sending. False when the slot was already sent (or given up), so it
 * must not be sent again; a claim left by a worker that died mid-send is taken over.
 */
export function claimDelivery(db: Db, k: DeliveryKey, at: number): boolean {
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
  if (inserted.changes > 0) return true;
  const row = db.select().from(deliveries).where(byKey(k)).get();
  return row?.status === "claimed";
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
