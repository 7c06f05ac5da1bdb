import type { Db } from "../db/database.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long rows that only serve a short-lived purpose are kept. */
export const RETENTION = {
  /** Platforms redeliver within hours (Telegram keeps updates 24 h): a week is ample. */
  handledEventsMs: 7 * DAY_MS,
  /** Sent, failed and cancelled outbox rows feed delivery reports; after a quarter they are history. */
  finishedMessagesMs: 90 * DAY_MS,
  /** What the local web chat showed a user on the bot's initiative. */
  localInboxMs: 30 * DAY_MS,
  /** Files the local web chat linked (exports, charts): the member downloads them at once, or asks again. */
  generatedFilesMs: 7 * DAY_MS,
} as const;

export interface PruneResult {
  handledEvents: number;
  finishedMessages: number;
  localInbox: number;
  generatedFiles: number;
}

/** Deletes redelivery claims, finished outbox rows, old local-chat notices and files past their retention; safe to run anywhere, anytime. */
export async function pruneExpiredRows(db: Db, now: Date): Promise<PruneResult> {
  const [events, messages, inbox, files] = await Promise.all([
    db.processedEvent.deleteMany({ where: { receivedAt: { lt: new Date(now.getTime() - RETENTION.handledEventsMs) } } }),
    db.outboundMessage.deleteMany({
      where: { status: { in: ["SENT", "FAILED", "CANCELLED"] }, createdAt: { lt: new Date(now.getTime() - RETENTION.finishedMessagesMs) } },
    }),
    db.localInboxMessage.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - RETENTION.localInboxMs) } } }),
    db.generatedFile.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - RETENTION.generatedFilesMs) } } }),
  ]);
  return { handledEvents: events.count, finishedMessages: messages.count, localInbox: inbox.count, generatedFiles: files.count };
}
