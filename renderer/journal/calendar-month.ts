// The arithmetic of the journal's month calendar, kept pure so it is tested without a DOM or a
// clock: the weeks of a month, moving between months, and the day strings the journal uses
// (YYYY-MM-DD, on the local calendar; this module never reads the clock).
//
// Weeks start on the locale's first day of the week when the runtime says what it is
// (Intl.Locale week info: Sunday in the US, Monday in most of Europe), and on Monday, as in ISO
// 8601, when it does not. Dates are computed with UTC arithmetic so that no time zone or summer
// time change can shift a day; the result is the same calendar dates everywhere.

/** A month of the calendar; `month` counts from 1 (January) to 12. */
export interface YearMonth {
  year: number;
  month: number;
}

/** One cell of the month's grid: a date, which may belong to the month before or after. */
export interface CalendarDay {
  /** YYYY-MM-DD, the journal's day string. */
  day: string;
  /** Day of the month, 1–31. */
  date: number;
  /** Day of the week, 0 (Sunday) to 6 (Saturday). */
  weekday: number;
  inMonth: boolean;
}

/** Weekdays are numbered like Date.getDay(): 0 is Sunday, 1 Monday, …, 6 Saturday. */
export const monday = 1;

/**
 * The weeks that show `month`, each seven days starting on `firstWeekday`, padded with the days
 * of the months around it: four weeks (a 28-day February starting on the first weekday) to six
 * (a long month starting late in the week).
 */
export function monthWeeks(month: YearMonth, firstWeekday: number = monday): CalendarDay[][] {
  const firstOfMonth = Date.UTC(month.year, month.month - 1, 1);
  const lead = (new Date(firstOfMonth).getUTCDay() - firstWeekday + 7) % 7;
  const cells = Math.ceil((lead + daysInMonth(month)) / 7) * 7;
  const weeks: CalendarDay[][] = [];
  for (let i = 0; i < cells; i++) {
    const date = new Date(Date.UTC(month.year, month.month - 1, 1 - lead + i));
    const cell: CalendarDay = {
      day: dayString(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()),
      date: date.getUTCDate(),
      weekday: date.getUTCDay(),
      inMonth: date.getUTCMonth() === month.month - 1,
    };
    if (i % 7 === 0) weeks.push([cell]);
    else weeks[weeks.length - 1]!.push(cell);
  }
  return weeks;
}

export function daysInMonth({ year, month }: YearMonth): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The month `count` months after (or, negative, before) `month`. */
export function addMonths({ year, month }: YearMonth, count: number): YearMonth {
  const index = year * 12 + (month - 1) + count;
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
}

/** "2026-12", as journalDays takes it. */
export function monthKey({ year, month }: YearMonth): string {
  return `${pad(year, 4)}-${pad(month, 2)}`;
}

export function dayString(year: number, month: number, date: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(date, 2)}`;
}

/** The month a YYYY-MM-DD day string falls in, or null when it is not one. */
export function monthOfDay(day: string): YearMonth | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(day);
  if (match === null) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { year: Number(match[1]), month } : null;
}

/** The day string of a moment on the local calendar (the person's own "today"). */
export function localDay(moment: Date): string {
  return dayString(moment.getFullYear(), moment.getMonth() + 1, moment.getDate());
}

/** The weekdays in the order the grid's columns show them. */
export function weekdayOrder(firstWeekday: number = monday): number[] {
  return Array.from({ length: 7 }, (_, i) => (firstWeekday + i) % 7);
}

/**
 * The locale's first day of the week, or Monday when the runtime cannot say. (Intl.Locale's week
 * info is `getWeekInfo()` in current engines and a `weekInfo` property in older ones; its days
 * count 1 = Monday … 7 = Sunday.)
 */
export function localeFirstWeekday(locale: string): number {
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { firstDay?: number }; weekInfo?: { firstDay?: number } };
    const firstDay = (typeof info.getWeekInfo === 'function' ? info.getWeekInfo() : info.weekInfo)?.firstDay;
    return typeof firstDay === 'number' && firstDay >= 1 && firstDay <= 7 ? firstDay % 7 : monday;
  } catch {
    return monday; // a locale tag the runtime does not know
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
