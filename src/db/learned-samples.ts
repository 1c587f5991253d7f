/**
 * What admins teach with /spam and /notspam: one row per text (its dedupe key) and merchant, so
 * the same text taught again adds nothing, and taught with the other label moves rather than
 * contradicts. Readers (the classifier and the near-duplicate memory, in every process of the
 * merchant) poll `id > last`: a move gets a new id so they see it.
 */
import { and, asc, count, desc, eq, gt, lte } from "drizzle-orm";
import type { Platform } from "../core/chat-event.js";
import type { Db } from "./open.js";
import { type LearnedSampleRow, learnedSamples, type SampleLabel } from "./schema.js";

/** One sample to save; the text ALREADY redacted (this layer stores what it is given). */
export interface NewSample {
  merchant: string;
  label: SampleLabel;
  /** The kind of spam taught, or the rule undone. */
  rule: string;
  text: string;
  /** The caller's dedupe key, e.g. the normalised compact text. */
  textKey: string;
  platform: Platform;
  chatId: string;
  /** Whose message it was. */
  userId: string;
  /** The admin who taught it. */
  byUser: string;
  at: number;
  auditId?: number;
}

/** Samples kept per merchant and label unless the caller says otherwise (the rules' `max_samples` default). */
export const DEFAULT_MAX_PER_LABEL = 5000;

/**
 * Saves a sample. The same key with the same label changes nothing (`created: false`, the existing
 * id): an admin repeating /notspam on one text cannot weigh it more. With the other label the old
 * row goes and a new one is written. Past `maxPerLabel` rows of that merchant and label, the
 * oldest are forgotten. One transaction, taken for writing at once so that two processes saving
 * the same text do not both read "absent".
 */
export function saveSample(
  db: Db,
  sample: NewSample,
  maxPerLabel = DEFAULT_MAX_PER_LABEL,
): { id: number; created: boolean } {
  return db.transaction(
    (tx) => {
      const key = and(
        eq(learnedSamples.merchant, sample.merchant),
        eq(learnedSamples.textKey, sample.textKey),
      );
      const existing = tx
        .select({ id: learnedSamples.id, label: learnedSamples.label })
        .from(learnedSamples)
        .where(key)
        .get();
      if (existing?.label === sample.label) return { id: existing.id, created: false };
      if (existing) tx.delete(learnedSamples).where(eq(learnedSamples.id, existing.id)).run();
      const { id } = tx
        .insert(learnedSamples)
        .values({ ...sample, auditId: sample.auditId ?? null })
        .returning({ id: learnedSamples.id })
        .get();
      forgetBeyond(tx, sample.merchant, sample.label, maxPerLabel);
      return { id, created: true };
    },
    { behavior: "immediate" },
  );
}

/** Deletes a merchant's oldest samples of one label beyond the newest `keep`. */
function forgetBeyond(db: Db, merchant: string, label: SampleLabel, keep: number): void {
  const ofLabel = and(eq(learnedSamples.merchant, merchant), eq(learnedSamples.label, label));
  // The newest row that falls out: it and every older one go.
  const firstForgotten = db
    .select({ id: learnedSamples.id })
    .from(learnedSamples)
    .where(ofLabel)
    .orderBy(desc(learnedSamples.id))
    .limit(1)
    .offset(keep)
    .get();
  if (firstForgotten)
    db.delete(learnedSamples)
      .where(and(ofLabel, lte(learnedSamples.id, firstForgotten.id)))
      .run();
}

/** A merchant's samples with an id above `afterId`, oldest first, at most `limit`. */
export function loadSamples(db: Db, merchant: string, afterId = 0, limit = 100_000): LearnedSampleRow[] {
  return db
    .select()
    .from(learnedSamples)
    .where(and(eq(learnedSamples.merchant, merchant), gt(learnedSamples.id, afterId)))
    .orderBy(asc(learnedSamples.id))
    .limit(limit)
    .all();
}

/** How many samples of each label a merchant has taught (every merchant when omitted). */
export function sampleCounts(db: Db, merchant?: string): { spam: number; ham: number } {
  const rows = db
    .select({ label: learnedSamples.label, n: count() })
    .from(learnedSamples)
    .where(merchant === undefined ? undefined : eq(learnedSamples.merchant, merchant))
    .groupBy(learnedSamples.label)
    .all();
  const counts = { spam: 0, ham: 0 };
  for (const r of rows) counts[r.label] = r.n;
  return counts;
}

/** Forgets one sample of a merchant; returns whether there was one. */
export function forgetSample(db: Db, merchant: string, id: number): boolean {
  const result = db
    .delete(learnedSamples)
    .where(and(eq(learnedSamples.merchant, merchant), eq(learnedSamples.id, id)))
    .run();
  return result.changes > 0;
}
