/** Promos paused by an admin from the chat. */
import { eq } from "drizzle-orm";
import type { Db } from "./open.js";
import { promoPauses } from "./schema.js";

export function pausePromo(db: Db, promo: string, by: string, at: number): void {
  db.insert(promoPauses).values({ promo, pausedBy: by, pausedAt: at }).onConflictDoNothing().run();
}

/** False when it was not paused. */
export function resumePromo(db: Db, promo: string): boolean {
  return db.delete(promoPauses).where(eq(promoPauses.promo, promo)).run().changes > 0;
}

export function pausedPromos(db: Db): Set<string> {
  return new Set(
    db
      .select({ promo: promoPauses.promo })
      .from(promoPauses)
      .all()
      .map((r) => r.promo),
  );
}
