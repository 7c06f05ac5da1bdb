import { Prisma } from "@prisma/client";
import { parisDay, readTypedDay } from "../../../calendar/paris.ts";
import { pressId } from "../../../core/actions.ts";
import { normaliseWord } from "../../../core/command-words.ts";
import type { OutsideNetworkContext } from "../../../core/commands.ts";
import type { Context } from "../../../core/context.ts";
import { createTranslator, LOCALES, type Locale, rawMessage, type Translate, toLocale } from "../../../core/i18n.ts";
import { storableText } from "../../../core/inbound-text.ts";
import { type Reply, say } from "../../../core/reply.ts";
import type { Db } from "../../../db/database.ts";
import { recordAudit } from "../../../services/audit/record.ts";
import { spendNewMemberBudget } from "../../../services/identity/resolve-actor.ts";
import { findCohortName } from "../../cohorts/data.ts";
import { joinCohort } from "../../cohorts/mutations.ts";
import { dayAsDate } from "../../cohorts/semester.ts";
import { inviteToCohortEvents } from "../../events/invitations.ts";
import { GUIDE } from "../../guide/actions.ts";
import { setMemberLocale } from "../../language/mutations.ts";
import { networkPrivacyNotice } from "../../privacy/notice.ts";
import { formatDay } from "./arrival.ts";
import {
  type EnrolState,
  type EnrolStep,
  endEnrolment,
  loadEnrolment,
  noticeShownInOnboarding,
  saveEnrolment,
  startEnrolment,
} from "./conversation.ts";
import { defaultInviteExpiry, findCohortByCode } from "./invite.ts";
import { type EnrolCohort, enrolQuestion } from "./prompts.ts";

const SKIP_WORDS = new Set(LOCALES.flatMap((l) => rawMessage(l, "enrol.skipWords").split(",").map(normaliseWord)));
const MAX_SITE = 120;
type Cohort = NonNullable<Awaited<ReturnType<typeof findCohortByCode>>>;

/** The cohort a code opens now, or the sentence saying why it does not (unknown, or expired and when). */
async function openCohort(
  db: Db,
  code: string,
  networkId: string | undefined,
  now: Date,
  t: Translate,
  locale: Locale,
): Promise<Cohort | Reply> {
  const cohort = await findCohortByCode(db, code);
  if (!cohort || (networkId && cohort.networkId !== networkId)) return say(t("enrol.errors.unknownCode"));
  const expiresAt = cohort.inviteExpiresAt ?? defaultInviteExpiry(cohort.arrivesOn);
  if (expiresAt <= now)
    return say(t("enrol.errors.expired", { cohort: cohort.name, date: formatDay(expiresAt, locale) }));
  return cohort;
}

const isReply = (value: Cohort | Reply): value is Reply => "visibility" in value;
const asked = (cohort: { name: string; sites: string[]; arrivesOn: Date }, locale: Locale): EnrolCohort => ({
  name: cohort.name,
  sites: cohort.sites,
  arrives: formatDay(cohort.arrivesOn, locale),
});

/**
 * The first message after the link: welcome to the cohort, the privacy notice when this is the
 * intern's first contact (GDPR art. 13, as onboarding shows it), then the language question.
 */
async function firstQuestion(db: Db, cohort: Cohort, locale: Locale, withNotice: boolean): Promise<Reply[]> {
  const t = createTranslator(locale);
  const notice = withNotice ? [say(await networkPrivacyNotice(db, cohort.networkId, locale))] : [];
  return [
    say(t("enrol.welcome", { cohort: cohort.name })),
    ...notice,
    enrolQuestion(t, "language", asked(cohort, locale)),
  ];
}

/**
 * `start c-<code>` from someone the network knows: a newcomer (or a former member) becomes an intern
 * of the cohort, active at once (the link is the proof), and is asked their language, site and arrival;
 * an intern joins or moves to the cohort; anyone else is told the link is for interns.
 */
export async function enrolFromLink(ctx: Context, code: string): Promise<Reply[]> {
  const { db, actor, now } = ctx;
  const cohort = await openCohort(db, code, actor.networkId, now, ctx.t, actor.locale);
  if (isReply(cohort)) return [cohort];
  if (actor.status === "ACTIVE") {
    if (!actor.roles.includes("INTERN")) return [say(ctx.t("enrol.notForYou", { cohort: cohort.name }))];
    const member = await db.member.findUniqueOrThrow({ where: { id: actor.memberId }, select: { cohortId: true } });
    if (member.cohortId === cohort.id) return [say(ctx.t("enrol.alreadyIn", { cohort: cohort.name }))];
    const joined = await joinCohort(db, {
      memberId: actor.memberId,
      cohortId: cohort.id,
      now,
      platforms: ctx.platforms,
    });
    const previous = joined.previousCohortId ? await findCohortName(db, joined.previousCohortId) : null;
    const lines = [
      previous
        ? ctx.t("enrol.moved", { cohort: cohort.name, previous: previous.name })
        : ctx.t("enrol.joined", { cohort: cohort.name }),
      ctx.t("enrol.invited", { count: joined.invited }),
    ];
    return [say(lines.join(" "))];
  }
  const noticeShown = await db.$transaction(async (tx) => {
    const roles = actor.roles.includes("INTERN") ? actor.roles : [...actor.roles, "INTERN" as const];
    await tx.member.update({
      where: { id: actor.memberId },
      data: { roles, status: "ACTIVE", leftAt: null, cohortId: cohort.id },
    });
    // Someone who wrote first and then opened the link read the notice with onboarding's first question.
    const shown = await noticeShownInOnboarding(tx, actor.identityId);
    await startEnrolment(tx, actor.networkId, actor.identityId, cohort.id);
    await recordAudit(tx, {
      networkId: actor.networkId,
      actorMemberId: actor.memberId,
      action: "member.enrolled",
      outcome: "allowed",
      details: { cohortId: cohort.id },
      at: now,
    });
    return shown;
  });
  return firstQuestion(db, cohort, actor.locale, !noticeShown);
}

/** `start c-<code>` in a conversation no network is bound to: the code says which network, so the intern is created there. */
export async function enrolOutsideNetwork(ctx: OutsideNetworkContext, code: string): Promise<Reply[]> {
  const { db, inbound, now } = ctx;
  const hinted = toLocale(inbound.localeHint);
  const cohort = await openCohort(db, code, undefined, now, ctx.t, hinted);
  if (isReply(cohort)) return [cohort];
  const network = await db.network.findUniqueOrThrow({
    where: { id: cohort.networkId },
    select: { defaultLocale: true },
  });
  const locale = toLocale(inbound.localeHint, network.defaultLocale);
  await spendNewMemberBudget(db, { platform: inbound.platform, scopeId: inbound.scopeId, receivedAt: now });
  try {
    await db.$transaction(async (tx) => {
      const member = await tx.member.create({
        data: {
          networkId: cohort.networkId,
          displayName: storableText(inbound.displayName.trim().slice(0, 80)) || inbound.externalUserId,
          locale,
          roles: ["INTERN"],
          status: "ACTIVE",
          cohortId: cohort.id,
          identities: {
            create: { networkId: cohort.networkId, platform: inbound.platform, externalId: inbound.externalUserId },
          },
        },
        select: { id: true, identities: { select: { id: true } } },
      });
      await startEnrolment(tx, cohort.networkId, member.identities[0]!.id, cohort.id);
      await recordAudit(tx, {
        networkId: cohort.networkId,
        actorMemberId: member.id,
        action: "member.enrolled",
        outcome: "allowed",
        details: { cohortId: cohort.id },
        at: now,
      });
    });
  } catch (error) {
    // The same person's two first messages at once: the other one enrolled them; its questions stand.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return [];
    throw error;
  }
  return firstQuestion(db, cohort, locale, true);
}

async function cohortOf(ctx: Context, state: EnrolState) {
  return ctx.db.cohort.findUniqueOrThrow({
    where: { id: state.cohortId },
    select: { id: true, name: true, sites: true, arrivesOn: true },
  });
}

async function ask(ctx: Context, state: EnrolState, notice?: string): Promise<Reply> {
  return enrolQuestion(ctx.t, state.step, asked(await cohortOf(ctx, state), ctx.actor.locale), notice);
}

async function moveTo(ctx: Context, state: EnrolState, step: EnrolStep): Promise<Reply[]> {
  const next = { ...state, step };
  await saveEnrolment(ctx.db, ctx.actor.identityId, next);
  return [await ask(ctx, next)];
}

async function setSite(ctx: Context, state: EnrolState, site: string | null): Promise<Reply[]> {
  if (site !== null) {
    if (site.length > MAX_SITE) return [await ask(ctx, state, ctx.t("enrol.errors.siteTooLong", { max: MAX_SITE }))];
    await ctx.db.member.update({ where: { id: ctx.actor.memberId }, data: { placementSite: site } });
  }
  return moveTo(ctx, state, "arrival");
}

/** The last answer: the questions end, the intern is welcomed, offered the guide and invited to the cohort's events. */
async function finish(ctx: Context, state: EnrolState, arrivesOn: Date | null): Promise<Reply[]> {
  const { db, actor, now } = ctx;
  const invited = await db.$transaction(async (tx) => {
    if (arrivesOn) await tx.member.update({ where: { id: actor.memberId }, data: { arrivesOn } });
    await endEnrolment(tx, actor.identityId);
    return inviteToCohortEvents(tx, actor.memberId, state.cohortId, now, ctx.platforms);
  });
  const cohort = await cohortOf(ctx, state);
  const member = await db.member.findUniqueOrThrow({
    where: { id: actor.memberId },
    select: { placementSite: true, arrivesOn: true },
  });
  const lines = [
    ctx.t("enrol.done", {
      cohort: cohort.name,
      arrives: formatDay(member.arrivesOn ?? cohort.arrivesOn, actor.locale),
    }),
    ...(member.placementSite ? [ctx.t("enrol.doneSite", { site: member.placementSite })] : []),
    ctx.t("enrol.invited", { count: invited }),
    ctx.t("enrol.guideHint"),
  ];
  return [
    say(lines.join("\n"), [{ id: pressId(GUIDE.contents), label: ctx.t("enrol.buttons.guide"), style: "primary" }]),
  ];
}

async function setArrival(ctx: Context, state: EnrolState, typed: string): Promise<Reply[]> {
  const day = readTypedDay(typed, parisDay(ctx.now), "next");
  if (!day) return [await ask(ctx, state, ctx.t("enrol.errors.badDate", { date: typed }))];
  return finish(ctx, state, dayAsDate(day));
}

/** A pressed button `enr.answer:<step>:<value>`; one from an earlier question is stale and the current question comes again. */
export async function answerEnrolButton(ctx: Context, step: EnrolStep, value: string): Promise<Reply[]> {
  const state = await loadEnrolment(ctx.db, ctx.actor.identityId);
  if (!state) return [say(ctx.t("enrol.errors.noQuestion"))];
  if (step !== state.step) return [await ask(ctx, state, ctx.t("errors.staleAction"))];
  switch (state.step) {
    case "language": {
      const locale = toLocale(value, ctx.actor.locale);
      await setMemberLocale(ctx.db, ctx.actor.memberId, locale);
      // Everything from here on is in the language just chosen.
      return moveTo({ ...ctx, actor: { ...ctx.actor, locale }, t: createTranslator(locale) }, state, "site");
    }
    case "site": {
      if (value === "other") return moveTo(ctx, state, "site-typed");
      if (value === "skip") return setSite(ctx, state, null);
      const site = (await cohortOf(ctx, state)).sites[Number(value)];
      return site === undefined ? [await ask(ctx, state, ctx.t("errors.staleAction"))] : setSite(ctx, state, site);
    }
    case "site-typed":
      return setSite(ctx, state, null);
    case "arrival":
      return finish(ctx, state, null);
  }
}

/** A typed answer (a site after "Autre", an arrival date, or "passer"), or undefined when no enrolment question is open. */
export async function answerEnrolText(ctx: Context): Promise<Reply[] | undefined> {
  const input = ctx.inbound.input;
  if (input.kind !== "text") return undefined;
  const state = await loadEnrolment(ctx.db, ctx.actor.identityId);
  if (!state) return undefined;
  const text = input.text.trim();
  const skip = SKIP_WORDS.has(normaliseWord(text));
  switch (state.step) {
    case "language":
      return [await ask(ctx, state, ctx.t("enrol.errors.pickLanguage"))];
    case "site":
    case "site-typed":
      if (!text) return [await ask(ctx, state)];
      return setSite(ctx, state, skip ? null : text);
    case "arrival":
      return skip ? finish(ctx, state, null) : setArrival(ctx, state, text);
  }
}
