import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";
import { formatNames } from "../../shared/text.ts";
import { DL } from "./actions.ts";
import { answersOf, canManageDeadline, type LoadedDeadline, loadDeadline } from "./data.ts";
import { formatParis } from "./format.ts";
import { cancelDeadline } from "./mutations.ts";

/** The deadline if this member manages it; otherwise the sentence that says why not. */
async function managedDeadline(ctx: Context, id: string): Promise<LoadedDeadline | Reply[]> {
  const d = await loadDeadline(ctx.db, ctx.actor.networkId, id);
  if (!d) return [say(ctx.t("deadlines.errors.notFound"))];
  if (!canManageDeadline(ctx.actor, d)) return [say(ctx.t("deadlines.errors.notManager", { group: d.group.name }))];
  return d;
}

/** Who answered: done (or attending), can't with reasons, no answer yet; with a cancel button while it is ahead. */
export async function showStatus(ctx: Context, id: string): Promise<Reply[]> {
  const d = await managedDeadline(ctx, id);
  if (Array.isArray(d)) return d;
  const { t, actor } = ctx;
  const { responses, waiting } = await answersOf(ctx.db, d.id, d.groupId);
  const names = (list: { displayName: string }[]) =>
    formatNames(
      list.map((m) => m.displayName),
      actor.locale,
      t("deadlines.status.nobody"),
    );
  const positive = responses.filter((r) => r.status !== "CANT").map((r) => r.member);
  const cant = responses.filter((r) => r.status === "CANT");
  const lines = [
    t("deadlines.status.title", { title: d.title, group: d.group.name, due: formatParis(d.dueAt, actor.locale) }),
    ...(d.cancelledAt ? [t("deadlines.status.cancelled")] : []),
    t(d.kind === "MEETING" ? "deadlines.status.attending" : "deadlines.status.done", {
      count: positive.length,
      names: names(positive),
    }),
    t("deadlines.status.cant", { count: cant.length }),
    ...cant.map((r) => t("deadlines.status.cantLine", { name: r.member.displayName, reason: r.reason ?? "—" })),
    t("deadlines.status.waiting", { count: waiting.length, names: names(waiting) }),
  ];
  const open = !d.cancelledAt && d.dueAt > ctx.now;
  return [
    say(
      lines.join("\n"),
      open ? [{ id: pressId(DL.askCancel, d.id), label: t("deadlines.buttons.cancel"), style: "danger" }] : [],
    ),
  ];
}

/** Asks to confirm the cancellation (a recurring meeting's series ends with it). */
export async function confirmCancel(ctx: Context, id: string): Promise<Reply[]> {
  const d = await managedDeadline(ctx, id);
  if (Array.isArray(d)) return d;
  const { t, actor } = ctx;
  if (d.cancelledAt) return [say(t("deadlines.cancel.already", { title: d.title }))];
  if (d.dueAt <= ctx.now)
    return [say(t("deadlines.errors.closed", { title: d.title, due: formatParis(d.dueAt, actor.locale) }))];
  const params = { title: d.title, due: formatParis(d.dueAt, actor.locale) };
  return [
    say(t(d.recurrence ? "deadlines.cancel.confirmRecurring" : "deadlines.cancel.confirm", params), [
      { id: pressId(DL.cancel, d.id), label: t("deadlines.buttons.confirmCancel"), style: "danger" },
    ]),
  ];
}

/** Cancels the deadline and withdraws its pending reminders; a second press is told it is done already. */
export async function cancel(ctx: Context, id: string): Promise<Reply[]> {
  const d = await managedDeadline(ctx, id);
  if (Array.isArray(d)) return d;
  const { t, actor } = ctx;
  if (d.dueAt <= ctx.now && !d.cancelledAt)
    return [say(t("deadlines.errors.closed", { title: d.title, due: formatParis(d.dueAt, actor.locale) }))];
  const withdrawn = await cancelDeadline(ctx.db, {
    networkId: actor.networkId,
    deadlineId: d.id,
    actorId: actor.memberId,
    now: ctx.now,
  });
  if (withdrawn === null) return [say(t("deadlines.cancel.already", { title: d.title }))];
  return [say(t("deadlines.cancel.done", { title: d.title, count: withdrawn }))];
}
