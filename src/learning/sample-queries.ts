/**
 * The reads of learned_samples that admin learning needs besides storing and loading (src/db).
 * Which decisions were undone already: the ordinary sample a /notspam teaches records the audit
 * row it undid, so a /notspam repeated after a restart (or in another process of the merchant)
 * finds it and undoes nothing more; without this, the repeat removed the member's latest warning
 * again, a later and rightful one. The text an admin's /spam stored, to remember as ordinary when
 * a /notspam undoes that /spam. And the ids kept, so a process forgets what another one forgot.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/open.js";
import { learnedSamples } from "../db/schema.js";

/** Whether one of these audit rows was undone by a /notspam of this merchant whose sample is still kept. */
export function undoneBefore(db: Db, merchant: string, auditIds: readonly number[]): boolean {
  if (auditIds.length === 0) return false;
  const row = db
    .select({ id: learnedSamples.id })
    .from(learnedSamples)
    .where(
      and(
        eq(learnedSamples.merchant, merchant),
        eq(learnedSamples.label, "ham"),
        inArray(learnedSamples.auditId, [...auditIds]),
      ),
    )
    .get();
  return row !== undefined;
}

/** The text of a merchant's sample, while it is kept (a /spam's audit rows hold "/spam", not the message). */
export function sampleTextOf(db: Db, merchant: string, id: number): string | undefined {
  return db
    .select({ text: learnedSamples.text })
    .from(learnedSamples)
    .where(and(eq(learnedSamples.merchant, merchant), eq(learnedSamples.id, id)))
    .get()?.text;
}

/** Every id of a merchant's kept samples: what another process's forgetting is checked against. */
export function sampleIds(db: Db, merchant: string): number[] {
  return db
    .select({ id: learnedSamples.id })
    .from(learnedSamples)
    .where(eq(learnedSamples.merchant, merchant))
    .all()
    .map((r) => r.id);
}
