import { type CalendarDay, parisDay } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";
import { type Reply, say } from "../../core/reply.ts";
import type { Db } from "../../db/database.ts";
import type { Theme } from "./catalogue.ts";
import { columnOfDay, formatDuration } from "./days.ts";

const TOP_THEMES = 3;
const BAR_WIDTH = 10;

/** A member's figures over a period of days (both ends included). */
export interface Figures {
  activities: number;
  people: number;
  minutes: number;
  themes: { theme: Theme; count: number }[];
}

export async function memberFigures(db: Db, memberId: string, from: CalendarDay, to: CalendarDay): Promise<Figures> {
  const where = { memberId, date: { gte: columnOfDay(from), lte: columnOfDay(to) } };
  const [totals, rows] = await Promise.all([
    db.activityReport.aggregate({ where, _count: { _all: true }, _sum: { participants: true, durationMin: true } }),
    db.activityReport.findMany({ where, select: { themes: true } }),
  ]);
  const counts = new Map<string, number>();
  for (const row of rows) for (const theme of row.themes) counts.set(theme, (counts.get(theme) ?? 0) + 1);
  const themes = [...counts]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, TOP_THEMES)
    .map(([theme, count]) => ({ theme: theme as Theme, count }));
  return {
    activities: totals._count._all,
    people: totals._sum.participants ?? 0,
    minutes: totals._sum.durationMin ?? 0,
    themes,
  };
}

/** "▇▇▇▇▇ 12": a bar scaled to the largest count, never empty for a count above zero. */
export function bar(count: number, largest: number): string {
  const width = largest === 0 ? 0 : Math.max(1, Math.round((count / largest) * BAR_WIDTH));
  return `${"▇".repeat(width)} ${count}`;
}

function periodLines(ctx: Context, title: string, f: Figures): string[] {
  const { t } = ctx;
  if (f.activities === 0) return [t("activities.figures.period", { title }), t("activities.figures.none")];
  const largest = f.themes[0]?.count ?? 0;
  return [
    t("activities.figures.period", { title }),
    t("activities.figures.totals", { activities: f.activities, people: f.people, hours: formatDuration(f.minutes) }),
    ...f.themes.map((th) =>
      t("activities.figures.theme", {
        bar: bar(th.count, largest),
        theme: t(`activities.catalogue.themes.${th.theme}`),
      }),
    ),
  ];
}

/** `mes chiffres`: this month and this year, from the member's own reports. */
export async function showMyFigures(ctx: Context): Promise<Reply[]> {
  const { actor, t } = ctx;
  const today = parisDay(ctx.now);
  const [month, year] = await Promise.all([
    memberFigures(ctx.db, actor.memberId, { ...today, day: 1 }, today),
    memberFigures(ctx.db, actor.memberId, { year: today.year, month: 1, day: 1 }, today),
  ]);
  const monthName = new Intl.DateTimeFormat(actor.locale === "fr" ? "fr-FR" : "en-GB", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(columnOfDay(today));
  const capitalised = monthName.charAt(0).toUpperCase() + monthName.slice(1);
  const lines = [
    t("activities.figures.title", { name: actor.displayName }),
    ...periodLines(ctx, capitalised, month),
    "",
    ...periodLines(ctx, t("activities.figures.year", { year: today.year }), year),
  ];
  return [say(lines.join("\n"))];
}
