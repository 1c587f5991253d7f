/**
 * Lifting a mute or ban when it ends: a delayed job per sanction, and at start
 * every overdue one (the bot was down when it ended). Lifting is idempotent:
 * the SQLite row says whether it was lifted already.
 */
import type { ChatAdapter } from "../core/adapter.js";
import type { Platform } from "../core/chat-event.js";
import { activeSanction, type Database, liftSanction as liftRow, overdueSanctions } from "../db/mod.js";
import type { Logger } from "../log/logger.js";

export interface LiftJob {
  platform: Platform;
  chatId: string;
  userId: string;
  type: "mute" | "ban";
  endsAt: number;
}

export interface LiftDeps {
  database: Database;
  logger: Logger;
  adapters: ReadonlyMap<Platform, ChatAdapter>;
  onLifted?: (job: LiftJob) => void;
  now?: () => number;
}

/** Lifts one ended sanction on the platform and in the database; false when there was nothing to lift. */
export async function liftSanction(job: LiftJob, deps: LiftDeps): Promise<boolean> {
  const now = (deps.now ?? Date.now)();
  const chat = { platform: job.platform, chatId: job.chatId };
  // Still active means not lifted by hand and not replaced by a longer one ending later.
  const row = activeSanction(deps.database.db, chat, job.userId, job.type, job.endsAt - 1);
  if (!row || row.liftedAt !== null || (row.endsAt !== null && row.endsAt > job.endsAt)) return false;
  const adapter = deps.adapters.get(job.platform);
  const ref = { platform: job.platform, id: job.chatId };
  if (adapter && !row.soft) {
    if (job.type === "mute") await adapter.unmute(ref, job.userId);
    else await adapter.unban(ref, job.userId);
  }
  liftRow(deps.database.db, row.id, now);
  deps.onLifted?.(job);
  deps.logger.info(
    {
      event: "action",
      platform: job.platform,
      chat: job.chatId,
      type: job.type === "mute" ? "unmute" : "unban",
      user: job.userId,
      rule: "timer",
      outcome: "done",
    },
    "sanction ended",
  );
  return true;
}

/** Lifts every sanction that ended while the bot was not running. */
export async function liftOverdue(deps: LiftDeps): Promise<number> {
  let lifted = 0;
  for (const s of overdueSanctions(deps.database.db, (deps.now ?? Date.now)())) {
    if (s.endsAt === null || (s.type !== "mute" && s.type !== "ban")) continue;
    const job: LiftJob = {
      platform: s.platform,
      chatId: s.chatId,
      userId: s.userId,
      type: s.type,
      endsAt: s.endsAt,
    };
    try {
      if (await liftSanction(job, deps)) lifted++;
    } catch (error) {
      deps.logger.warn(
        { event: "queue", err: error, chat: s.chatId },
        "could not lift an overdue sanction; will retry at next start",
      );
    }
  }
  return lifted;
}
