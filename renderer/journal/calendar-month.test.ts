// The month calendar's arithmetic: the weeks a month spans, moving between months, day strings.
import { describe, expect, it } from 'vitest';
import { addMonths, daysInMonth, localDay, localeFirstWeekday, monday, monthKey, monthOfDay, monthWeeks, weekdayOrder, type CalendarDay } from './calendar-month.js';

const sunday = 0;

/** The in-month dates of a grid, in order. */
function datesIn(weeks: CalendarDay[][]): number[] {
  return weeks.flat().filter((cell) => cell.inMonth).map((cell) => cell.date);
}

describe('the weeks of a month', () => {
  it('pads a month that starts on a Sunday with the last six days of the month before, weeks starting Monday', () => {
    const weeks = monthWeeks({ year: 2026, month: 2 }); // 1 February 2026 is a Sunday
    expect(weeks).toHaveLength(5);
    expect(weeks[0]!.map((cell) => cell.day)).toEqual(['2026-01-26', '2026-01-27', '2026-01-28', '2026-01-29', '2026-01-30', '2026-01-31', '2026-02-01']);
    expect(weeks[0]!.map((cell) => cell.inMonth)).toEqual([false, false, false, false, false, false, true]);
    expect(weeks[4]!.at(-1)).toEqual({ day: '2026-03-01', date: 1, weekday: sunday, inMonth: false });
  });

  it('fits the same February in exactly four weeks when weeks start on Sunday', () => {
    const weeks = monthWeeks({ year: 2026, month: 2 }, sunday);
    expect(weeks).toHaveLength(4);
    expect(weeks.flat().every((cell) => cell.inMonth)).toBe(true);
    expect(weeks[0]![0]!.day).toBe('2026-02-01');
    expect(weeks[3]![6]!.day).toBe('2026-02-28');
  });

  it('gives February 29 days in a leap year, and 28 in a century year that is not one', () => {
    expect(daysInMonth({ year: 2028, month: 2 })).toBe(29);
    expect(daysInMonth({ year: 2000, month: 2 })).toBe(29);
    expect(daysInMonth({ year: 2100, month: 2 })).toBe(28);
    const weeks = monthWeeks({ year: 2028, month: 2 }); // 1 February 2028 is a Tuesday
    expect(datesIn(weeks)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    expect(weeks.flat().find((cell) => cell.date === 29 && cell.inMonth)).toEqual({ day: '2028-02-29', date: 29, weekday: 2, inMonth: true });
    expect(weeks[0]![0]!.day).toBe('2028-01-31');
  });

  it.each([
    ['March 2026 from Monday (31 days from a Sunday)', { year: 2026, month: 3 }, monday, '2026-02-23', '2026-04-05'],
    ['May 2026 from Sunday (31 days from a Friday)', { year: 2026, month: 5 }, sunday, '2026-04-26', '2026-06-06'],
    ['August 2026 from Monday (31 days from a Saturday)', { year: 2026, month: 8 }, monday, '2026-07-27', '2026-09-06'],
  ])('spans six weeks for %s', (_story, month, firstWeekday, first, last) => {
    const weeks = monthWeeks(month, firstWeekday);
    expect(weeks).toHaveLength(6);
    expect(weeks[0]![0]!.day).toBe(first);
    expect(weeks[5]![6]!.day).toBe(last);
    expect(datesIn(weeks)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
  });

  it('always gives whole weeks of consecutive days starting on the chosen weekday', () => {
    for (let firstWeekday = 0; firstWeekday < 7; firstWeekday++) {
      for (let month = 1; month <= 12; month++) {
        const weeks = monthWeeks({ year: 2027, month }, firstWeekday);
        expect(weeks.length).toBeGreaterThanOrEqual(4);
        expect(weeks.length).toBeLessThanOrEqual(6);
        for (const week of weeks) {
          expect(week).toHaveLength(7);
          expect(week.map((cell) => cell.weekday)).toEqual(weekdayOrder(firstWeekday));
        }
        const days = weeks.flat().map((cell) => Date.parse(`${cell.day}T00:00:00Z`));
        days.slice(1).forEach((time, i) => expect(time - days[i]!).toBe(86_400_000));
        expect(datesIn(weeks)).toHaveLength(daysInMonth({ year: 2027, month }));
      }
    }
  });
});

describe('months and days as strings', () => {
  it('moves across year ends in both directions', () => {
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(addMonths({ year: 2026, month: 3 }, -15)).toEqual({ year: 2024, month: 12 });
    expect(addMonths({ year: 2026, month: 3 }, 0)).toEqual({ year: 2026, month: 3 });
  });

  it('writes the month journalDays takes and reads the month of a day string', () => {
    expect(monthKey({ year: 2026, month: 7 })).toBe('2026-07');
    expect(monthOfDay('2026-12-06')).toEqual({ year: 2026, month: 12 });
    expect(monthOfDay('2026-13-01')).toBeNull();
    expect(monthOfDay('6 December')).toBeNull();
  });

  it("takes a person's today from the local calendar", () => {
    expect(localDay(new Date(2026, 11, 6, 23, 59))).toBe('2026-12-06');
    expect(localDay(new Date(2027, 0, 1, 0, 0))).toBe('2027-01-01');
  });

  it("starts weeks on the locale's first day where the runtime knows it, else on Monday", () => {
    const known = 'getWeekInfo' in Intl.Locale.prototype || 'weekInfo' in Intl.Locale.prototype;
    expect(localeFirstWeekday('de-DE')).toBe(monday);
    expect(localeFirstWeekday('en-US')).toBe(known ? sunday : monday);
    expect(localeFirstWeekday('not a locale!')).toBe(monday);
    expect(weekdayOrder(sunday)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(weekdayOrder(monday)).toEqual([1, 2, 3, 4, 5, 6, 0]);
  });
});
