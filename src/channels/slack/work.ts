import type { Logger } from "pino";

/** Member actions being answered: at most `limit` at once, the rest queued; `idle` waits for all. */
export interface WorkQueue {
  run(work: () => Promise<void>): Promise<void>;
  idle(): Promise<void>;
}

/**
 * Caps how many acknowledged actions are dispatched at once. Under a burst (200 members pressing a
 * button together) unbounded dispatch keeps the event loop busy with database work, and the next
 * requests' acknowledgements slip towards Slack's 3 s deadline; queued work keeps them prompt.
 */
export function createWorkQueue(limit: number, log: Logger): WorkQueue {
  const inFlight = new Set<Promise<void>>();
  const waiting: (() => void)[] = [];
  let active = 0;

  async function slot(): Promise<void> {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
  }
  function release(): void {
    active--;
    waiting.shift()?.();
  }

  return {
    run(work) {
      const running = slot()
        .then(() => work().finally(release))
        .catch((error: unknown) => log.error({ err: error }, "slack: could not answer an event"));
      inFlight.add(running);
      return running.finally(() => inFlight.delete(running));
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
