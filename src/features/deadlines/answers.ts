import { afterQuietHours } from "../../calendar/reminders.ts";
import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";
import { enqueueMessages } from "../../delivery/outbox.ts";
import { findRecipients } from "../../delivery/recipients.ts";
import { countAnswers, countSnoozes, isGroupMember, type LoadedDeadline, loadDeadline } from "./data.ts";
import { formatParis } from "./format.ts";
import { recordAnswer } from "./mutations.ts";
import { reminderMessage } from "./schedule.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
export const MAX_REASON = 500;

/** The deadline if this member can still answer it; otherwise the sentence that says why not. */
export async function openForMember(ctx: Context, id: string): Promise<LoadedDeadline | Reply[]> {
  const { t, actor } = ctx;
  const d = await loadDeadline(ctx.db, actor.networkId, id);
  if (!d) return [say(t("deadlines.errors.notFound"))];
  if (d.cancelledAt) return [say(t("deadlines.errors.cancelled", { title: d.title }))];
  if (d.dueAt <= ctx.now)
    return [say(t("deadlines.errors.closed", { title: d.title, due: formatParis(d.dueAt, actor.locale) }))];
  if (!(await isGroupMember(ctx.db, d.groupId, actor.memberId)))
    return [say(t("deadlines.errors.notInGroup", { group: d.group.name }))];
  return d;
}

/** Done, attending, or nothing to share: recorded, and this member's reminders stop. */
export async function answer(ctx: Context, id: string, verb: "d" | "a" | "n"): Promise<Reply[]> {
  const d = await openForMember(ctx, id);
  if (Array.isArray(d)) return d;
  const status = verb === "a" ? "ATTENDING" : "DONE";
  await recordAnswer(ctx.db, {
    networkId: d.networkId,
    deadlineId: d.id,
    memberId: ctx.actor.memberId,
    status,
    reason: null,
    now: ctx.now,
  });
  const key =
    verb === "a"
      ? "deadlines.answered.ATTENDING"
      : verb === "n"
        ? "deadlines.answered.NOTHING"
        : "deadlines.answered.DONE";
  return [say(ctx.t(key, { title: d.title, due: formatParis(d.dueAt, ctx.actor.locale) }))];
}

/** "Can't": asks for the reason the lead will read. */
export async function askReason(ctx: Context, id: string): Promise<Reply[]> {
  const d = await openForMember(ctx, id);
  if (Array.isArray(d)) return d;
  const { t } = ctx;
  return [
    {
      text: t("deadlines.cantForm.intro", { title: d.title }),
      visibility: "private",
      form: {
        id: `dlc:${d.id}`,
        title: t("deadlines.cantForm.title"),
        submitLabel: t("deadlines.cantForm.submit"),
        fields: [
          {
            name: "reason",
            label: t("deadlines.cantForm.reason"),
            type: "textarea",
            required: true,
            maxLength: MAX_REASON,
          },
        ],
      },
    },
  ];
}

/** The reason form: recorded as "can't", and this member's reminders stop. */
export async function saveReason(
  ctx: Context,
  id: string,
  values: Record<string, string | string[]>,
): Promise<Reply[]> {
  const raw = values.reason;
  const reason = (Array.isArray(raw) ? raw.join(" ") : (raw ?? "")).trim();
  if (!reason || reason.length > MAX_REASON)
    return [say(ctx.t("deadlines.errors.reason")), ...(await askReason(ctx, id))];
  const d = await openForMember(ctx, id);
  if (Array.isArray(d)) return d;
  await recordAnswer(ctx.db, {
    networkId: d.networkId,
    deadlineId: d.id,
    memberId: ctx.actor.memberId,
    status: "CANT",
    reason,
    now: ctx.now,
  });
  return [say(ctx.t("deadlines.answered.CANT", { title: d.title, reason }))];
}

/**
 * Snooze: one more reminder 24 h from now (held by quiet hours), before the due time; nothing else
 * is cancelled. Two presses at once share the same idempotency key and queue one reminder.
 */
export async function snooze(ctx: Context, id: string): Promise<Reply[]> {
  const d = await openForMember(ctx, id);
  if (Array.isArray(d)) return d;
  const { t, actor } = ctx;
  const answered = await countAnswers(ctx.db, d.id, actor.memberId);
  if (answered > 0) return [say(t("deadlines.errors.alreadyAnswered", { title: d.title }))];
  const recipient = (await findRecipients(ctx.db, [actor.memberId], ctx.platforms)).get(actor.memberId);
  if (!recipient) return [say(t("deadlines.errors.noChannel"))];
  const at = new Date(ctx.now.getTime() + DAY_MS);
  const held = afterQuietHours(at, { startMin: recipient.quietStartMin, endMin: recipient.quietEndMin });
  if (held >= d.dueAt)
    return [say(t("deadlines.errors.snoozeTooLate", { title: d.title, due: formatParis(d.dueAt, actor.locale) }))];
  const prefix = `dl:${d.id}:snooze:${actor.memberId}:`;
  const earlier = await countSnoozes(ctx.db, d.networkId, prefix);
  await enqueueMessages(ctx.db, [reminderMessage(d, recipient, at, `${prefix}${earlier + 1}`)]);
  return [say(t("deadlines.snoozed", { at: formatParis(held, actor.locale) }))];
}
