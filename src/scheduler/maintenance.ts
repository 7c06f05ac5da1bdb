import { RETENTION } from "../config/retention.ts";
import type { Db } from "../db/database.ts";

export interface PruneResult {
  handledEvents: number;
  finishedMessages: number;
  localInbox: number;
  generatedFiles: number;
}

/** Deletes redelivery claims, finished outbox rows, old local-chat notices and files past their retention; safe to run anywhere, anytime. */
export async function pruneExpiredRows(db: Db, now: Date): Promise<PruneResult> {
  const [events, messages, inbox, files] = await Promise.all([
    db.processedEvent.deleteMany({
      where: { receivedAt: { lt: new Date(now.getTime() - RETENTION.handledEventsMs) } },
    }),
    db.outboundMessage.deleteMany({
      where: {
        status: { in: ["SENT", "FAILED", "CANCELLED"] },
        createdAt: { lt: new Date(now.getTime() - RETENTION.finishedMessagesMs) },
      },
    }),
    db.localInboxMessage.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - RETENTION.localInboxMs) } } }),
    db.generatedFile.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - RETENTION.generatedFilesMs) } } }),
  ]);
  return {
    handledEvents: events.count,
    finishedMessages: messages.count,
    localInbox: inbox.count,
    generatedFiles: files.count,
  };
}
