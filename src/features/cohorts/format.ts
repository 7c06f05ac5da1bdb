import type { Context } from "../../core/context.ts";
import { formatWhen, shortRef } from "../events/format.ts";
import type { CohortSummary } from "./data.ts";

/** "2 novembre 2026": a `@db.Date` in the member's language (stored as UTC midnight, so read in UTC). */
export function formatArrival(date: Date, ctx: Context): string {
  return new Intl.DateTimeFormat(ctx.actor.locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(date);
}

/** One cohort of the coordinators' list: name, arrival, interns, welcome evening. */
export function cohortLine(c: CohortSummary, ctx: Context): string {
  const evening = c.welcomeEvening
    ? ctx.t("cohorts.list.evening", {
        title: c.welcomeEvening.title,
        when: formatWhen(c.welcomeEvening, ctx),
        ref: shortRef(c.welcomeEvening.id),
      })
    : ctx.t("cohorts.list.noEvening");
  return ctx.t("cohorts.list.item", {
    name: c.name,
    arrives: formatArrival(c.arrivesOn, ctx),
    interns: c.interns,
    evening,
  });
}
