import { afterQuietHours } from "../../calendar/reminders.ts";
import type { Platform } from "../../core/inbound.ts";
import type { Db } from "../../db/database.ts";
import { enqueueMessages, type NewOutboundMessage } from "../../delivery/outbox.ts";
import { findRecipients, type Recipient } from "../../delivery/recipients.ts";
import { isoDay } from "../../shared/dates.ts";
import { activeCoordinators, silentAdvisers } from "./data.ts";
import { DIGEST_VIEWS } from "./views.ts";
import { type DigestWeek, digestViewId, dueDigestWeek } from "./week.ts";

/** What one run queued (already queued messages are not counted again). */
export interface QueuedDigests {
  digests: number;
  nudges: number;
}

/** Not a mutable category: coordinators expect the digest every Monday. */
const DIGEST_CATEGORY = "digest";
/** Muting working-group reminders ("sourdine") also stops the nudge. */
const NUDGE_CATEGORY = "reminder";

function messageTo(
  r: Recipient,
  networkId: string,
  key: string,
  category: string,
  view: string,
  id: string,
  now: Date,
): NewOutboundMessage {
  return {
    networkId,
    idempotencyKey: key,
    platform: r.platform,
    target: { to: "member", id: r.externalId },
    memberId: r.memberId,
    category,
    notBefore: afterQuietHours(now, { startMin: r.quietStartMin, endMin: r.quietEndMin }),
    payload: { kind: "live", view, id },
  };
}

/** One digest per active network coordinator of every network, keyed by Monday and member. */
async function queueDigests(db: Db, week: DigestWeek, now: Date, platforms: readonly Platform[]): Promise<number> {
  const coordinators = await activeCoordinators(db);
  const recipients = await findRecipients(
    db,
    coordinators.map((c) => c.id),
    platforms,
  );
  const monday = isoDay(week.monday);
  const messages = coordinators.flatMap((c) => {
    const r = recipients.get(c.id);
    return r
      ? [
          messageTo(
            r,
            c.networkId,
            `digest:${monday}:${c.id}`,
            DIGEST_CATEGORY,
            DIGEST_VIEWS.digest,
            digestViewId(c.networkId, week),
            now,
          ),
        ]
      : [];
  });
  return enqueueMessages(db, messages);
}

/**
 * One nudge per silence: the key names the report the silence started after ('never' for none), so
 * it comes again only once the adviser has reported and fallen silent anew. Members who muted
 * reminders are left out rather than queued and dropped, so unmuting lets the nudge come.
 */
async function queueNudges(db: Db, now: Date, platforms: readonly Platform[]): Promise<number> {
  const silent = await silentAdvisers(db, now);
  const recipients = await findRecipients(
    db,
    silent.map((a) => a.memberId),
    platforms,
  );
  const messages = silent.flatMap((a) => {
    const r = recipients.get(a.memberId);
    if (!r || r.mutedCategories.includes(NUDGE_CATEGORY)) return [];
    const since = a.lastReportId ?? "never";
    return [messageTo(r, a.networkId, `nudge:${a.memberId}:${since}`, NUDGE_CATEGORY, DIGEST_VIEWS.nudge, since, now)];
  });
  return enqueueMessages(db, messages);
}

/**
 * The "weekly-digest" job: from Monday 09:00 Paris, this week's digest to every coordinator (a
 * later tick that week catches a missed Monday up), and on every tick the nudges of advisers silent
 * for three weeks. Idempotency keys make repeated ticks and concurrent processes queue each once.
 */
export async function queueWeeklyDigest(db: Db, now: Date, platforms: readonly Platform[]): Promise<QueuedDigests> {
  const week = dueDigestWeek(now);
  const digests = week ? await queueDigests(db, week, now, platforms) : 0;
  const nudges = await queueNudges(db, now, platforms);
  return { digests, nudges };
}
