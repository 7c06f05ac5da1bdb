import type { Prisma } from "@prisma/client";
import type { Db } from "../db/database.ts";
import { AdminError } from "./errors.ts";

// One administration command at a time per database: two imports into one network never interleave.
const ADMIN_LOCK = 7_340_113;

export type Tx = Prisma.TransactionClient;

/**
 * Runs one command's writes as one transaction: an error anywhere leaves the database as it was.
 * The limits are generous because a department's territories or a plan are thousands of rows.
 */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(${ADMIN_LOCK})`;
      return fn(tx);
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
}

/** The network of `slug`, or an error naming the known ones. */
export async function networkBySlug(db: Db | Tx, slug: string): Promise<{ id: string; name: string; slug: string }> {
  const network = await db.network.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } });
  if (network) return network;
  const known = await db.network.findMany({ select: { slug: true }, orderBy: { slug: "asc" } });
  const list = known.length
    ? `known networks: ${known.map((n) => n.slug).join(", ")}`
    : "no network exists yet (npm run admin -- network create)";
  throw new AdminError(`There is no network "${slug}"; ${list}.`);
}
