export { type Delivery, deliver, fanOut, type PromoDeps, slotOf } from "./promo-delivery.js";
export { PROMO_SCHEDULER_PREFIX, type PromoTick, reconcilePromos } from "./promo-schedules.js";
export { deliveriesPerSecondFromEnv, QueueService, type QueueServiceOptions } from "./queue-service.js";
export { type RedisConnection, redisConnection, redisSettingProblems } from "./redis-connection.js";
export { type LiftDeps, type LiftJob, liftOverdue, liftSanction } from "./sanction-timers.js";
