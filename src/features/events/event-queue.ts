import { createSerialQueue } from "../../shared/serial-queue.ts";

/**
 * Runs work on one event one after the other within this process. Registrations lock the event's
 * row anyway (correct across processes); queueing here first means a burst of presses on one event
 * holds one database connection at a time instead of filling the pool with transactions waiting
 * for the same lock, which starved every other request and timed out on PostgreSQL.
 */
const events = createSerialQueue();

export function oneAtATime<T>(eventId: string, work: () => Promise<T>): Promise<T> {
  return events.run(eventId, work);
}

/** Time a registration may wait for a connection and then hold it; the lock is held for a few queries. */
export const EVENT_TRANSACTION = { maxWait: 15_000, timeout: 15_000 } as const;
