import { afterQuietHours } from "../../calendar/reminders.ts";
import type { Locale } from "../../core/i18n.ts";
import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import { renderNotice } from "../../delivery/compose.ts";
import { MESSAGE_TEXT_LIMITS } from "../../delivery/limits.ts";
import type { Notice } from "../../delivery/payload.ts";
import { findRecipients } from "../../delivery/recipients.ts";
import type { SegmentMember } from "./data.ts";

/** The category members mute to stop receiving non-urgent broadcasts. */
export const BROADCAST_CATEGORY = "broadcast";

/** One member the broadcast will be queued for, where and when. */
export interface PlannedRecipient {
  memberId: string;
  platform: Platform;
  externalId: string;
  locale: Locale;
  /** Now, or the end of the member's quiet hours for a non-urgent broadcast. */
  notBefore: Date;
}

/** What a broadcast to a segment amounts to right now: the preview shows it, the confirmation queues it. */
export interface AudiencePlan {
  matched: number;
  recipients: PlannedRecipient[];
  /** Skipped: they muted broadcasts and the message is not urgent. */
  muted: number;
  /** No account on a platform the bot delivers to. */
  unreachable: number;
  /** Recipients in their quiet hours now, and the earliest time one of them gets it. */
  held: number;
  firstRelease: Date | null;
}

/** The message as a recipient sees it: a header naming the sender in their language, then the text as typed. */
export function broadcastNotice(sender: string, text: string, urgent: boolean): Notice {
  return { key: urgent ? "broadcasts.urgentMessage" : "broadcasts.message", params: { sender, text } };
}

/** Decides, member by member, whether and when the broadcast reaches them. */
export async function planAudience(
  db: Db,
  members: SegmentMember[],
  platforms: readonly Platform[],
  only: Platform | null,
  urgent: boolean,
  now: Date,
): Promise<AudiencePlan> {
  const reachable = await findRecipients(
    db,
    members.map((m) => m.id),
    platforms,
    only ?? undefined,
  );
  const plan: AudiencePlan = {
    matched: members.length,
    recipients: [],
    muted: 0,
    unreachable: 0,
    held: 0,
    firstRelease: null,
  };
  // Members share a handful of quiet-hour windows: each is worked out once for this instant.
  const releases = new Map<string, Date>();
  const releaseAt = (startMin: number, endMin: number): Date => {
    const key = `${startMin}-${endMin}`;
    let at = releases.get(key);
    if (!at) releases.set(key, (at = afterQuietHours(now, { startMin, endMin })));
    return at;
  };
  for (const member of members) {
    const r = reachable.get(member.id);
    if (!r) {
      plan.unreachable += 1;
      continue;
    }
    if (!urgent && r.mutedCategories.includes(BROADCAST_CATEGORY)) {
      plan.muted += 1;
      continue;
    }
    const notBefore = urgent ? now : releaseAt(r.quietStartMin, r.quietEndMin);
    if (notBefore > now) {
      plan.held += 1;
      if (!plan.firstRelease || notBefore < plan.firstRelease) plan.firstRelease = notBefore;
    }
    plan.recipients.push({
      memberId: member.id,
      platform: r.platform,
      externalId: r.externalId,
      locale: member.locale,
      notBefore,
    });
  }
  return plan;
}

/** How many recipients read on each platform, most first. */
export function countByPlatform(plan: AudiencePlan): [Platform, number][] {
  const counts = new Map<Platform, number>();
  for (const r of plan.recipients) counts.set(r.platform, (counts.get(r.platform) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** A platform among the recipients' whose message limit the broadcast (with its header) exceeds. */
export interface Oversize {
  platform: Platform;
  limit: number;
  length: number;
  recipients: number;
}

/** The strictest platform limit the message breaks for some recipient, in that recipient's language; null when it fits everywhere. */
export function findOversize(plan: AudiencePlan, notice: Notice): Oversize | null {
  const byPlatform = new Map<Platform, PlannedRecipient[]>();
  for (const r of plan.recipients) {
    const readers = byPlatform.get(r.platform);
    if (readers) readers.push(r);
    else byPlatform.set(r.platform, [r]);
  }
  const strictestFirst = [...byPlatform.keys()].sort((a, b) => MESSAGE_TEXT_LIMITS[a] - MESSAGE_TEXT_LIMITS[b]);
  for (const platform of strictestFirst) {
    const readers = byPlatform.get(platform)!;
    const limit = MESSAGE_TEXT_LIMITS[platform];
    const length = Math.max(
      ...[...new Set(readers.map((r) => r.locale))].map((locale) => renderNotice(notice, locale).text.length),
    );
    if (length > limit) return { platform, limit, length, recipients: readers.length };
  }
  return null;
}
