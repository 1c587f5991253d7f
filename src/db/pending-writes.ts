/**
 * Writes held back in memory to be written in batches (the dispatcher's audit
 * rows and statistics) must still be seen by readers in the same process: a
 * `/stats` or `/audit` right after a message has to count it. A writer that
 * holds rows for a database registers its flush here, and the read functions
 * of those tables settle the pending writes first.
 */
const flushers = new WeakMap<object, Set<() => void>>();

/** Registers `flush` for `db` (the drizzle handle); returns the function that unregisters it. */
export function onPendingWrites(db: object, flush: () => void): () => void {
  let set = flushers.get(db);
  if (!set) {
    set = new Set();
    flushers.set(db, set);
  }
  set.add(flush);
  return () => set.delete(flush);
}

/** Writes out whatever is held back for `db`, so that a read sees it. */
export function settlePendingWrites(db: object): void {
  const set = flushers.get(db);
  if (set) for (const flush of set) flush();
}
