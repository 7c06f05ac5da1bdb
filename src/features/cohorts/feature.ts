import { parisDay, readTypedDay } from "../../calendar/paris.ts";
import { normaliseWord } from "../../core/command-words.ts";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { LOCALES, type MessageKey, rawMessage } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { EVENT_ORGANISERS } from "../events/schema.ts";
import { cohortLinkAction, cohortLinkReply } from "../interns/enrol/link.ts";
import { findCohortByName, findCohortName, listCohorts, loadCohort, membersNamed } from "./data.ts";
import { cohortLine, formatArrival } from "./format.ts";
import { createCohort, joinCohort, setCohortSites } from "./mutations.ts";

const wordsOf = (key: MessageKey) => new Set(LOCALES.flatMap((l) => rawMessage(l, key).split(",").map(normaliseWord)));
const CREATE_WORDS = wordsOf("cohorts.commands.createWords");
const ADD_WORDS = wordsOf("cohorts.commands.addWords");
const LINK_WORDS = wordsOf("enrol.commands.linkWords");
const SITES_WORDS = wordsOf("enrol.commands.sitesWords");
const MAX_NAME = 60;

/** Who manages cohorts: the organisers of their welcome evenings. */
export const COHORT_MANAGERS = EVENT_ORGANISERS;

/** `cohortes`: every cohort with its arrival, interns and welcome evening. */
async function showCohorts(ctx: Context): Promise<Reply[]> {
  const cohorts = await listCohorts(ctx.db, ctx.actor.networkId);
  if (cohorts.length === 0) return [say(ctx.t("cohorts.list.none"))];
  return [
    say([ctx.t("cohorts.list.intro", { count: cohorts.length }), ...cohorts.map((c) => cohortLine(c, ctx))].join("\n")),
  ];
}

/** `cohorte créer Novembre 2026 02/11/2026 sites: CH Montauban, CH Moissac`: the name, the arrival date, then the sites if any. */
async function create(ctx: Context, words: string[], sites: string[] | undefined): Promise<Reply[]> {
  const typedDate = words.at(-1) ?? "";
  const name = words.slice(0, -1).join(" ");
  if (name === "" || typedDate === "") return [say(ctx.t("cohorts.errors.createUsage"))];
  if (name.length > MAX_NAME) return [say(ctx.t("cohorts.errors.nameTooLong", { max: MAX_NAME }))];
  const day = readTypedDay(typedDate, parisDay(ctx.now), "next");
  if (!day) return [say(ctx.t("cohorts.errors.badDate", { date: typedDate }))];
  const made = await createCohort(ctx.db, {
    networkId: ctx.actor.networkId,
    name,
    arrivesOn: day,
    ...(sites ? { sites } : {}),
  });
  if (made.kind === "name-taken") return [say(ctx.t("cohorts.errors.duplicate", { name: made.name }))];
  const cohort = await loadCohort(ctx.db, made.id);
  const lines = [
    ctx.t("cohorts.created", { name, arrives: formatArrival(cohort.arrivesOn, ctx) }),
    sitesLine(ctx, cohort),
    ctx.t("enrol.link.offer", { name }),
  ];
  return [
    say(lines.join("\n"), [{ id: cohortLinkAction(cohort.id), label: ctx.t("enrol.buttons.link"), style: "primary" }]),
  ];
}

/** `cohorte Novembre 2026 ajouter Thomas Lefèvre`: puts an intern in the cohort and invites them to its evening. */
async function addIntern(ctx: Context, cohortName: string, memberName: string): Promise<Reply[]> {
  const cohort = await findCohortByName(ctx.db, ctx.actor.networkId, cohortName);
  if (!cohort) return [say(ctx.t("cohorts.errors.notFound", { name: cohortName }))];
  if (memberName === "") return [say(ctx.t("cohorts.errors.addUsage"))];
  const found = await membersNamed(ctx.db, ctx.actor.networkId, memberName);
  if (found.length === 0) return [say(ctx.t("cohorts.errors.unknownMember", { name: memberName }))];
  if (found.length > 1)
    return [
      say(
        ctx.t("cohorts.errors.ambiguousMember", {
          name: memberName,
          candidates: found.map((m) => m.displayName).join(", "),
        }),
      ),
    ];
  const member = found[0]!;
  if (!member.roles.includes("INTERN")) return [say(ctx.t("cohorts.errors.notIntern", { name: member.displayName }))];
  if (member.cohortId === cohort.id)
    return [say(ctx.t("cohorts.errors.alreadyIn", { name: member.displayName, cohort: cohort.name }))];
  const joined = await joinCohort(ctx.db, {
    memberId: member.id,
    cohortId: cohort.id,
    now: ctx.now,
    platforms: ctx.platforms,
  });
  const previous = joined.previousCohortId ? await findCohortName(ctx.db, joined.previousCohortId) : null;
  const lines = [ctx.t("cohorts.added", { name: member.displayName, cohort: cohort.name })];
  if (previous) lines.push(ctx.t("cohorts.moved", { previous: previous.name }));
  lines.push(ctx.t("cohorts.invited", { count: joined.invited }));
  return [say(lines.join(" "))];
}

/** The sites typed after "sites" (comma- or semicolon-separated), and the text before that word. */
function splitSites(args: string): { rest: string; sites: string[] | undefined } {
  const at = [...args.matchAll(/\S+/g)].find((m) => SITES_WORDS.has(normaliseWord(m[0].replace(/:$/, ""))));
  if (!at) return { rest: args, sites: undefined };
  const typed = args.slice(at.index + at[0].length).replace(/^\s*:/, "");
  const sites = [
    ...new Set(
      typed
        .split(/[,;]/)
        .map((s) => s.trim().replace(/\s+/g, " "))
        .filter((s) => s !== ""),
    ),
  ];
  return { rest: args.slice(0, at.index).trim(), sites };
}

/** "Sites : CH Montauban, CH Moissac" or that none is set yet. */
function sitesLine(ctx: Context, cohort: { name: string; sites: string[] }): string {
  return cohort.sites.length
    ? ctx.t("enrol.sites.list", { sites: cohort.sites.join(", ") })
    : ctx.t("enrol.sites.none", { name: cohort.name });
}

/** `cohorte Novembre 2026 sites CH Montauban, CH Moissac`: the sites interns choose from when they enrol (replaced). */
async function setSites(ctx: Context, name: string, sites: string[]): Promise<Reply[]> {
  const cohort = await findCohortByName(ctx.db, ctx.actor.networkId, name);
  if (!cohort) return [say(ctx.t("cohorts.errors.notFound", { name }))];
  const bad = checkSites(ctx, sites);
  if (bad) return [say(bad)];
  const saved = await setCohortSites(ctx.db, cohort.id, sites);
  return [say(`${ctx.t("enrol.sites.saved", { name: saved.name })} ${sitesLine(ctx, saved)}`)];
}

const MAX_SITES = 30;
const MAX_SITE = 120;
/** Why these sites cannot be saved, or undefined. */
function checkSites(ctx: Context, sites: string[]): string | undefined {
  if (sites.length > MAX_SITES) return ctx.t("enrol.sites.tooMany", { max: MAX_SITES });
  const long = sites.find((s) => s.length > MAX_SITE);
  return long ? ctx.t("enrol.sites.tooLong", { site: long.slice(0, 40), max: MAX_SITE }) : undefined;
}

/** `cohorte`, `cohorte créer <nom> <date> [sites: …]`, `cohorte <nom> ajouter <membre>`, `cohorte <nom> lien`, `cohorte <nom> sites …`, `cohorte <nom>`. */
async function cohortCommand(ctx: Context, fullArgs: string): Promise<Reply[]> {
  const { rest: args, sites } = splitSites(fullArgs);
  const tokens = [...args.matchAll(/\S+/g)];
  const words = tokens.map((m) => m[0]);
  if (words.length === 0) return [say(ctx.t("cohorts.help"))];
  if (CREATE_WORDS.has(normaliseWord(words[0]!))) {
    const bad = sites ? checkSites(ctx, sites) : undefined;
    return bad ? [say(bad)] : create(ctx, words.slice(1), sites);
  }
  if (sites) return setSites(ctx, args, sites);
  const at = words.findIndex((w, i) => i > 0 && ADD_WORDS.has(normaliseWord(w)));
  if (at > 0)
    return addIntern(ctx, words.slice(0, at).join(" "), args.slice(tokens[at]!.index + words[at]!.length).trim());
  const wantsLink = words.length > 1 && LINK_WORDS.has(normaliseWord(words.at(-1)!));
  const name = (wantsLink ? words.slice(0, -1) : words).join(" ");
  const cohort = await findCohortByName(ctx.db, ctx.actor.networkId, name);
  if (!cohort) return [say(ctx.t("cohorts.errors.notFound", { name }))];
  if (wantsLink) return [await cohortLinkReply(ctx, cohort)];
  const summary = (await listCohorts(ctx.db, ctx.actor.networkId)).find((c) => c.id === cohort.id)!;
  const { sites: cohortSites } = await loadCohort(ctx.db, cohort.id);
  const lines = [
    cohortLine(summary, ctx),
    sitesLine(ctx, { name: cohort.name, sites: cohortSites }),
    ctx.t("enrol.link.offer", { name: cohort.name }),
  ];
  return [
    say(lines.join("\n"), [{ id: cohortLinkAction(cohort.id), label: ctx.t("enrol.buttons.link"), style: "primary" }]),
  ];
}

/** Interns' cohorts (one per May or November arrival): creation, list, interns added by coordinators. */
export const cohortsFeature: Feature = {
  commands: [
    {
      name: "cohorts",
      words: "cohorts.commands.cohorts.words",
      summary: "cohorts.commands.cohorts.summary",
      audience: COHORT_MANAGERS,
      run: showCohorts,
    },
    {
      name: "cohort",
      words: "cohorts.commands.cohort.words",
      summary: "cohorts.commands.cohort.summary",
      audience: COHORT_MANAGERS,
      run: cohortCommand,
    },
  ],
};
