/**
 * Promos from the rule files become BullMQ job schedulers, reconciled on
 * start and on every reload: each enabled promo is upserted (a changed cron
 * replaces the old schedule), and a scheduler whose promo is gone or disabled
 * is removed, so nothing is left behind in Redis. One promo the scheduler
 * refuses is reported and skipped; the promos after it are still scheduled.
 */
import type { Queue } from "bullmq";
import { promoDates } from "../rules/promo-dates.js";
import type { Promo } from "../rules/schema.js";
import { isConnectionError } from "./redis-health.js";

export const PROMO_SCHEDULER_PREFIX = "promo-";

export interface PromoTick {
  promo: string;
}

export interface ReconcileResult {
  /** Scheduler ids in Redis for the promos now scheduled. */
  scheduled: string[];
  /** Promos the scheduler refused, with why. */
  failed: { promo: string; error: string }[];
}

export async function reconcilePromos(
  queue: Queue,
  promos: readonly Promo[],
  now = Date.now(),
): Promise<ReconcileResult> {
  const wanted = new Map<string, Promo>();
  for (const p of promos) {
    if (!p.enabled) continue;
    // A promo whose last day has passed has nothing left to schedule.
    const { until } = promoDates(p);
    if (until !== undefined && until <= now) continue;
    wanted.set(PROMO_SCHEDULER_PREFIX + p.id, p);
  }
  for (const s of await queue.getJobSchedulers()) {
    const id = s.key ?? s.id;
    if (id?.startsWith(PROMO_SCHEDULER_PREFIX) && !wanted.has(id)) await queue.removeJobScheduler(id);
  }
  const result: ReconcileResult = { scheduled: [], failed: [] };
  for (const [id, p] of wanted) {
    const { from, until } = promoDates(p);
    try {
      await queue.upsertJobScheduler(
        id,
        {
          pattern: p.cron,
          tz: p.time_zone,
          startDate: from,
          endDate: until === undefined ? undefined : until - 1,
        },
        {
          name: "tick",
          data: { promo: p.id } satisfies PromoTick,
          opts: { removeOnComplete: 100, removeOnFail: 100 },
        },
      );
      result.scheduled.push(id);
    } catch (error) {
      // Redis away or closing is not this promo's fault: the caller's outage handling takes it.
      if (isConnectionError(error)) throw error;
      result.failed.push({ promo: p.id, error: (error as Error).message });
    }
  }
  return result;
}
