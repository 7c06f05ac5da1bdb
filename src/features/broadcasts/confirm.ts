import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import { AppError } from "../../core/errors.ts";
import { type Reply, say } from "../../core/reply.ts";
import type { NewOutboundMessage } from "../../delivery/outbox.ts";
import { findRecipients } from "../../delivery/recipients.ts";
import { BC } from "./actions.ts";
import { broadcastNotice } from "./audience.ts";
import { cancelDraft, findBroadcast, type StoredBroadcast } from "./data.ts";
import { broadcastForm, valuesOf } from "./form.ts";
import { startBroadcast } from "./mutations.ts";
import { checkBroadcast } from "./preview.ts";

/** The sender's own broadcast, or an AppError the member reads. */
async function ownBroadcast(ctx: Context, id: string): Promise<StoredBroadcast> {
  const b = await findBroadcast(ctx.db, ctx.actor.networkId, id);
  if (!b) throw new AppError("broadcast_not_found", "broadcasts.errors.notFound");
  if (b.senderMemberId !== ctx.actor.memberId)
    throw new AppError("broadcast_not_yours", "broadcasts.errors.notYours", { sender: b.sender.displayName });
  return b;
}

function notDraft(ctx: Context, b: StoredBroadcast): Reply[] {
  return [say(ctx.t(b.status === "CANCELLED" ? "broadcasts.errors.cancelled" : "broadcasts.errors.alreadySent"))];
}

/** Where the sender's live progress goes: the account they confirmed from, if the bot delivers there. */
async function progressTarget(ctx: Context): Promise<Pick<NewOutboundMessage, "platform" | "target">> {
  const { inbound } = ctx;
  if (ctx.platforms.includes(inbound.platform))
    return { platform: inbound.platform, target: { to: "member", id: inbound.externalUserId } };
  const own = (await findRecipients(ctx.db, [ctx.actor.memberId], ctx.platforms)).get(ctx.actor.memberId);
  return own
    ? { platform: own.platform, target: { to: "member", id: own.externalId } }
    : { platform: inbound.platform, target: { to: "member", id: inbound.externalUserId } };
}

/**
 * Sends a draft: checked again against the network as it is now, then in one transaction the
 * draft becomes SENDING (only from DRAFT, so a second press sends nothing) and every recipient's
 * message and the sender's progress message are queued.
 */
export async function confirmBroadcast(ctx: Context, id: string): Promise<Reply[]> {
  const { t, actor, now } = ctx;
  const b = await ownBroadcast(ctx, id);
  if (b.status !== "DRAFT") return notDraft(ctx, b);
  const readiness = await checkBroadcast(ctx, {
    text: b.text,
    urgent: b.urgent,
    segment: b.segment,
    sender: actor.displayName,
  });
  if (readiness.kind === "refused")
    return [
      say(readiness.sentence, [{ id: pressId(BC.edit, id), label: t("broadcasts.preview.edit"), style: "primary" }]),
    ];
  const { plan } = readiness;
  const notice = broadcastNotice(actor.displayName, b.text, b.urgent);
  const progress: NewOutboundMessage = {
    networkId: actor.networkId,
    idempotencyKey: `bc:${id}:progress`,
    ...(await progressTarget(ctx)),
    memberId: actor.memberId,
    category: "progress",
    urgent: true,
    causeId: id,
    // A second earlier than the recipients' rows: claimed first, so the sender sees progress from the start.
    notBefore: new Date(now.getTime() - 1_000),
    payload: { kind: "live", view: "broadcast-progress", id },
  };
  const started = await startBroadcast(ctx.db, {
    id,
    networkId: actor.networkId,
    senderMemberId: actor.memberId,
    now,
    urgent: b.urgent,
    plan,
    progress,
    notice,
  });
  if (!started) return [say(t("broadcasts.errors.alreadySent"))];
  ctx.log.info(
    { broadcastId: id, recipients: plan.recipients.length, muted: plan.muted, unreachable: plan.unreachable },
    "broadcast confirmed",
  );
  return [say(t("broadcasts.confirmed", { count: plan.recipients.length }))];
}

/** Withdraws a draft; nothing was queued. */
export async function cancelBroadcast(ctx: Context, id: string): Promise<Reply[]> {
  const b = await ownBroadcast(ctx, id);
  if (b.status !== "DRAFT" || !(await cancelDraft(ctx.db, id, ctx.actor.memberId))) return notDraft(ctx, b);
  return [say(ctx.t("broadcasts.cancelledDraft"))];
}

/** The form pre-filled with a broadcast: a draft is replaced on submit; a sent one serves as a model. */
export async function editBroadcast(ctx: Context, id: string): Promise<Reply[]> {
  const b = await ownBroadcast(ctx, id);
  return [await broadcastForm(ctx, valuesOf(b), b.status === "DRAFT" ? id : undefined)];
}
