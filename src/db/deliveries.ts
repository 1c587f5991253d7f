/** The promo delivery ledger: at most one delivery per promo, chat and scheduled slot. */
import { and, eq, gte, sql } from "drizzle-orm";
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

const p = sql.placeholder;
const BY_KEY = and(
  eq(deliveries.promo, p("promo")),
  eq(deliveries.platform, p("platform")),
  eq(deliveries.chatId, p("chatId")),
  eq(deliveries.slot, p("slot")),
);

/**
 * The statements every delivery runs, prepared once per connection: a worker runs four of them per
 * message, and building and preparing each anew cost more than the queue's own work per job
 * (bench "fanout"). Same SQL as the one-off forms; placeholders instead of values.
 */
function prepare(db: Db) {
  return {
    claim: db
      .insert(deliveries)
      .values({
        promo: p("promo"),
        platform: p("platform"),
        chatId: p("chatId"),
        slot: p("slot"),
        status: "claimed",
        claimedAt: p("at"),
      })
      .onConflictDoNothing()
      .prepare(),
    retake: db
      .update(deliveries)
      .set({ status: "claimed", claimedAt: sql`${p("at")}` })
      .where(and(BY_KEY, eq(deliveries.status, "released")))
      .prepare(),
    orphan: db
      .update(deliveries)
      .set({ status: "uncertain", detail: "the worker stopped while sending" })
      .where(and(BY_KEY, eq(deliveries.status, "claimed")))
      .prepare(),
    status: db.select({ status: deliveries.status }).from(deliveries).where(BY_KEY).prepare(),
    delivered: db
      .update(deliveries)
      .set({ status: "sent", sentAt: sql`${p("at")}` })
      .where(BY_KEY)
      .prepare(),
    sentSince: db
      .select({ n: sql<number>`count(*)` })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.promo, p("promo")),
          eq(deliveries.platform, p("platform")),
          eq(deliveries.chatId, p("chatId")),
          eq(deliveries.status, "sent"),
          gte(sql`coalesce(${deliveries.sentAt}, 0)`, p("since")),
        ),
      )
      .prepare(),
  };
}

const prepared = new WeakMap<object, ReturnType<typeof prepare>>();

function statements(db: Db): ReturnType<typeof prepare> {
  let s = prepared.get(db);
  if (!s) {
    s = prepare(db);
    prepared.set(db, s);
  }
  return s;
}

function keyParams(k: DeliveryKey) {
  return { promo: k.promo, platform: k.chat.platform, chatId: k.chat.chatId, slot: k.slot };
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
  const s = statements(db);
  const params = { ...keyParams(k), at };
  if (s.claim.run(params).changes > 0) return "send";
  // A claim released by an attempt that knows it did not send is free to take again.
  if (s.retake.run(params).changes > 0) return "send";
  return s.orphan.run(params).changes > 0 ? "uncertain" : "done";
}

/** The ledger state of one delivery, if it has one. */
export function deliveryStatus(db: Db, k: DeliveryKey): DeliveryRow["status"] | undefined {
  return statements(db).status.get(keyParams(k))?.status;
}

/** Gives a claim back after an attempt that failed before the platform took the message. */
export function releaseDelivery(db: Db, k: DeliveryKey, detail: string): void {
  db.update(deliveries)
    .set({ status: "released", detail })
    .where(and(byKey(k), eq(deliveries.status, "claimed")))
    .run();
}

export function markDelivered(db: Db, k: DeliveryKey, at: number): void {
  statements(db).delivered.run({ ...keyParams(k), at });
}

export function markFailed(db: Db, k: DeliveryKey, detail: string): void {
  db.update(deliveries).set({ status: "failed", detail }).where(byKey(k)).run();
}

export function deliveriesOf(db: Db, promo: string): DeliveryRow[] {
  return db.select().from(deliveries).where(eq(deliveries.promo, promo)).all();
}

/** Sent deliveries of a promo to a chat since `since` (for the per-day frequency cap). */
export function sentSince(db: Db, promo: string, chat: DbChat, since: number): number {
  const row = statements(db).sentSince.get({ promo, platform: chat.platform, chatId: chat.chatId, since });
  return row?.n ?? 0;
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
