import { addDays, parisDay, parisInstant } from "../../../calendar/paris.ts";
import { afterQuietHours } from "../../../calendar/reminders.ts";
import { pressId } from "../../../core/actions.ts";
import type { Platform } from "../../../core/inbound.ts";
import type { Db } from "../../../db/database.ts";
import { enqueueMessages } from "../../../delivery/outbox.ts";
import { findRecipients } from "../../../delivery/recipients.ts";
import { LEAVE } from "./actions.ts";
import { isNoticeDue, NOTICE_DAYS, ONLY_INTERN, purgeDayOf, purgeDayOnOrBefore } from "./purge-date.ts";

const BATCH = 500;

/**
 * Daily: tells each active intern, in the fortnight before their purge day, that their data will be
 * deleted unless they stay in touch (the leave.keep button). One notice per intern ever
 * (`intern-purge-notice:<memberId>`), so re-runs and catch-ups send nothing twice. Returns how many were queued.
 */
export async function queuePurgeNotices(db: Db, now: Date, platforms: readonly Platform[]): Promise<number> {
  const today = parisDay(now);
  let queued = 0;
  let cursor: string | undefined;
  for (;;) {
    const interns = await db.member.findMany({
      where: {
        ...ONLY_INTERN,
        status: "ACTIVE",
        keepInTouch: false,
        ...purgeDayOnOrBefore(addDays(today, NOTICE_DAYS)),
      },
      select: { id: true, networkId: true, arrivesOn: true, createdAt: true, cohort: { select: { arrivesOn: true } } },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (interns.length === 0) break;
    cursor = interns.at(-1)!.id;
    const due = interns.filter((i) => isNoticeDue(i, today));
    const recipients = await findRecipients(
      db,
      due.map((i) => i.id),
      platforms,
    );
    queued += await enqueueMessages(
      db,
      due.flatMap((intern) => {
        const r = recipients.get(intern.id);
        if (!r) return [];
        return [
          {
            networkId: intern.networkId,
            idempotencyKey: `intern-purge-notice:${intern.id}`,
            platform: r.platform,
            target: { to: "member" as const, id: r.externalId },
            memberId: intern.id,
            category: "intern",
            // About their own data: sent even if they muted the network's news.
            urgent: true,
            notBefore: afterQuietHours(now, { startMin: r.quietStartMin, endMin: r.quietEndMin }),
            payload: {
              kind: "notice" as const,
              notice: {
                key: "leave.purgeNotice.text" as const,
                params: {
                  date: { instant: parisInstant(purgeDayOf(intern), 12 * 60).toISOString(), style: "date" as const },
                },
                choices: [
                  { id: pressId(LEAVE.keepInTouch), label: "leave.buttons.keep" as const, style: "primary" as const },
                ],
              },
            },
          },
        ];
      }),
    );
    if (interns.length < BATCH) break;
  }
  return queued;
}
