/** The promo delivery ledger: at most one delivery per promo, chat and scheduled slot. */
import { and, desc, eq, gte, inArray, lt, ne, or, sql } from "drizzle-orm";
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

/**
 * Deliveries that count towards a cap: sent, and also those in flight or uncertain, since either
 * may have reached the chat (a capped promo must not reach a chat twice because one was unclear).
 */
const COUNTED: DeliveryRow["status"][] = ["sent", "claimed", "uncertain"];
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
    towardsCap: db
      .select({ n: sql<number>`count(*)` })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.platform, p("platform")),
          eq(deliveries.chatId, p("chatId")),
          or(eq(sql`${p("anyPromo")}`, 1), eq(deliveries.promo, p("capPromo"))),
          gte(deliveries.slot, p("from")),
          lt(deliveries.slot, p("to")),
          inArray(deliveries.status, COUNTED),
          // The delivery being claimed is not its own obstacle.
          or(ne(deliveries.promo, p("promo")), ne(deliveries.slot, p("slot"))),
        ),
      )
      .prepare(),
    skip: db
      .insert(deliveries)
      .values({
        promo: p("promo"),
        platform: p("platform"),
        chatId: p("chatId"),
        slot: p("slot"),
        status: "skipped",
        claimedAt: p("at"),
        detail: p("detail"),
      })
      .onConflictDoUpdate({
        target: [deliveries.promo, deliveries.platform, deliveries.chatId, deliveries.slot],
        set: { status: "skipped", detail: sql`excluded.detail` },
        setWhere: eq(deliveries.status, "released"),
      })
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

/**
 * A frequency cap on a chat: at most `max` counted deliveries with a slot in [from, to), of one
 * promo or (without `promo`) of every promo and broadcast.
 */
export interface DeliveryCap {
  promo?: string;
  from: number;
  to: number;
  max: number;
  /** What the ledger and the log say when it holds a delivery back ("daily cap", …). */
  reason: string;
}

/**
 * Claims a delivery before sending; see {@link ClaimOutcome}. "capped" when one of `caps` is full:
 * the row then says "skipped" and why. Counting and claiming are one immediate transaction, so two
 * workers claiming two slots of one day for one chat cannot both pass a cap of one.
 */
export function claimDelivery(
  db: Db,
  k: DeliveryKey,
  at: number,
  caps: readonly DeliveryCap[] = [],
): ClaimOutcome | "capped" {
  const s = statements(db);
  const params = { ...keyParams(k), at };
  if (caps.length === 0) return claimRow(s, params);
  return db.transaction(
    () => {
      const full = caps.find((cap) => countTowards(db, k, cap) >= cap.max);
      if (!full) return claimRow(s, params);
      // Only a delivery nobody has claimed yet (or one given back) is held back by a cap.
      if (s.skip.run({ ...params, detail: full.reason }).changes > 0) return "capped";
      return claimRow(s, params);
    },
    { behavior: "immediate" },
  );
}

function claimRow(s: ReturnType<typeof prepare>, params: ReturnType<typeof keyParams> & { at: number }) {
  if (s.claim.run(params).changes > 0) return "send";
  // A claim released by an attempt that knows it did not send is free to take again.
  if (s.retake.run(params).changes > 0) return "send";
  return s.orphan.run(params).changes > 0 ? "uncertain" : "done";
}

/** Counted deliveries to the chat of `k` under `cap`, other than `k` itself. */
export function countTowards(db: Db, k: DeliveryKey, cap: DeliveryCap): number {
  const row = statements(db).towardsCap.get({
    ...keyParams(k),
    anyPromo: cap.promo === undefined ? 1 : 0,
    capPromo: cap.promo ?? "",
    from: cap.from,
    to: cap.to,
  });
  return row?.n ?? 0;
}

/** Records a delivery held back for good (quiet hours with `quiet: drop`); one already claimed is left alone. */
export function skipDelivery(db: Db, k: DeliveryKey, at: number, detail: string): boolean {
  return statements(db).skip.run({ ...keyParams(k), at, detail }).changes > 0;
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

export interface RunSummary {
  slot: number;
  counts: Record<DeliveryRow["status"], number>;
  /** Chats ("platform:id") whose delivery is uncertain (see {@link ClaimOutcome}). */
  uncertain: string[];
  /** Why deliveries were skipped, with how many each ("daily cap": 3). */
  skipped: Record<string, number>;
}

/** The runs (slots) of a promo since `since`, newest first, and how each one's deliveries went. */
export function promoRuns(db: Db, promo: string, since: number): RunSummary[] {
  const rows = db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.promo, promo), gte(deliveries.slot, since)))
    .orderBy(desc(deliveries.slot))
    .all();
  const runs = new Map<number, RunSummary>();
  for (const r of rows) {
    let run = runs.get(r.slot);
    if (!run) {
      const counts = { claimed: 0, released: 0, sent: 0, failed: 0, uncertain: 0, skipped: 0 };
      run = { slot: r.slot, counts, uncertain: [], skipped: {} };
      runs.set(r.slot, run);
    }
    run.counts[r.status]++;
    if (r.status === "uncertain") run.uncertain.push(`${r.platform}:${r.chatId}`);
    if (r.status === "skipped") run.skipped[r.detail ?? ""] = (run.skipped[r.detail ?? ""] ?? 0) + 1;
  }
  return [...runs.values()];
}

/**
 * An owner's decision to resend a run to the chats where it is uncertain: those rows are given back
 * ("released") so a delivery may claim them again; rows that say sent (or anything else) are not
 * touched. Returns the chats reopened.
 */
export function reopenUncertain(db: Db, promo: string, slot: number, detail: string): DbChat[] {
  return db
    .update(deliveries)
    .set({ status: "released", detail })
    .where(and(eq(deliveries.promo, promo), eq(deliveries.slot, slot), eq(deliveries.status, "uncertain")))
    .returning({ platform: deliveries.platform, chatId: deliveries.chatId })
    .all();
}

/** Undoes {@link reopenUncertain} for chats whose resend could not be queued: they stay uncertain. */
export function restoreUncertain(db: Db, promo: string, slot: number, chats: readonly DbChat[]): void {
  for (const chat of chats) {
    db.update(deliveries)
      .set({ status: "uncertain", detail: "the resend could not be queued" })
      .where(and(byKey({ promo, chat, slot }), eq(deliveries.status, "released")))
      .run();
  }
}
