import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";
import { formatWhen } from "../events/format.ts";
import { MDN } from "./actions.ts";
import { animationsOfOrganisation, memberOrganisation } from "./data.ts";
import { editionOfYear, shownEdition } from "./edition.ts";
import { countsLine } from "./programme.ts";

/** `mes animations`: the animations the member's organisation proposed, with where each stands. */
export async function listMyAnimations(ctx: Context): Promise<Reply[]> {
  const member = await memberOrganisation(ctx.db, ctx.actor.memberId);
  if (!member.organisationId) return [say(ctx.t("mois.propose.noOrganisation"))];
  const rows = await animationsOfOrganisation(ctx.db, ctx.actor.networkId, member.organisationId);
  const propose = { id: pressId(MDN.propose), label: ctx.t("mois.buttons.propose"), style: "primary" as const };
  if (rows.length === 0)
    return [say(ctx.t("mois.mine.none", { organisation: member.organisation?.name ?? "" }), [propose])];
  const lines = rows.map((e) => {
    const base = { title: e.title, when: formatWhen(e, ctx) };
    if (e.status === "PROPOSED") return ctx.t("mois.mine.proposed", base);
    if (e.status === "SCHEDULED") return ctx.t("mois.mine.approved", base);
    if (e.status === "REJECTED") return ctx.t("mois.mine.declined", { ...base, reason: e.reviewNote ?? "—" });
    return ctx.t("mois.mine.cancelled", base);
  });
  return [
    say(
      [ctx.t("mois.mine.intro", { organisation: member.organisation?.name ?? "", count: rows.length }), ...lines].join(
        "\n",
      ),
      [propose],
    ),
  ];
}

/** `mois du numérique bilan [année]`: the coordinator's counts for the edition against the targets. */
export async function showCounts(ctx: Context, args: string): Promise<Reply[]> {
  const year = /\b(20\d\d)\b/.exec(args)?.[1];
  const edition = year ? editionOfYear(Number(year)) : shownEdition(ctx.now);
  return [
    say(await countsLine(ctx, edition), [
      { id: pressId(MDN.pending), label: ctx.t("mois.buttons.pending") },
      { id: pressId(MDN.programme), label: ctx.t("mois.buttons.programme") },
    ]),
  ];
}
