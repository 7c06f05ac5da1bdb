/**
 * Runs work on one event one after the other within this process. Registrations lock the event's
 * row anyway (correct across processes); queueing here first means a burst of presses on one event
 * holds one database connection at a time instead of filling the pool with transactions waiting
 * for the same lock, which starved every other request and timed out on PostgreSQL.
 */
const tails = new Map<string, Promise<unknown>>();

export function oneAtATime<T>(eventId: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(eventId) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(eventId, tail);
  void tail.then(() => {
    if (tails.get(eventId) === tail) tails.delete(eventId);
  });
  return run;
}

/** Time a registration may wait for a connection and then hold it; the lock is held for a few queries. */
export const EVENT_TRANSACTION = { maxWait: 15_000, timeout: 15_000 } as const;
