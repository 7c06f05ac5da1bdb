import type { Event } from "@prisma/client";
import { PARIS } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";

type Style = "day" | "time" | "dayTime";
const STYLES: Record<Style, Intl.DateTimeFormatOptions> = {
  day: { dateStyle: "full", timeZone: PARIS },
  time: { timeStyle: "short", timeZone: PARIS },
  dayTime: { dateStyle: "full", timeStyle: "short", timeZone: PARIS },
};
// Building an Intl.DateTimeFormat costs far more than formatting with one: they are kept by language and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tag: string, style: Style): Intl.DateTimeFormat {
  const key = `${tag}:${style}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(tag, STYLES[style])));
  return f;
}

/** "jeudi 3 décembre 2026, 18:00–20:00" in Paris time and the member's language. */
export function formatWhen(event: Pick<Event, "startsAt" | "endsAt">, ctx: Context): string {
  const tag = ctx.actor.locale === "fr" ? "fr-FR" : "en-GB";
  const day = formatter(tag, "day").format(event.startsAt);
  const time = formatter(tag, "time");
  const sameDay = day === formatter(tag, "day").format(event.endsAt);
  return sameDay
    ? `${day}, ${time.format(event.startsAt)}–${time.format(event.endsAt)}`
    : `${day}, ${time.format(event.startsAt)} – ${formatter(tag, "dayTime").format(event.endsAt)}`;
}

/** Where: the place, the online link, or both. */
export function formatWhere(event: Pick<Event, "place" | "onlineUrl">, ctx: Context): string {
  return [event.place, event.onlineUrl].filter(Boolean).join(" · ") || ctx.t("events.list.noPlace");
}

/** Places left, "full — waiting list", "full", or "no limit". */
export function formatPlaces(event: Pick<Event, "capacity" | "waitlist">, registered: number, ctx: Context): string {
  if (event.capacity === null) return ctx.t("events.list.unlimited");
  const left = event.capacity - registered;
  if (left > 0) return ctx.t("events.list.placesLeft", { count: left });
  return ctx.t(event.waitlist ? "events.list.fullWaitlist" : "events.list.full");
}

/** The short number coordinators type to name an event. */
export const shortRef = (id: string) => id.slice(0, 8);

/** The event's block in a list: title and number, when, where, places. */
export function eventBlock(event: Event, registered: number, ctx: Context): string {
  return ctx.t("events.list.item", {
    title: event.title,
    ref: shortRef(event.id),
    when: formatWhen(event, ctx),
    where: formatWhere(event, ctx),
    places: formatPlaces(event, registered, ctx),
  });
}
