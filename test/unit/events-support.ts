import type { Prisma } from "@prisma/client";
import type { TestBot } from "../support/bot.ts";

/** An event written straight to the database: a seminar on 10 December 2026, 14:00–17:00 Paris, open to everyone. */
export async function insertEvent(bot: TestBot, data: Partial<Prisma.EventUncheckedCreateInput> = {}) {
  return bot.db.prisma.event.create({
    data: {
      networkId: bot.networkId,
      title: "Séminaire des conseillers numériques",
      type: "SEMINAR",
      startsAt: new Date("2026-12-10T13:00:00Z"),
      endsAt: new Date("2026-12-10T16:00:00Z"),
      place: "Hôtel du Département, Montauban",
      ...data,
    },
  });
}

/** The territory id of a seeded territory by name. */
export async function territoryId(bot: TestBot, name: string): Promise<string> {
  return (await bot.db.prisma.territory.findFirstOrThrow({ where: { networkId: bot.networkId, name } })).id;
}
