import { Prisma } from "@prisma/client";
import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";

/** Attaches a scope to the network; false when another coordinator attached it a moment ago. */
export async function bindScope(db: Db, networkId: string, platform: Platform, scopeId: string): Promise<boolean> {
  try {
    await db.channelBinding.create({ data: { networkId, platform, scopeId } });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}
