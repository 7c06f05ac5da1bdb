import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";

/** The network a workspace, guild or group chat is attached to, or null. */
export function findScopeBinding(db: Db, platform: Platform, scopeId: string) {
  return db.channelBinding.findUnique({
    where: { platform_scopeId: { platform, scopeId } },
    select: { networkId: true },
  });
}
