import type { DirectChannelStore } from "../core/channel.ts";
import type { Db } from "./database.ts";

/**
 * Members' direct-message channels on PlatformIdentity.dmChannelId: an account known to the bot
 * keeps its channel; one it does not know (not linked to a member yet) is simply not kept.
 */
export function createDirectChannelStore(db: Db): DirectChannelStore {
  return {
    async find(platform, externalId) {
      const row = await db.platformIdentity.findUnique({
        where: { platform_externalId: { platform, externalId } },
        select: { dmChannelId: true },
      });
      return row?.dmChannelId ?? undefined;
    },
    async remember(platform, externalId, channelId) {
      await db.platformIdentity.updateMany({ where: { platform, externalId }, data: { dmChannelId: channelId } });
    },
  };
}
