import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";
import { formatNames } from "../../shared/text.ts";
import { formatParis } from "../deadlines/format.ts";
import { GROUP_CREATORS, GRP } from "./actions.ts";
import { listGroupsFor, loadGroup } from "./data.ts";

export { GROUP_CREATORS } from "./actions.ts";

/** `groupes`: the member's groups (all of them for a coordinator), with size, lead and next deadline. */
export async function showGroups(ctx: Context): Promise<Reply[]> {
  const { t, actor } = ctx;
  const groups = await listGroupsFor(ctx.db, actor, ctx.now);
  const canCreate = GROUP_CREATORS.some((r) => actor.roles.includes(r));
  const choices = canCreate
    ? [{ id: pressId(GRP.create), label: t("groups.createButton"), style: "primary" as const }]
    : [];
  if (groups.length === 0) return [say(t("groups.list.none"), choices)];
  const lines = groups.map((g) => {
    const next = g.deadlines[0];
    return t("groups.list.line", {
      name: g.name,
      members: g._count.members,
      lead: g.lead?.displayName ?? t("groups.list.noLead"),
      next: next ? `${next.title} (${formatParis(next.dueAt, actor.locale, "date")})` : t("groups.list.noDeadline"),
    });
  });
  return [
    say([t("groups.list.header", { count: groups.length }), ...lines, t("groups.list.hint")].join("\n"), choices),
  ];
}

/** `groupe <nom>`: its lead, members and next deadlines. */
export async function showGroup(ctx: Context, groupId: string): Promise<Reply[]> {
  const { t, actor } = ctx;
  const g = await loadGroup(ctx.db, groupId, ctx.now);
  const members = g.members.map((m) => m.member.displayName);
  const lines = [
    t("groups.detail.title", { name: g.name }),
    ...(g.description ? [g.description] : []),
    t("groups.detail.lead", { lead: g.lead?.displayName ?? t("groups.list.noLead") }),
    t("groups.detail.members", {
      count: members.length,
      members: formatNames(members, actor.locale, t("deadlines.status.nobody")),
    }),
    ...(g.deadlines.length
      ? [
          t("groups.detail.deadlines"),
          ...g.deadlines.map((d) =>
            t("groups.detail.deadline", {
              title: d.title,
              kind: t(`deadlines.kinds.${d.kind}`),
              due: formatParis(d.dueAt, actor.locale),
            }),
          ),
        ]
      : [t("groups.detail.noDeadline")]),
  ];
  return [say(lines.join("\n"))];
}
