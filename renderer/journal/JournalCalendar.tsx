// The journal's pane: a Today button, a month calendar whose days open their entry (a day without
// one opens blank, to write it: last night's entry the morning after), and the month's entries
// listed below. The calendar follows the open entry to its month, reloads when notes change (an
// entry may arrive by sync), and is a grid with one tab stop: the arrow keys move between days.

import { useState, type KeyboardEvent } from 'react';
import { useLoad } from '../api/ferry-context.js';
import { addMonths, localDay, localeFirstWeekday, monthKey, monthOfDay, monthWeeks, weekdayOrder, type YearMonth } from './calendar-month.js';
import './journal.css';

export interface JournalCalendarProps {
  /** The day (YYYY-MM-DD) of the entry that is open, if one is. */
  selectedDay: string | null;
  onOpenNote: (noteId: string) => void;
  /** Opens the entry of a day that has none yet (YYYY-MM-DD), blank. */
  onOpenDay: (day: string) => void;
  onToday: () => void;
}

export function JournalCalendar({ selectedDay, onOpenNote, onOpenDay, onToday }: JournalCalendarProps) {
  const today = localDay(new Date());
  const [firstWeekday] = useState(() => localeFirstWeekday(new Intl.DateTimeFormat().resolvedOptions().locale));
  const [shown, setShown] = useState<YearMonth>(() => (selectedDay === null ? null : monthOfDay(selectedDay)) ?? monthOfDay(today)!);
  // When another entry is opened (from the list, Today, a link), show its month. Adjusted while
  // rendering rather than in an effect, so the old month is never drawn with the new selection.
  const [followed, setFollowed] = useState(selectedDay);
  if (selectedDay !== followed) {
    setFollowed(selectedDay);
    const month = selectedDay === null ? null : monthOfDay(selectedDay);
    if (month !== null) setShown(month);
  }
  const [focusDate, setFocusDate] = useState<number | null>(null);

  const key = monthKey(shown);
  const days = useLoad((api) => api.journalDays({ month: key }), [key]);
  // While another month loads, the last answer is still there: keep only this month's days.
  const entries = (days.value ?? []).filter((entry) => entry.day.startsWith(`${key}-`)).sort((a, b) => a.day.localeCompare(b.day));
  const noteByDate = new Map<number, string>();
  for (const entry of entries) {
    const date = Number(entry.day.slice(8));
    if (!noteByDate.has(date)) noteByDate.set(date, entry.noteId);
  }
  const entryDates = [...noteByDate.keys()];
  const weeks = monthWeeks(shown, firstWeekday);
  const lastDate = Math.max(...weeks.flat().map((cell) => (cell.inMonth ? cell.date : 0)));
  const tabStop = [focusDate, dateIn(selectedDay, key), dateIn(today, key), entryDates[0] ?? null].find((date) => date !== null) ?? 1;
  const label = monthLabel(shown);

  function showMonth(count: number) {
    setShown((month) => addMonths(month, count));
    setFocusDate(null);
  }

  function onGridKeyDown(event: KeyboardEvent<HTMLTableElement>) {
    if (!(event.target instanceof HTMLButtonElement)) return;
    const from = Number(event.target.dataset.date);
    const steps: Partial<Record<string, number>> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    const step = steps[event.key];
    const target =
      step !== undefined ? (from + step >= 1 && from + step <= lastDate ? from + step : null) : event.key === 'Home' ? 1 : event.key === 'End' ? lastDate : undefined;
    if (target === undefined) return;
    event.preventDefault();
    if (target === null) return;
    setFocusDate(target);
    event.currentTarget.querySelector<HTMLButtonElement>(`button[data-date="${target}"]`)?.focus();
  }

  return (
    <div className="journal-calendar">
      <div className="journal-toolbar">
        <button type="button" className="primary" aria-label="Today's entry" onClick={onToday}>
          Today
        </button>
      </div>
      <div className="journal-month-nav">
        <button type="button" aria-label="Previous month" onClick={() => showMonth(-1)}>
          ‹
        </button>
        <h2 className="journal-month-title" aria-live="polite">
          {label}
        </h2>
        <button type="button" aria-label="Next month" onClick={() => showMonth(1)}>
          ›
        </button>
      </div>
      <table className="journal-grid" role="grid" aria-label={label} onKeyDown={onGridKeyDown}>
        <thead>
          <tr role="row">
            {weekdayOrder(firstWeekday).map((weekday) => (
              <th key={weekday} role="columnheader" scope="col" abbr={weekdayName(weekday, 'long')}>
                {weekdayName(weekday, 'short')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]!.day} role="row">
              {week.map((cell) => {
                if (!cell.inMonth) return <td key={cell.day} role="gridcell" className="journal-day outside" />;
                const noteId = noteByDate.get(cell.date);
                const isToday = cell.day === today;
                const isSelected = cell.day === selectedDay;
                const classes = ['journal-day', isToday ? 'today' : '', isSelected ? 'selected' : '', noteId === undefined ? '' : 'has-entry'].filter((c) => c !== '').join(' ');
                return (
                  <td key={cell.day} role="gridcell" className={classes} aria-selected={isSelected ? true : undefined}>
                    <button
                      type="button"
                      className="journal-date"
                      data-date={cell.date}
                      tabIndex={cell.date === tabStop ? 0 : -1}
                      aria-label={`${dayLabel(cell.day)}, ${noteId === undefined ? 'no entry: write one' : 'has an entry'}`}
                      aria-current={isToday ? 'date' : undefined}
                      onClick={() => {
                        setFocusDate(cell.date);
                        if (noteId === undefined) onOpenDay(cell.day);
                        else onOpenNote(noteId);
                      }}
                    >
                      {cell.date}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {days.state === 'failed' ? (
        <p className="error-text journal-message" role="alert">
          The journal&apos;s days could not be loaded: {days.error.message}{' '}
          <button type="button" className="link" onClick={days.reload}>
            Try again
          </button>
        </p>
      ) : null}
      <h3 className="journal-entries-title">Entries in {label}</h3>
      {entries.length === 0 ? (
        <p className="muted journal-message">{days.state === 'loading' ? 'Loading…' : `No entries in ${label}.`}</p>
      ) : (
        <ul className="journal-entries">
          {entries.map((entry) => (
            <li key={entry.noteId} className={entry.day === selectedDay ? 'selected' : undefined} aria-current={entry.day === selectedDay ? true : undefined}>
              <span className="journal-entry-what">
                <span className="journal-entry-day" title={dayLabel(entry.day, 'long')}>
                  {dayInMonthLabel(entry.day)}
                </span>
                {entry.snippet === '' ? null : <span className="journal-entry-snippet muted">{entry.snippet}</span>}
              </span>
              <button type="button" aria-label={`Open the entry for ${dayLabel(entry.day)}`} onClick={() => onOpenNote(entry.noteId)}>
                Open
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The day of the month of `day` when it falls in the month `key` (YYYY-MM), else null. */
function dateIn(day: string | null, key: string): number | null {
  return day?.startsWith(`${key}-`) === true ? Number(day.slice(8)) : null;
}

// Names in the person's locale ("December 2026", "6 December 2026" or "December 6, 2026"),
// formatted in UTC because the dates are calendar dates, not moments.

function monthLabel({ year, month }: YearMonth): string {
  return new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, 1));
}

function dayLabel(day: string, weekday?: 'long'): string {
  return formatDay(day, { weekday, day: 'numeric', month: 'long', year: 'numeric' });
}

/** A day under its month's heading ("Mon, Dec 7"): short enough for the column, the year left to the heading. */
function dayInMonthLabel(day: string): string {
  return formatDay(day, { weekday: 'short', day: 'numeric', month: 'short' });
}

function formatDay(day: string, options: Intl.DateTimeFormatOptions): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' }).format(Date.UTC(year, month - 1, date));
}

function weekdayName(weekday: number, width: 'long' | 'short'): string {
  // 4 January 1970 was a Sunday (weekday 0).
  return new Intl.DateTimeFormat(undefined, { weekday: width, timeZone: 'UTC' }).format(Date.UTC(1970, 0, 4 + weekday));
}
