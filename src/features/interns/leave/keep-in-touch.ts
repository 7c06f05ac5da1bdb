import { pressId } from "../../../core/actions.ts";
import { normaliseWord } from "../../../core/command-words.ts";
import type { Context } from "../../../core/context.ts";
import { type Reply, say } from "../../../core/reply.ts";
import { dayAsDate } from "../../cohorts/semester.ts";
import { LEAVE } from "./actions.ts";
import { type InternDates, purgeDayOf } from "./purge-date.ts";

/** "ne plus rester en contact", "don't stay in touch", "contact non", "stop staying in touch". */
const NEGATIONS = new Set(["ne", "plus", "non", "pas", "don't", "dont", "no", "not", "off", "stop"]);

/** The member's purge dates when they are an intern (their one role), else undefined. */
export async function internDates(ctx: Context): Promise<(InternDates & { keepInTouch: boolean }) | undefined> {
  const member = await ctx.db.member.findUniqueOrThrow({
    where: { id: ctx.actor.memberId },
    select: {
      roles: true,
      arrivesOn: true,
      createdAt: true,
      keepInTouch: true,
      cohort: { select: { arrivesOn: true } },
    },
  });
  if (member.roles.length !== 1 || member.roles[0] !== "INTERN") return undefined;
  return member;
}

/** "15 août 2027": the day the intern's data goes, in their language. */
export function formatPurgeDay(intern: InternDates, ctx: Context): string {
  return new Intl.DateTimeFormat(ctx.actor.locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(dayAsDate(purgeDayOf(intern)));
}

/** Sets or clears Member.keepInTouch and says what it means for the member's data. */
export async function setKeepInTouch(ctx: Context, keep: boolean): Promise<Reply[]> {
  const intern = await internDates(ctx);
  await ctx.db.member.update({ where: { id: ctx.actor.memberId }, data: { keepInTouch: keep } });
  if (!intern) return [say(ctx.t(keep ? "leave.keep.onNotIntern" : "leave.keep.offNotIntern"))];
  if (keep)
    return [say(ctx.t("leave.keep.on"), [{ id: pressId(LEAVE.noKeepInTouch), label: ctx.t("leave.buttons.noKeep") }])];
  return [
    say(ctx.t("leave.keep.off", { date: formatPurgeDay(intern, ctx) }), [
      { id: pressId(LEAVE.keepInTouch), label: ctx.t("leave.buttons.keep") },
    ]),
  ];
}

/** Where the member stands, with the button that changes it. */
async function showKeepInTouch(ctx: Context): Promise<Reply[]> {
  const intern = await internDates(ctx);
  if (!intern) return [say(ctx.t("leave.keep.onNotIntern"))];
  const keep = intern.keepInTouch;
  const button = keep
    ? { id: pressId(LEAVE.noKeepInTouch), label: ctx.t("leave.buttons.noKeep") }
    : { id: pressId(LEAVE.keepInTouch), label: ctx.t("leave.buttons.keep") };
  return [say(ctx.t("leave.keep.status", { keep: keep ? "yes" : "no", date: formatPurgeDay(intern, ctx) }), [button])];
}

/** True when the typed words ask not to stay in touch. */
export function asksNotToKeep(text: string): boolean {
  return text.split(/\s+/).some((w) => NEGATIONS.has(normaliseWord(w)));
}

/** `rester en contact`, `ne plus rester en contact`, `contact` (where I stand). */
export async function keepInTouchCommand(ctx: Context, args: string): Promise<Reply[]> {
  const text = ctx.inbound.input.kind === "text" ? ctx.inbound.input.text : args;
  if (asksNotToKeep(text)) return setKeepInTouch(ctx, false);
  if (!args.trim() && normaliseWord(text) === "contact") return showKeepInTouch(ctx);
  return setKeepInTouch(ctx, true);
}
