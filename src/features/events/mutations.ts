import type { Prisma } from "@prisma/client";
import type { Db, Tx } from "../../db/database.ts";

/**
 * Creates a series' occurrences after the first; when that fails, deletes the first too: without
 * its other dates it would be a half-made series.
 */
export async function createOtherOccurrences(
  db: Db,
  firstId: string,
  rows: Prisma.EventCreateManyInput[],
): Promise<void> {
  try {
    await db.event.createMany({ data: rows });
  } catch (error) {
    // All or nothing: without its other dates the first occurrence would be a half-made series.
    await db.event.delete({ where: { id: firstId } });
    throw error;
  }
}

/**
 * Deletes the withdrawn (never sent) messages under these keys, so that messages queued again
 * under the same keys are not blocked by them.
 */
export async function deleteWithdrawnMessages(tx: Tx, networkId: string, keys: string[]): Promise<void> {
  await tx.outboundMessage.deleteMany({
    where: {
      networkId,
      status: "CANCELLED",
      idempotencyKey: { in: keys },
    },
  });
}

/** Withdraws the registrants' unsent reminders of the event (other pending notices, such as a promotion, stay). */
export async function withdrawReminders(tx: Tx, eventId: string): Promise<number> {
  const { count } = await tx.outboundMessage.updateMany({
    where: { causeId: eventId, status: "PENDING", idempotencyKey: { startsWith: "event-reminder:" } },
    data: { status: "CANCELLED", lastError: "event changed" },
  });
  return count;
}
