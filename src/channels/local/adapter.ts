import type { Prisma } from "@prisma/client";
import type { ChannelAdapter, DeliveryOutcome } from "../../core/channel.ts";
import type { Reply } from "../../core/reply.ts";
import type { Db } from "../../db/database.ts";
import { isUuid } from "../../shared/ids.ts";
import { linkReplyFiles, localFileOwner } from "./files.ts";

/** The local web chat as a delivery platform: what it needs of a ChannelAdapter. */
export type LocalDelivery = Pick<ChannelAdapter, "platform" | "deliver" | "edit">;

/** The database was unreachable: the engine tries again after this. */
const RETRY_MS = 2_000;

const asJson = (reply: Reply) => reply as unknown as Prisma.InputJsonObject;

/**
 * Reminders and broadcasts for members of the local web chat: each message is a row of their
 * inbox, which the chat page polls (GET /api/local/inbox); an edit rewrites the row, and the page
 * replaces the message it shows. There is no platform limit to pace under. Files with bytes are
 * stored and linked, as the member's own (their network and member id), else the served network's.
 */
export function createLocalDelivery(db: Db, options: { networkSlug?: string } = {}): LocalDelivery {
  async function attempt(run: () => Promise<DeliveryOutcome>): Promise<DeliveryOutcome> {
    try {
      return await run();
    } catch (error) {
      return {
        kind: "retry",
        afterMs: RETRY_MS,
        reason: `the local inbox could not be written: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  // The row holds JSON: bytes become a stored file and a link to it.
  const linked = async (user: string, reply: Reply) =>
    (await linkReplyFiles(db, [reply], () => localFileOwner(db, user, options.networkSlug)))[0]!;

  return {
    platform: "local",
    deliver: (target, reply) =>
      attempt(async () => {
        // A local user talks to the bot alone: there is no shared conversation to post in.
        if (target.to !== "member")
          return { kind: "failed", reason: `the local chat has no conversations: ${target.id}` };
        const row = await db.localInboxMessage.create({
          data: { userId: target.id, payload: asJson(await linked(target.id, reply)) },
          select: { id: true },
        });
        return { kind: "sent", platformMessageId: row.id };
      }),
    edit: (target, platformMessageId, reply) =>
      attempt(async () => {
        if (!isUuid(platformMessageId))
          return { kind: "failed", reason: `not a local inbox message id: ${platformMessageId}` };
        const payload = asJson(await linked(target.id, reply));
        // Prisma sets updatedAt, which is what the page's next poll looks for.
        const { count } = await db.localInboxMessage.updateMany({
          where: { id: platformMessageId, userId: target.id },
          data: { payload },
        });
        if (count === 0)
          return { kind: "failed", reason: `no message ${platformMessageId} in the local inbox of ${target.id}` };
        return { kind: "sent", platformMessageId };
      }),
  };
}
