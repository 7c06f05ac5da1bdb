import type { Prisma } from "@prisma/client";
import { form, type TestBot } from "../support/bot.ts";

/** A valid proposal form for the 2027 edition (the test clock is 23 November 2026), with overrides. */
export const proposal = (values: Record<string, string> = {}) =>
  form("mdnnew", {
    title: "Déjouer les arnaques en ligne",
    date: "30/01",
    start: "14h",
    end: "16h",
    commune: "Moissac",
    venue: "Médiathèque",
    public: "SENIORS",
    theme: "CYBERSECURITY",
    capacity: "12",
    description: "Reconnaître un faux SMS.",
    ...values,
  });

/**
 * An animation written straight to the database: approved, for everyone, 2 February 2027 10:00–12:00 Paris,
 * at the Médiathèque Mémo in Montauban. `commune` and `venue` set its territory and its place.
 */
export async function insertAnimation(
  bot: TestBot,
  {
    commune = "Montauban",
    venue = "Médiathèque Mémo",
    ...data
  }: Partial<Prisma.EventUncheckedCreateInput> & { commune?: string; venue?: string } = {},
) {
  const organisation = await bot.db.prisma.organisation.findFirstOrThrow({
    where: { networkId: bot.networkId, name: { startsWith: "Réseau des médiathèques" } },
  });
  const territory = await bot.db.prisma.territory.findFirstOrThrow({
    where: { networkId: bot.networkId, kind: "COMMUNE", name: commune },
  });
  return bot.db.prisma.event.create({
    data: {
      networkId: bot.networkId,
      title: "Atelier démarches en ligne",
      type: "MOIS_DU_NUMERIQUE",
      status: "SCHEDULED",
      topic: "ONLINE_PROCEDURES",
      description: "Créer son compte ameli.",
      intendedPublic: "EVERYONE",
      organisationId: organisation.id,
      startsAt: new Date("2027-02-02T09:00:00Z"),
      endsAt: new Date("2027-02-02T11:00:00Z"),
      place: `${venue}, ${commune}`,
      territoryId: territory.id,
      ...data,
    },
  });
}

/** A second network coordinator reachable on the local chat. */
export async function addCoordinator(bot: TestBot, externalId: string, displayName: string): Promise<string> {
  const member = await bot.db.prisma.member.create({
    data: { networkId: bot.networkId, displayName, roles: ["NETWORK_COORDINATOR"], status: "ACTIVE" },
  });
  await bot.db.prisma.platformIdentity.create({
    data: { networkId: bot.networkId, memberId: member.id, platform: "local", externalId },
  });
  return member.id;
}
