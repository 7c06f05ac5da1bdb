import type { CalendarDay } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";
import type { Db } from "../../db/database.ts";
import { normaliseName } from "../groups/names.ts";
import { semesterOf } from "./semester.ts";

/** A cohort with what the coordinators' list shows. */
export interface CohortSummary {
  id: string;
  name: string;
  arrivesOn: Date;
  interns: number;
  welcomeEvening: { id: string; title: string; startsAt: Date; endsAt: Date } | null;
}

/** The network's cohorts, latest arrival first, with their interns' number and scheduled welcome evening. */
export async function listCohorts(db: Db, networkId: string): Promise<CohortSummary[]> {
  const cohorts = await db.cohort.findMany({
    where: { networkId },
    orderBy: { arrivesOn: "desc" },
    select: {
      id: true,
      name: true,
      arrivesOn: true,
      _count: { select: { members: true } },
      events: {
        where: { type: "WELCOME_EVENING", status: "SCHEDULED" },
        select: { id: true, title: true, startsAt: true, endsAt: true },
        orderBy: { startsAt: "asc" },
        take: 1,
      },
    },
  });
  return cohorts.map((c) => ({
    id: c.id,
    name: c.name,
    arrivesOn: c.arrivesOn,
    interns: c._count.members,
    welcomeEvening: c.events[0] ?? null,
  }));
}

/** The cohort of this name (accents and case aside), or null. */
export async function findCohortByName(db: Db, networkId: string, name: string) {
  const typed = normaliseName(name);
  const cohorts = await db.cohort.findMany({ where: { networkId }, select: { id: true, name: true, arrivesOn: true } });
  return cohorts.find((c) => normaliseName(c.name) === typed) ?? null;
}

/**
 * The cohort whose semester (May–October or November–April, by its arrival date) contains the day;
 * the latest arrival if several do.
 */
export function cohortForDate(db: Db, networkId: string, day: CalendarDay) {
  const { from, until } = semesterOf(day);
  return db.cohort.findFirst({
    where: { networkId, arrivesOn: { gte: from, lt: until } },
    orderBy: { arrivesOn: "desc" },
    select: { id: true, name: true, arrivesOn: true },
  });
}

/** Active members matching a typed name: the full display name first, else every typed word being a word of the name. */
export async function membersNamed(db: Db, networkId: string, name: string) {
  const active = await db.member.findMany({
    where: { networkId, status: "ACTIVE" },
    select: { id: true, displayName: true, roles: true, cohortId: true },
    orderBy: { displayName: "asc" },
  });
  const typed = normaliseName(name);
  const words = typed.split(" ");
  const exact = active.filter((m) => normaliseName(m.displayName) === typed);
  return exact.length
    ? exact
    : active.filter((m) => words.every((w) => normaliseName(m.displayName).split(" ").includes(w)));
}

/** A cohort by id (it was just made or chosen). */
export function loadCohort(db: Db, id: string) {
  return db.cohort.findUniqueOrThrow({ where: { id } });
}

/** A cohort of the network by id (as a button or a form carries it), or null. */
export function findCohortById(db: Db, networkId: string, id: string) {
  return db.cohort.findFirst({ where: { id, networkId }, select: { id: true, name: true } });
}

/** The name of the cohort a member left, or null when it is gone. */
export function findCohortName(db: Db, id: string) {
  return db.cohort.findUnique({ where: { id }, select: { name: true } });
}

/** The cohorts a welcome evening can be for, latest arrival first, as the creation form's options. */
export async function cohortOptions(ctx: Context): Promise<{ value: string; label: string }[]> {
  const cohorts = await ctx.db.cohort.findMany({
    where: { networkId: ctx.actor.networkId },
    orderBy: { arrivesOn: "desc" },
    select: { id: true, name: true },
    take: 25,
  });
  return cohorts.map((c) => ({ value: c.id, label: c.name.slice(0, 75) }));
}
