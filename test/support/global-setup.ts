// Vitest globalSetup: runs once, before any worker starts, so test files never build the PGlite
// templates at the same moment (test/support/pglite-template.ts).
import { postgresUrl } from "./database.ts";
import { ensurePgliteTemplates } from "./pglite-template.ts";

/** Builds the run's PGlite templates when the suite runs on PGlite. */
export default async function setup(): Promise<void> {
  if (!postgresUrl) await ensurePgliteTemplates();
}
