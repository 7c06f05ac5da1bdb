import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { staleAction } from "../../core/errors.ts";
import { type Choice, type Reply, say } from "../../core/reply.ts";
import { formatWhen } from "../events/format.ts";
import { MDN } from "./actions.ts";
import { animationById, pendingProposals } from "./data.ts";
import { decideProposal } from "./mutations.ts";
import { isTheme, publicOf } from "./schema.ts";

const reviewButtons = (ctx: Context, id: string): Choice[] => [
  { id: pressId(MDN.approve, id), label: ctx.t("mois.buttons.approve"), style: "primary" },
  { id: pressId(MDN.decline, id), label: ctx.t("mois.buttons.decline"), style: "danger" },
];

/** One proposal as a coordinator reads it: what, when, where, who, for whom. */
function proposalText(ctx: Context, e: NonNullable<Awaited<ReturnType<typeof animationById>>>): string {
  return ctx.t("mois.review.item", {
    title: e.title,
    when: formatWhen(e, ctx),
    place: e.place ?? "—",
    organisation: e.organisation?.name ?? "—",
    theme: ctx.t(`mois.themes.${isTheme(e.topic) ? e.topic : "OTHER"}`),
    public: ctx.t(`mois.publics.${publicOf(e)}`),
    capacity: e.capacity ?? "—",
    description: e.description || "—",
  });
}

/** `animations à valider`: the proposals awaiting a coordinator, each with Approve and Decline. */
export async function listPending(ctx: Context): Promise<Reply[]> {
  const rows = await pendingProposals(ctx.db, ctx.actor.networkId, ctx.now);
  if (rows.length === 0) return [say(ctx.t("mois.review.none"))];
  return [
    say(ctx.t("mois.review.intro", { count: rows.length })),
    ...rows.map((e) => say(proposalText(ctx, { ...e, reviewedBy: null }), reviewButtons(ctx, e.id))),
  ];
}

/** Tells a coordinator who decided a proposal before them, and how. */
async function alreadyDecided(ctx: Context, id: string): Promise<Reply[]> {
  const e = await animationById(ctx.db, ctx.actor.networkId, id);
  if (!e) throw staleAction();
  if (e.status === "PROPOSED")
    return [say(ctx.t("mois.review.stillPending", { title: e.title }), reviewButtons(ctx, e.id))];
  const by =
    e.reviewedById === ctx.actor.memberId
      ? ctx.t("mois.review.you")
      : (e.reviewedBy?.displayName ?? ctx.t("mois.review.someone"));
  const key =
    e.status === "SCHEDULED"
      ? "mois.review.alreadyApproved"
      : e.status === "REJECTED"
        ? "mois.review.alreadyDeclined"
        : "mois.review.cancelled";
  return [say(ctx.t(key, { title: e.title, by }))];
}

/**
 * Approves or declines a proposal still awaiting a decision. The status is checked in the update
 * itself, so of two coordinators pressing at once exactly one decides; the other is told who did.
 */
async function decide(ctx: Context, id: string, approved: boolean, note?: string): Promise<Reply[]> {
  const e = await animationById(ctx.db, ctx.actor.networkId, id);
  if (!e) throw staleAction();
  const decided = await decideProposal(ctx.db, e, {
    approved,
    note,
    reviewerId: ctx.actor.memberId,
    now: ctx.now,
    platforms: ctx.platforms,
  });
  if (!decided) return alreadyDecided(ctx, id);
  return [
    say(
      ctx.t(approved ? "mois.review.approved" : "mois.review.declined", {
        title: e.title,
        organisation: e.organisation?.name ?? "—",
      }),
    ),
  ];
}

/** The Approve button. */
export const pressApprove = (ctx: Context, id: string) => decide(ctx, id, true);

/** The Decline button: a short form for the reason the partner will read, unless someone already decided. */
export async function pressDecline(ctx: Context, id: string): Promise<Reply[]> {
  const e = await animationById(ctx.db, ctx.actor.networkId, id);
  if (!e) throw staleAction();
  if (e.status !== "PROPOSED") return alreadyDecided(ctx, id);
  return [
    {
      text: ctx.t("mois.review.reasonIntro", { title: e.title }),
      visibility: "private",
      form: {
        id: `mdnno:${e.id}`,
        title: ctx.t("mois.review.reasonTitle"),
        submitLabel: ctx.t("mois.buttons.decline"),
        fields: [
          { name: "reason", label: ctx.t("mois.review.reason"), type: "textarea", required: true, maxLength: 500 },
        ],
      },
    },
  ];
}

/** The reason submitted: declines with it, or asks again for a reason left empty. */
export async function submitDecline(
  ctx: Context,
  values: Record<string, string | string[]>,
  [id = ""]: string[],
): Promise<Reply[]> {
  const raw = values.reason;
  const reason = (Array.isArray(raw) ? raw.join(" ") : (raw ?? "")).trim().slice(0, 500);
  if (reason === "") return [say(ctx.t("mois.review.reasonMissing")), ...(await pressDecline(ctx, id))];
  return decide(ctx, id, false, reason);
}
