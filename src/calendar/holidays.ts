import getJoursFeries from "@socialgouv/jours-feries";
import { addDays, type CalendarDay, weekday } from "./paris.ts";

const byYear = new Map<number, Set<string>>();

function key(day: CalendarDay): string {
  return `${day.year}-${day.month}-${day.day}`;
}

/**
 * The library builds each holiday as local midnight in the process time zone and derives Easter
 * Monday, Ascension and Whit Monday by adding 24-hour days, which a DST change shifts by an hour;
 * reading the local calendar day at noon is right whatever TZ the server runs in.
 */
function holidaysOf(year: number): Set<string> {
  let days = byYear.get(year);
  if (!days) {
    const dates: Record<string, Date> = getJoursFeries(year, { alsace: false });
    days = new Set(
      Object.values(dates).map((date) => {
        const noon = new Date(date.getTime() + 12 * 3600 * 1000);
        return key({ year: noon.getFullYear(), month: noon.getMonth() + 1, day: noon.getDate() });
      }),
    );
    byYear.set(year, days);
  }
  return days;
}

/** A French public holiday (metropolitan France: Easter Monday, Ascension, Whit Monday, 14 July...). */
export function isPublicHoliday(day: CalendarDay): boolean {
  return holidaysOf(day.year).has(key(day));
}

/** Monday to Friday and not a public holiday. */
export function isWorkingDay(day: CalendarDay): boolean {
  return weekday(day) <= 5 && !isPublicHoliday(day);
}

/** `day` itself if it is a working day, else the latest working day before it. */
export function workingDayOnOrBefore(day: CalendarDay): CalendarDay {
  let candidate = day;
  while (!isWorkingDay(candidate)) candidate = addDays(candidate, -1);
  return candidate;
}
