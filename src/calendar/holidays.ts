// STUB (signatures fixed): implemented by the calendar helper with @socialgouv/jours-feries.
import type { CalendarDay } from "./paris.ts";

/** A French public holiday (metropolitan France: Easter Monday, Ascension, Whit Monday, 14 July...). */
export declare function isPublicHoliday(day: CalendarDay): boolean;
/** Monday to Friday and not a public holiday. */
export declare function isWorkingDay(day: CalendarDay): boolean;
/** `day` itself if it is a working day, else the latest working day before it. */
export declare function workingDayOnOrBefore(day: CalendarDay): CalendarDay;
