import { type Event, Prisma } from "@prisma/client";
import type { Context } from "../../../core/context.ts";
import { type Reply, say } from "../../../core/reply.ts";
import { isUuid } from "../../../shared/ids.ts";
import { formatWhen, shortRef } from "../../events/format.ts";

/** The form that follows the rating: two optional texts. */
export const FEEDBACK_FORM = "ischfb";
const TEXT_MAX = 1000;

/** By question id, as EventFeedback.answers holds them. */
export interface FeedbackAnswers {
  overall?: string;
  useful?: string;
  next?: string;
}

type Checked = { ok: true; event: Event } | { ok: false; reply: Reply[] };

/** The welcome evening named by a button or form, once over, and the member was there (or registered). */
async function feedbackEvent(ctx: Context, id: string): Promise<Checked> {
  const event = isUuid(id)
    ? await ctx.db.event.findFirst({ where: { id, networkId: ctx.actor.networkId, type: "WELCOME_EVENING" } })
    : null;
  if (!event || ctx.now < event.endsAt) return { ok: false, reply: [say(ctx.t("internSchedule.stale"))] };
  const mine = await ctx.db.eventRegistration.findUnique({
    where: { eventId_memberId: { eventId: event.id, memberId: ctx.actor.memberId } },
    select: { status: true, checkedInAt: true },
  });
  if (!mine || (mine.status !== "REGISTERED" && !mine.checkedInAt))
    return { ok: false, reply: [say(ctx.t("internSchedule.feedback.notRegistered", { title: event.title }))] };
  return { ok: true, event };
}

/**
 * Stores answers, merged over earlier ones: answering again updates the member's feedback (they
 * are told so). Two presses at once: the loser of the unique index retries as an update.
 */
async function saveAnswers(
  ctx: Context,
  event: Event,
  answers: FeedbackAnswers,
): Promise<{ before: FeedbackAnswers | null; after: FeedbackAnswers }> {
  const where = { eventId_memberId: { eventId: event.id, memberId: ctx.actor.memberId } };
  for (let attempt = 0; ; attempt++) {
    const existing = await ctx.db.eventFeedback.findUnique({ where, select: { answers: true } });
    try {
      if (existing) {
        const before = existing.answers as FeedbackAnswers;
        const after = { ...before, ...answers };
        await ctx.db.eventFeedback.update({ where, data: { answers: after as Prisma.InputJsonObject } });
        return { before, after };
      }
      await ctx.db.eventFeedback.create({
        data: {
          networkId: event.networkId,
          eventId: event.id,
          memberId: ctx.actor.memberId,
          answers: answers as Prisma.InputJsonObject,
        },
      });
      return { before: null, after: answers };
    } catch (error) {
      if (attempt > 0 || !(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002"))
        throw error;
    }
  }
}

/** `isch.rate:<eventId>:<1–5>`: keeps the rating, then asks the two open questions in a form. */
export async function pressRating(ctx: Context, eventId: string, rating: number): Promise<Reply[]> {
  const checked = await feedbackEvent(ctx, eventId);
  if (!checked.ok) return checked.reply;
  const { before, after: previous } = await saveAnswers(ctx, checked.event, { overall: String(rating) });
  const text = ctx.t(
    before?.overall ? "internSchedule.feedback.ratingUpdated" : "internSchedule.feedback.ratingSaved",
    { rating },
  );
  // The confirmation is its own reply: platforms asking the form step by step drop a form's text.
  return [
    say(text),
    {
      text: ctx.t("internSchedule.feedback.formTitle"),
      visibility: "private",
      form: {
        id: `${FEEDBACK_FORM}:${checked.event.id}`,
        title: ctx.t("internSchedule.feedback.formTitle"),
        submitLabel: ctx.t("internSchedule.feedback.submit"),
        fields: [
          {
            name: "useful",
            label: ctx.t("internSchedule.feedback.useful"),
            type: "textarea",
            required: false,
            maxLength: TEXT_MAX,
            ...(previous?.useful ? { value: previous.useful } : {}),
          },
          {
            name: "next",
            label: ctx.t("internSchedule.feedback.next"),
            type: "textarea",
            required: false,
            maxLength: TEXT_MAX,
            ...(previous?.next ? { value: previous.next } : {}),
          },
        ],
      },
    },
  ];
}

const field = (values: Record<string, string | string[]>, name: string) => {
  const v = values[name];
  return (Array.isArray(v) ? v.join(" ") : (v ?? "")).trim();
};

/** The form `ischfb:<eventId>`: the two texts, each at most 1,000 characters. */
export async function submitFeedback(
  ctx: Context,
  values: Record<string, string | string[]>,
  [eventId = ""]: string[],
): Promise<Reply[]> {
  const checked = await feedbackEvent(ctx, eventId);
  if (!checked.ok) return checked.reply;
  const useful = field(values, "useful");
  const next = field(values, "next");
  if (useful.length > TEXT_MAX || next.length > TEXT_MAX)
    return [say(ctx.t("internSchedule.feedback.tooLong", { max: TEXT_MAX }))];
  if (useful === "" && next === "") return [say(ctx.t("internSchedule.feedback.nothing"))];
  const { before } = await saveAnswers(ctx, checked.event, {
    ...(useful ? { useful } : {}),
    ...(next ? { next } : {}),
  });
  return [
    say(
      ctx.t(
        before?.useful || before?.next ? "internSchedule.feedback.thanksUpdated" : "internSchedule.feedback.thanks",
      ),
    ),
  ];
}

/** `événement <n°> avis`: for organisers, the average rating, how many answered, and the texts. */
export async function showFeedback(ctx: Context, event: Event): Promise<Reply[]> {
  const rows = await ctx.db.eventFeedback.findMany({
    where: { eventId: event.id },
    orderBy: { createdAt: "asc" },
    select: { answers: true },
  });
  const head = ctx.t("internSchedule.summary.title", {
    title: event.title,
    when: formatWhen(event, ctx),
    ref: shortRef(event.id),
  });
  if (rows.length === 0) return [say([head, ctx.t("internSchedule.summary.none")].join("\n"))];
  const answers = rows.map((r) => r.answers as FeedbackAnswers);
  const ratings = answers.flatMap((a) => (a.overall ? [Number(a.overall)] : []));
  const average = ratings.length
    ? (ratings.reduce((s, r) => s + r, 0) / ratings.length).toLocaleString(
        ctx.actor.locale === "fr" ? "fr-FR" : "en-GB",
        { maximumFractionDigits: 1 },
      )
    : "—";
  const texts = (key: "useful" | "next") => answers.flatMap((a) => (a[key] ? [`• ${a[key]}`] : []));
  const useful = texts("useful");
  const next = texts("next");
  const lines = [
    head,
    ctx.t("internSchedule.summary.counts", { count: rows.length, rated: ratings.length, average }),
    ctx.t("internSchedule.summary.useful"),
    ...(useful.length ? useful : [ctx.t("internSchedule.summary.noText")]),
    ctx.t("internSchedule.summary.next"),
    ...(next.length ? next : [ctx.t("internSchedule.summary.noText")]),
  ];
  return [say(lines.join("\n"))];
}
