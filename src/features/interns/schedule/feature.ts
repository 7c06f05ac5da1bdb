import { on } from "../../../core/actions.ts";
import { say } from "../../../core/reply.ts";
import type { LiveView, LiveViews } from "../../../delivery/compose.ts";
import { SHIPPED_LOCALES_DIR } from "../../guide/load.ts";
import type { FeatureModule } from "../../module.ts";
import { ISCH } from "./actions.ts";
import { FEEDBACK_FORM, pressRating, submitFeedback } from "./feedback.ts";
import { ACTIONS, queueInternSchedule, SEASONAL_VIEW } from "./queue.ts";
import { loadSeasonalUpdates, type SeasonalUpdate } from "./seasonal.ts";

/** The shipped seasonal updates, read once when the bot starts; a broken file stops the start with its name. */
export const seasonalUpdates: readonly SeasonalUpdate[] = loadSeasonalUpdates(SHIPPED_LOCALES_DIR);

/** A seasonal update in the recipient's language when sent; nothing if its file was removed since. */
export function seasonalView(updates: readonly SeasonalUpdate[]): LiveView {
  return async (ctx, id) => {
    const update = updates.find((u) => u.id === id);
    if (!update) return null;
    return say(update.text[ctx.locale].message, [
      { id: ACTIONS.guide, label: ctx.t("internSchedule.buttons.guide") },
      { id: ACTIONS.ask, label: ctx.t("internSchedule.buttons.ask") },
    ]);
  };
}

export const internScheduleViews: LiveViews = { [SEASONAL_VIEW]: seasonalView(seasonalUpdates) };

/** The answers to the interns' scheduled messages: "all is well" after the check-in, the evening's feedback. */
export const internScheduleFeature: FeatureModule = {
  actions: [
    on(ISCH.fine, async (ctx) => [say(ctx.t("internSchedule.checkIn.fine"))]),
    on(ISCH.rate, (ctx, [eventId, rating]) => pressRating(ctx, eventId, rating)),
  ],
  forms: [{ formId: FEEDBACK_FORM, audience: "member", run: submitFeedback }],
  views: internScheduleViews,
  jobs: [
    {
      name: "intern-schedule",
      schedule: "*/15 * * * *",
      run: (ctx, now) => queueInternSchedule(ctx.db, now, ctx.platforms, seasonalUpdates),
    },
  ],
};
