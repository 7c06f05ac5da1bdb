import type { Logger } from "pino";
import type { Database } from "../db/database.ts";
import { storageFault } from "../db/storage-fault.ts";

/** How often the process checks by itself that the database still writes (health checks may be rare). */
export const WRITE_PROBE_INTERVAL_MS = 30_000;

/** Answers whether the database can write now, and logs one JSON line each time that changes. */
export type HealthCheck = () => Promise<boolean>;

/** A health check on the database's heartbeat write, bounded by `timeoutMs`. */
export function createHealthCheck(
  database: Pick<Database, "kind" | "ping">,
  log: Logger,
  timeoutMs = 2_000,
): HealthCheck {
  let healthy = true;
  return async () => {
    try {
      await withTimeout(database.ping(), timeoutMs);
      if (!healthy)
        log.info({ event: "database_writable", database: database.kind }, "the database stores writes again");
      healthy = true;
    } catch (error) {
      if (healthy) {
        const fault = storageFault(error);
        // An operator's alert matches `event`; `fault` says whether the data folder is full or read-only.
        log.error(
          {
            event: "database_unwritable",
            database: database.kind,
            fault: fault ?? "unavailable",
            code: (error as { code?: unknown }).code,
            err: error,
          },
          fault === "full"
            ? "the database's storage is full: nothing can be saved"
            : fault === "read_only"
              ? "the database's storage turned read-only: nothing can be saved"
              : "the database cannot write",
        );
      }
      healthy = false;
    }
    return healthy;
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
