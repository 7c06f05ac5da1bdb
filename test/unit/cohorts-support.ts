import type { TestBot } from "../support/bot.ts";

/** A cohort written straight to the database. */
export function insertCohort(bot: TestBot, name: string, arrivesOn: string) {
  return bot.db.prisma.cohort.create({
    data: { networkId: bot.networkId, name, arrivesOn: new Date(`${arrivesOn}T00:00:00Z`) },
  });
}

/** An active intern reachable on the local chat as `externalId`, optionally in a cohort. */
export async function insertIntern(
  bot: TestBot,
  externalId: string,
  displayName: string,
  cohortId: string | null = null,
): Promise<string> {
  const member = await bot.db.prisma.member.create({
    data: { networkId: bot.networkId, displayName, roles: ["INTERN"], status: "ACTIVE", cohortId },
  });
  await bot.db.prisma.platformIdentity.create({
    data: { networkId: bot.networkId, memberId: member.id, platform: "local", externalId },
  });
  return member.id;
}
