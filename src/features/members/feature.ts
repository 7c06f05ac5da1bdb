import { on, pressId, uuid } from "../../core/actions.ts";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";
import { ROLES, type Role } from "../../core/roles.ts";
import { COORDINATORS, ROLE } from "./actions.ts";
import { findRequestByReference, listMembers, listPendingRequests, MEMBER_LIST_LIMIT } from "./data.ts";
import { decideRoleRequest } from "./decide.ts";
import { askRefusalReason, REFUSAL_FORM, reasonOf } from "./refusal.ts";
import { roleByName } from "./role-names.ts";

async function members(ctx: Context, args: string): Promise<Reply[]> {
  const { t } = ctx;
  const role = args.trim() ? roleByName(args) : undefined;
  if (args.trim() && !role)
    return [
      say(
        t("members.unknownRole", { value: args.trim(), roles: ROLES.map((r) => t(`roles.singular.${r}`)).join(", ") }),
      ),
    ];
  const { total, members } = await listMembers(ctx.db, ctx.actor.networkId, role);
  if (total === 0) return [say(t("members.none"))];
  const lines = members.map((m) =>
    t("members.line", {
      name: m.displayName,
      roles: m.roles.map((r) => t(`roles.singular.${r}`)).join(", ") || t("members.noRole"),
      organisation: m.organisation?.name ?? "—",
    }),
  );
  const header = t("members.header", { count: total });
  const more = total > MEMBER_LIST_LIMIT ? [t("members.more", { count: total - MEMBER_LIST_LIMIT })] : [];
  return [say([header, ...lines, ...more].join("\n"))];
}

async function requests(ctx: Context): Promise<Reply[]> {
  const { t } = ctx;
  const pending = await listPendingRequests(ctx.db, ctx.actor.networkId);
  if (pending.length === 0) return [say(t("roleRequests.none"))];
  return [
    say(t("roleRequests.header", { count: pending.length })),
    ...pending.map((r) =>
      say(
        t("roleRequests.line", {
          name: r.member.displayName,
          role: t(`roles.singular.${r.role}`),
          organisation: r.member.organisation?.name ?? "—",
          reference: r.id.slice(0, 8),
        }),
        [
          { id: pressId(ROLE.approve, r.id), label: t("roleRequests.approve"), style: "primary" },
          { id: pressId(ROLE.refuse, r.id), label: t("roleRequests.refuse"), style: "danger" },
        ],
      ),
    ),
  ];
}

async function decide(ctx: Context, requestId: string | null, approve: boolean, reason?: string): Promise<Reply[]> {
  const { t } = ctx;
  if (!requestId) return [say(t("roleRequests.notFound"))];
  const decision = await decideRoleRequest(ctx.db, {
    networkId: ctx.actor.networkId,
    requestId,
    deciderId: ctx.actor.memberId,
    deciderName: ctx.actor.displayName,
    approve,
    ...(reason ? { reason } : {}),
    now: ctx.now,
    platforms: ctx.platforms,
  });
  if (decision.kind === "not-pending") return [say(t("roleRequests.alreadyDecided"))];
  const params = { name: decision.memberName, role: t(`roles.singular.${decision.role as Role}`) };
  return [say(decision.kind === "approved" ? t("roleRequests.approved", params) : t("roleRequests.refused", params))];
}

/** The reason submitted: refuses with it, or asks again for a reason left empty. */
async function submitRefusal(
  ctx: Context,
  values: Record<string, string | string[]>,
  [id = ""]: string[],
): Promise<Reply[]> {
  if (!uuid.safeParse(id).success) return [say(ctx.t("roleRequests.notFound"))];
  const reason = reasonOf(values);
  if (reason === "") return [say(ctx.t("roleRequests.reasonMissing")), ...(await askRefusalReason(ctx, id))];
  return decide(ctx, id, false, reason);
}

async function decideTyped(ctx: Context, args: string, approve: boolean): Promise<Reply[]> {
  const [reference = "", ...reason] = args.trim().split(/\s+/);
  if (!reference) return [say(ctx.t("roleRequests.usage"))];
  const id = await findRequestByReference(ctx.db, ctx.actor.networkId, reference);
  return decide(ctx, id, approve, reason.join(" ").slice(0, 500) || undefined);
}

/** For network coordinators: the member list, role requests and their approval. */
export const membersFeature: Feature = {
  commands: [
    {
      name: "members",
      words: "commands.members.words",
      summary: "commands.members.summary",
      audience: COORDINATORS,
      run: members,
    },
    {
      name: "requests",
      words: "commands.requests.words",
      summary: "commands.requests.summary",
      audience: COORDINATORS,
      run: requests,
    },
    {
      name: "approve",
      words: "commands.approve.words",
      summary: "commands.approve.summary",
      audience: COORDINATORS,
      run: (ctx, args) => decideTyped(ctx, args, true),
    },
    {
      name: "refuse",
      words: "commands.refuse.words",
      summary: "commands.refuse.summary",
      audience: COORDINATORS,
      run: (ctx, args) => decideTyped(ctx, args, false),
    },
  ],
  actions: [
    on(ROLE.approve, (ctx, [id]) => decide(ctx, id, true)),
    on(ROLE.refuse, (ctx, [id]) => askRefusalReason(ctx, id)),
  ],
  forms: [{ formId: REFUSAL_FORM, audience: COORDINATORS, run: submitRefusal }],
};
