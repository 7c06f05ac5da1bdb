import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";

/** The form's id prefix: `role-refusal:<request id>`. */
export const REFUSAL_FORM = "role-refusal";

/** The Refuse button: a short form for the reason the member will read, unless someone already decided. */
export async function askRefusalReason(ctx: Context, requestId: string): Promise<Reply[]> {
  const { t } = ctx;
  const request = await ctx.db.roleRequest.findFirst({
    where: { id: requestId, networkId: ctx.actor.networkId },
    select: { status: true, role: true, member: { select: { displayName: true } } },
  });
  if (!request) return [say(t("roleRequests.notFound"))];
  if (request.status !== "PENDING") return [say(t("roleRequests.alreadyDecided"))];
  return [
    {
      text: t("roleRequests.reasonIntro", {
        name: request.member.displayName,
        role: t(`roles.singular.${request.role}`),
      }),
      visibility: "private",
      form: {
        id: `${REFUSAL_FORM}:${requestId}`,
        title: t("roleRequests.reasonTitle"),
        submitLabel: t("roleRequests.refuse"),
        fields: [{ name: "reason", label: t("roleRequests.reason"), type: "textarea", required: true, maxLength: 500 }],
      },
    },
  ];
}

/** The submitted reason, trimmed; empty when the member left it blank. */
export function reasonOf(values: Record<string, string | string[]>): string {
  const raw = values.reason;
  return (Array.isArray(raw) ? raw.join(" ") : (raw ?? "")).trim().slice(0, 500);
}
