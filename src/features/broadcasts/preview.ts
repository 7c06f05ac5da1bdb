import { pressId } from "../../core/actions.ts";
import type { Context } from "../../core/context.ts";
import type { MessageKey } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { renderNotice } from "../../delivery/compose.ts";
import { isUuid } from "../../shared/ids.ts";
import { BC } from "./actions.ts";
import { type AudiencePlan, broadcastNotice, countByPlatform, findOversize, planAudience } from "./audience.ts";
import { cancelDraft, countSegmentChoices, createDraft, segmentMembers } from "./data.ts";
import { type BroadcastFormValues, broadcastForm } from "./form.ts";
import { parisTime } from "./format.ts";
import type { Segment } from "./schema.ts";
import { broadcastFormSchema, MESSAGE_MAX } from "./schema.ts";
import { describeSegment } from "./segment.ts";

/** What the broadcast would do now, or the sentence that says why it cannot go. */
export type Readiness = { kind: "ready"; plan: AudiencePlan } | { kind: "refused"; sentence: string };

/**
 * Checks a broadcast against the network as it is now: someone matches, someone can receive it, and
 * the message with its header fits every platform among its recipients. Nothing is queued here.
 */
export async function checkBroadcast(
  ctx: Context,
  b: { text: string; urgent: boolean; segment: Segment; sender: string },
): Promise<Readiness> {
  const { t, db, actor } = ctx;
  const members = await segmentMembers(db, actor.networkId, b.segment);
  if (members.length === 0) {
    return {
      kind: "refused",
      sentence: t("broadcasts.errors.noMatch", {
        segment: await describeSegment(db, actor.networkId, b.segment, t, actor.locale),
      }),
    };
  }
  const plan = await planAudience(db, members, ctx.platforms, b.segment.platform, b.urgent, ctx.now);
  if (plan.recipients.length === 0) {
    const why = [
      t("broadcasts.preview.matched", { count: plan.matched }),
      ...(plan.muted > 0 ? [t("broadcasts.preview.muted", { count: plan.muted })] : []),
      ...(plan.unreachable > 0 ? [t("broadcasts.preview.unreachable", { count: plan.unreachable })] : []),
    ];
    return { kind: "refused", sentence: [t("broadcasts.errors.nobodyReachable"), ...why].join("\n") };
  }
  const over = findOversize(plan, broadcastNotice(b.sender, b.text, b.urgent));
  if (over) {
    const platform = t(`platforms.${over.platform}`);
    return {
      kind: "refused",
      sentence: t("broadcasts.errors.tooLong", {
        length: over.length,
        limit: over.limit,
        platform,
        count: over.recipients,
      }),
    };
  }
  return { kind: "ready", plan };
}

/** The refusal, and the form again with what the sender typed, to correct it. */
async function refuse(ctx: Context, sentence: string, values: BroadcastFormValues, draftId?: string): Promise<Reply[]> {
  return [say(sentence), await broadcastForm(ctx, values, draftId)];
}

/** The preview: the message as members will see it, who gets it and how, and the buttons to go on. */
async function previewReply(
  ctx: Context,
  id: string,
  b: { text: string; urgent: boolean; segment: Segment },
  plan: AudiencePlan,
): Promise<Reply> {
  const { t, actor } = ctx;
  const list = (items: string[]) => new Intl.ListFormat(actor.locale).format(items);
  const perPlatform = countByPlatform(plan).map(([platform, count]) =>
    t("broadcasts.preview.onPlatform", { count, platform: t(`platforms.${platform}`) }),
  );
  const lines = [
    t("broadcasts.preview.title"),
    "――――――――",
    renderNotice(broadcastNotice(actor.displayName, b.text, b.urgent), actor.locale).text,
    "――――――――",
    t("broadcasts.preview.segment", {
      segment: await describeSegment(ctx.db, actor.networkId, b.segment, t, actor.locale),
    }),
    t("broadcasts.preview.matched", { count: plan.matched }),
    t("broadcasts.preview.platforms", { count: plan.recipients.length, list: list(perPlatform) }),
  ];
  if (plan.muted > 0) lines.push(t("broadcasts.preview.muted", { count: plan.muted }));
  if (plan.unreachable > 0) lines.push(t("broadcasts.preview.unreachable", { count: plan.unreachable }));
  if (plan.held > 0 && plan.firstRelease)
    lines.push(t("broadcasts.preview.quiet", { count: plan.held, time: parisTime(plan.firstRelease, actor.locale) }));
  if (b.urgent) lines.push(t("broadcasts.preview.urgent"));
  return say(lines.join("\n"), [
    { id: pressId(BC.confirm, id), label: t("broadcasts.preview.confirm"), style: "primary" },
    { id: pressId(BC.edit, id), label: t("broadcasts.preview.edit") },
    { id: pressId(BC.cancel, id), label: t("broadcasts.preview.cancel"), style: "danger" },
  ]);
}

/**
 * The submitted form: refused with the form to correct, or saved as a draft (replacing the draft
 * it edits) and previewed.
 */
export async function previewBroadcast(ctx: Context, values: BroadcastFormValues, parts: string[]): Promise<Reply[]> {
  const { t, db, actor } = ctx;
  const replacing = parts[0] && isUuid(parts[0]) ? parts[0] : undefined;
  const parsed = broadcastFormSchema.safeParse(values);
  if (!parsed.success) {
    const problems = [...new Set(parsed.error.issues.map((i) => i.message))].map((key) =>
      t(key as MessageKey, { max: MESSAGE_MAX }),
    );
    return refuse(ctx, [t("broadcasts.errors.intro"), ...problems].join("\n"), values, replacing);
  }
  const { message, urgent, segment } = parsed.data;
  const unknown = await unknownChoice(ctx, segment);
  if (unknown) return refuse(ctx, t(unknown), values, replacing);
  const readiness = await checkBroadcast(ctx, { text: message, urgent, segment, sender: actor.displayName });
  if (readiness.kind === "refused") return refuse(ctx, readiness.sentence, values, replacing);
  if (replacing) await cancelDraft(db, replacing, actor.memberId);
  const id = await createDraft(db, {
    networkId: actor.networkId,
    senderMemberId: actor.memberId,
    text: message,
    urgent,
    segment,
    now: ctx.now,
  });
  return [await previewReply(ctx, id, { text: message, urgent, segment }, readiness.plan)];
}

/** A territory, organisation or group that is not the network's (a stale form, a forged value). */
async function unknownChoice(ctx: Context, segment: Segment): Promise<MessageKey | null> {
  const [territories, organisations, groups] = await countSegmentChoices(ctx.db, ctx.actor.networkId, segment);
  if (territories !== segment.territoryIds.length) return "broadcasts.errors.territory";
  if (organisations !== segment.organisationIds.length) return "broadcasts.errors.organisation";
  if (groups !== segment.groupIds.length) return "broadcasts.errors.group";
  if (segment.platform && !ctx.platforms.includes(segment.platform)) return "broadcasts.errors.platform";
  return null;
}
