// How long the process stops answering while exports are built: the event loop's delay (p99, max)
// and the slowest /healthz answer, polled every 50 ms from this same process, during `work`.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as wait } from "node:timers/promises";
import type { Database } from "../../src/db/database.ts";
import { buildServer } from "../../src/http/server.ts";
import { silentLog } from "../support/bot.ts";

const POLL_MS = 50;

/** Figures of one stall measurement, in milliseconds. */
export interface Stall {
  ms: number;
  loopP99: number;
  loopMax: number;
  healthzMax: number;
}

/** Runs `work` with /healthz served and polled, and says how much the event loop was held up. */
export async function measureStall(
  database: Pick<Database, "kind" | "ping">,
  work: () => Promise<unknown>,
): Promise<Stall> {
  const app = await buildServer({ database, log: silentLog, startedAt: new Date(), demo: false });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let healthzMax = 0;
  let running = true;
  const poll = (async () => {
    while (running) {
      const start = performance.now();
      const res = await fetch(`${address}/healthz`);
      await res.arrayBuffer();
      healthzMax = Math.max(healthzMax, performance.now() - start);
      await wait(POLL_MS);
    }
  })();
  const start = performance.now();
  histogram.enable();
  try {
    await work();
  } finally {
    histogram.disable();
    running = false;
    await poll;
    await app.close();
  }
  const ms = (n: number) => Math.round(n / 1e5) / 10;
  return {
    ms: Math.round(performance.now() - start),
    loopP99: ms(histogram.percentile(99)),
    loopMax: ms(histogram.max),
    healthzMax: Math.round(healthzMax),
  };
}
