// Generates the activity of a 30-adviser network over three years (about 100,000 reports) for the
// indicators/digest/export bench. Deterministic: the same seed gives the same network.
import type { Prisma } from "@prisma/client";
import type { Db } from "../../src/db/database.ts";
import {
  ACTIVITY_KINDS,
  AGE_BRACKETS,
  EQUIPMENT,
  PROCEDURE_DOMAINS,
  THEMES,
} from "../../src/features/activities/catalogue.ts";

const ADVISERS = 30;
const CHUNK = 5_000;

/** A small deterministic generator (mulberry32): figures comparable from one run to the next. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedNetwork {
  advisers: string[];
  reports: number;
}

/** 30 active advisers, then `total` reports spread over the days from `firstDay` to `lastDay` (UTC dates). */
export async function generateNetworkActivity(
  db: Db,
  networkId: string,
  total: number,
  firstDay: Date,
  lastDay: Date,
): Promise<GeneratedNetwork> {
  const rnd = random(82);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const [organisations, communes] = await Promise.all([
    db.organisation.findMany({ where: { networkId }, select: { id: true, territoryId: true } }),
    db.territory.findMany({ where: { networkId, kind: "COMMUNE" }, select: { id: true } }),
  ]);
  const advisers: string[] = [];
  for (let i = 0; i < ADVISERS; i++) {
    const organisation = pick(organisations);
    const member = await db.member.create({
      data: {
        networkId,
        displayName: `Conseiller ${i + 1}`,
        roles: ["DIGITAL_ADVISER"],
        status: "ACTIVE",
        organisationId: organisation.id,
        territoryId: organisation.territoryId,
        createdAt: firstDay,
      },
    });
    advisers.push(member.id);
  }
  const days = Math.round((lastDay.getTime() - firstDay.getTime()) / 86_400_000) + 1;
  for (let done = 0; done < total; done += CHUNK) {
    const rows: Prisma.ActivityReportCreateManyInput[] = [];
    for (let i = done; i < Math.min(total, done + CHUNK); i++) {
      const kind = rnd() < 0.7 ? "INDIVIDUAL" : pick(ACTIVITY_KINDS);
      const atSite = rnd() < 0.75;
      const participants = kind === "COLLECTIVE" ? 2 + Math.floor(rnd() * 14) : 1;
      const older = Math.round(participants * 0.61);
      rows.push({
        networkId,
        memberId: pick(advisers),
        kind,
        date: new Date(firstDay.getTime() + Math.floor(rnd() * days) * 86_400_000),
        durationMin: pick([15, 30, 45, 60, 90, 90, 120]),
        place: atSite ? "SUPPORT_SITE" : pick(["OTHER_PLACE", "HOME", "REMOTE"] as const),
        organisationId: atSite ? pick(organisations).id : null,
        territoryId: atSite ? null : pick(communes).id,
        participants,
        ageBrackets:
          kind === "COLLECTIVE" ? { "60_plus": older, "35_60": participants - older } : { [pick(AGE_BRACKETS)]: 1 },
        themes: [...new Set([pick(THEMES), pick(THEMES)])],
        procedures: rnd() < 0.3 ? [pick(PROCEDURE_DOMAINS)] : [],
        equipment: [pick(EQUIPMENT)],
        referred: rnd() < 0.1,
      });
    }
    await db.activityReport.createMany({ data: rows });
  }
  return { advisers, reports: total };
}
