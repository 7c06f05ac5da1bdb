import { pressId } from "../../core/actions.ts";
import type { Locale } from "../../core/i18n.ts";
import type { LiveView, LiveViews } from "../../delivery/compose.ts";
import { networkName } from "../../services/directory/data.ts";
import { ACT } from "../activities/actions.ts";
import { ACTIVITY_KINDS } from "../activities/catalogue.ts";
import { columnOfDay } from "../activities/days.ts";
import { weekFigures } from "./activity.ts";
import { silentAdvisers } from "./data.ts";
import { movedIndicators } from "./indicators.ts";
import { digestText } from "./text.ts";
import { readDigestViewId } from "./week.ts";

/** "vendredi 30 octobre 2026" for the stored day "2026-10-30". */
function longDay(iso: string, locale: Locale): string {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { dateStyle: "full", timeZone: "UTC" }).format(
    columnOfDay({ year, month, day }),
  );
}

/** The names the outbox rows give the digest's live views. */
export const DIGEST_VIEWS = { digest: "weekly-digest", nudge: "activity-nudge" } as const;

/**
 * To each network coordinator on Monday: the week before, computed when sent and in their language.
 * Dropped once the next Monday's digest is due (a message held that long would only confuse).
 */
const weeklyDigest: LiveView = async (ctx, id) => {
  const parsed = readDigestViewId(id);
  if (!parsed || parsed.networkId !== ctx.networkId || ctx.now >= parsed.week.staleAt) return null;
  const { week } = parsed;
  const [network, figures, moved, silent] = await Promise.all([
    networkName(ctx.db, ctx.networkId),
    weekFigures(ctx.db, ctx.networkId, week.range),
    movedIndicators(ctx.db, ctx.networkId, week.range),
    silentAdvisers(ctx.db, ctx.now, { networkId: ctx.networkId }),
  ]);
  const text = digestText(ctx.t, ctx.locale, {
    network,
    week: week.range,
    figures,
    moved,
    silent: silent.map((a) => a.displayName),
  });
  return { text, visibility: "private" };
};

/**
 * To a digital adviser silent for three weeks: a friendly word and a button per kind of activity,
 * which opens the report form. Nothing if they have reported since it was queued.
 */
const activityNudge: LiveView = async (ctx) => {
  if (!ctx.recipientMemberId) return null;
  const [adviser] = await silentAdvisers(ctx.db, ctx.now, {
    networkId: ctx.networkId,
    memberId: ctx.recipientMemberId,
  });
  if (!adviser) return null;
  const { t } = ctx;
  const name = adviser.displayName.split(" ")[0] ?? adviser.displayName;
  const opening = adviser.lastDay
    ? t("digest.nudge.since", { name, day: longDay(adviser.lastDay, ctx.locale) })
    : t("digest.nudge.never", { name });
  return {
    text: [opening, t("digest.nudge.muteHint")].join("\n"),
    choices: ACTIVITY_KINDS.map((kind) => ({
      id: pressId(ACT.new, kind),
      label: t(`activities.catalogue.kinds.${kind}`),
    })),
    visibility: "private",
  };
};

/** The digest's views, computed when sent (src/delivery/compose.ts). */
export const digestViews: LiveViews = { [DIGEST_VIEWS.digest]: weeklyDigest, [DIGEST_VIEWS.nudge]: activityNudge };
