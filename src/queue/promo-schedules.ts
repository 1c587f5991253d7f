/**
 * Promos from the rule files become BullMQ job schedulers, reconciled on
 * start and on every reload: each enabled promo is upserted (a changed cron
 * replaces the old schedule), and a scheduler whose promo is gone or disabled
 * is removed, so nothing is left behind in Redis.
 */
import type { Queue } from "bullmq";
import type { Promo } from "../rules/schema.js";

export const PROMO_SCHEDULER_PREFIX = "promo-";

export interface PromoTick {
  promo: string;
}

export async function reconcilePromos(
  queue: Queue,
  promos: readonly Promo[],
  now = Date.now(),
): Promise<string[]> {
  const wanted = new Map<string, Promo>();
  for (const p of promos) {
    if (!p.enabled) continue;
    // A promo whose last day has passed has nothing left to schedule.
    if (p.end && Date.parse(`${p.end}T23:59:59Z`) < now) continue;
    wanted.set(PROMO_SCHEDULER_PREFIX + p.id, p);
  }
  for (const s of await queue.getJobSchedulers()) {
    const id = s.key ?? s.id;
    if (id?.startsWith(PROMO_SCHEDULER_PREFIX) && !wanted.has(id)) await queue.removeJobScheduler(id);
  }
  for (const [id, p] of wanted) {
    await queue.upsertJobScheduler(
      id,
      {
        pattern: p.cron,
        tz: p.time_zone,
        startDate: p.start ? Date.parse(`${p.start}T00:00:00Z`) : undefined,
        endDate: p.end ? Date.parse(`${p.end}T23:59:59Z`) : undefined,
      },
      {
        name: "tick",
        data: { promo: p.id } satisfies PromoTick,
        opts: { removeOnComplete: 100, removeOnFail: 100 },
      },
    );
  }
  return [...wanted.keys()];
}
