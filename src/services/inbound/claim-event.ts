import type { InboundCommand } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";

/**
 * Records that a platform event is being handled; false when it already was. Platforms redeliver
 * (Telegram update_id, Slack retries, Discord interaction ids), and a member must see one answer.
 * The claim comes first, so an event whose handling crashed is not replayed: the member re-sends.
 */
export async function claimInboundEvent(db: Db, inbound: InboundCommand): Promise<boolean> {
  const inserted = await db.$executeRaw`
    insert into "ProcessedEvent" ("platform", "eventId", "receivedAt") values (${inbound.platform}, ${inbound.eventId}, ${inbound.receivedAt})
    on conflict do nothing`;
  return inserted === 1;
}
