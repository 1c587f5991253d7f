/**
 * What admins teach, for one merchant: `/spam` and `/notspam` samples stored in the database
 * (redacted) and learned by the merchant's classifier at once. Every group of the merchant, and
 * every bot process of it sharing the database, learns the same samples: a process picks up the
 * samples others stored with `sync()` (the bot calls it every second).
 */
import { loadSeedModel } from "../classifier/seed-corpus.js";
import { SpamModel } from "../classifier/spam-model.js";
import type { Database, DbChat } from "../db/mod.js";
import { forgetSample, loadSamples, sampleCounts, saveSample } from "../db/mod.js";
import { redactText } from "../engine/detectors/redact.js";
import { normalize } from "../engine/text/normalize.js";
import type { Learning } from "../rules/schema.js";
import { sampleIds, sampleTextOf, undoneBefore } from "./sample-queries.js";

/** Longest sample text kept: an ad is short; a novel-length message need not be kept whole. */
const MAX_SAMPLE_CHARS = 1000;

export interface Lesson {
  label: "spam" | "ham";
  /** The kind of spam (spam), or the rule whose decision was wrong (ham; "*" for every rule). */
  rule: string;
  /** The message text as sent: redacted here before it is stored or learned. */
  text: string;
  chat: DbChat;
  /** Whose message it was. */
  userId: string;
  /** The admin who taught it. */
  byUser: string;
  at: number;
  auditId?: number;
}

export class AdminLearning {
  readonly model: SpamModel;
  readonly merchant: string;
  private lastId = 0;

  constructor(
    private readonly database: Database,
    config: Learning,
  ) {
    this.merchant = config.merchant;
    this.model = new SpamModel({
      similarity: config.similarity,
      maxSamples: config.max_samples,
      seed: config.seed ? loadSeedModel() : undefined,
    });
    this.maxSamples = config.max_samples;
    this.sync();
  }

  private readonly maxSamples: number;

  /**
   * Learns the samples stored since the last call (at start: all of them), and forgets those gone
   * from the database (another process's /notspam, the cap, a text moved to the other label);
   * returns how many were learned.
   */
  sync(): number {
    const rows = loadSamples(this.database.db, this.merchant, this.lastId);
    for (const row of rows) {
      this.learnSample({ id: row.id, label: row.label, rule: row.rule, text: row.text });
      this.lastId = Math.max(this.lastId, row.id);
    }
    // A count first (over the index): the ids are read only when some row went away.
    const stored = sampleCounts(this.database.db, this.merchant);
    if (stored.spam + stored.ham !== this.kept.size) this.forgetGone();
    return rows.length;
  }

  /** Ids of the samples this process learned and has not seen go: checked against the database by sync. */
  private readonly kept = new Set<number>();

  private learnSample(sample: { id: number; label: "spam" | "ham"; rule: string; text: string }): void {
    this.model.learn(sample);
    this.kept.add(sample.id);
  }

  private forgetGone(): void {
    const present = new Set(sampleIds(this.database.db, this.merchant));
    for (const id of this.kept) {
      if (present.has(id)) continue;
      this.model.forget(id);
      this.kept.delete(id);
    }
  }

  /** Stores and learns one sample; `created` is false when the same text was taught so already. */
  teach(lesson: Lesson): { id: number; created: boolean } {
    const text = redactText(lesson.text).slice(0, MAX_SAMPLE_CHARS);
    const saved = saveSample(
      this.database.db,
      {
        merchant: this.merchant,
        label: lesson.label,
        rule: lesson.rule,
        text,
        textKey: sampleKey(text),
        platform: lesson.chat.platform,
        chatId: lesson.chat.chatId,
        userId: lesson.userId,
        byUser: lesson.byUser,
        at: lesson.at,
        auditId: lesson.auditId,
      },
      this.maxSamples,
    );
    if (saved.created) this.learnSample({ id: saved.id, label: lesson.label, rule: lesson.rule, text });
    return saved;
  }

  /** Whether a /notspam of this merchant undid one of these audit rows already (see sample-queries). */
  undid(auditIds: readonly number[]): boolean {
    return undoneBefore(this.database.db, this.merchant, auditIds);
  }

  /** The (redacted) text of one of this merchant's samples, while it is kept. */
  sampleText(id: number): string | undefined {
    return sampleTextOf(this.database.db, this.merchant, id);
  }

  /** Forgets a sample (a learned spam that caught an ordinary message). */
  forget(id: number): void {
    forgetSample(this.database.db, this.merchant, id);
    this.model.forget(id);
    this.kept.delete(id);
  }

  counts(): { spam: number; ham: number } {
    return sampleCounts(this.database.db, this.merchant);
  }
}

/** Two texts that fold to the same letters and digits are one sample. */
export function sampleKey(text: string): string {
  return normalize(text).compact.slice(0, 500);
}
