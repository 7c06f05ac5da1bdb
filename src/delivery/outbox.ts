import type { Prisma } from "@prisma/client";
import type { DeliveryTarget } from "../channels/adapter.ts";
import type { Platform } from "../core/inbound.ts";
import type { Reply } from "../core/reply.ts";
import type { Db } from "../db/database.ts";

/** A message to send later, as its cause describes it. */
export interface NewOutboundMessage {
  networkId: string;
  idempotencyKey: string;
  platform: Exclude<Platform, "local">;
  target: DeliveryTarget;
  memberId?: string | undefined;
  reply: Reply;
  category: string;
  notBefore: Date;
}

/**
 * Queues messages in the caller's transaction, so they exist if and only if their cause does.
 * A message whose idempotency key is already queued in its network is skipped: causes may be
 * re-run (a missed tick caught up, a retried request) without sending anything twice.
 */
export async function enqueueMessages(db: Db | Prisma.TransactionClient, messages: NewOutboundMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const { count } = await db.outboundMessage.createMany({
    data: messages.map((m) => ({
      networkId: m.networkId,
      idempotencyKey: m.idempotencyKey,
      platform: m.platform,
      targetKind: m.target.to,
      targetId: m.target.id,
      memberId: m.memberId ?? null,
      payload: m.reply as unknown as Prisma.InputJsonObject,
      category: m.category,
      notBefore: m.notBefore,
    })),
    skipDuplicates: true,
  });
  return count;
}
