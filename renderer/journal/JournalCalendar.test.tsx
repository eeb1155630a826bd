// @vitest-environment jsdom
// The journal's calendar: days with entries open them, months move, today and the open entry
// stand out, and the month reloads when notes change.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { FerryProvider } from '../api/ferry-context.js';
import { fakeApi, type FakeApi } from '../testing/fake-api.js';
import { JournalCalendar } from './JournalCalendar.js';

type Days = { day: string; noteId: string; snippet: string }[];

/** A date as the calendar names it: in the person's locale ("6 December 2026", "December 6, 2026"). */
function fullDate(year: number, month: number, date: number): string {
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, date));
}

function monthName(year: number, month: number): string {
  return new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, 1));
}

function journal(byMonth: Record<string, Days>) {
  return fakeApi({ journalDays: ({ month }: { month: string }) => byMonth[month] ?? [] });
}

function withApi(fake: FakeApi) {
  return ({ children }: { children: ReactNode }) => <FerryProvider api={fake.api}>{children}</FerryProvider>;
}

function months(fake: FakeApi): unknown[] {
  return fake.calls.filter((call) => call.name === 'journalDays').map((call) => call.args);
}

const december: Days = [
  { day: '2026-12-15', noteId: 'bbbb', snippet: 'Rain all day.' },
  { day: '2026-12-06', noteId: 'aaaa', snippet: '' },
];

describe('the journal calendar', () => {
  it('shows the month of the open entry; a day with an entry opens it, a day without one opens blank to write it', async () => {
    const fake = journal({ '2026-12': december });
    const onOpenNote = vi.fn();
    const onOpenDay = vi.fn();
    render(<JournalCalendar selectedDay="2026-12-15" onOpenNote={onOpenNote} onOpenDay={onOpenDay} onToday={() => {}} />, { wrapper: withApi(fake) });
    const grid = screen.getByRole('grid', { name: monthName(2026, 12) });
    expect(monthName(2026, 12)).toMatch(/December 2026/u);
    const sixth = await within(grid).findByRole('button', { name: `${fullDate(2026, 12, 6)}, has an entry` });
    expect(within(grid).getAllByRole('button', { name: /has an entry$/u })).toHaveLength(2);
    expect(within(grid).getAllByRole('button')).toHaveLength(31);
    expect(months(fake)).toEqual([{ month: '2026-12' }]);

    // The open entry's day is selected.
    const fifteenth = within(grid).getByRole('button', { name: `${fullDate(2026, 12, 15)}, has an entry` });
    expect(fifteenth.closest('[role="gridcell"]')?.getAttribute('aria-selected')).toBe('true');
    expect(sixth.closest('[role="gridcell"]')?.getAttribute('aria-selected')).toBeNull();

    fireEvent.click(sixth);
    expect(onOpenNote).toHaveBeenCalledWith('aaaa');
    // Last night's entry, written the morning after.
    fireEvent.click(within(grid).getByRole('button', { name: `${fullDate(2026, 12, 7)}, no entry: write one` }));
    expect(onOpenDay).toHaveBeenCalledWith('2026-12-07');
    expect(onOpenNote).toHaveBeenCalledOnce();
  });

  it("lists the month's entries in order below the calendar, each with the start of what it says and a button to open it", async () => {
    const fake = journal({ '2026-12': december });
    const onOpenNote = vi.fn();
    render(<JournalCalendar selectedDay="2026-12-15" onOpenNote={onOpenNote} onOpenDay={() => {}} onToday={() => {}} />, { wrapper: withApi(fake) });
    const open = await screen.findAllByRole('button', { name: /^Open the entry for / });
    expect(open.map((button) => button.getAttribute('aria-label'))).toEqual([`Open the entry for ${fullDate(2026, 12, 6)}`, `Open the entry for ${fullDate(2026, 12, 15)}`]);
    // Shown short, for a narrow column: the heading above says the month and the year.
    const shown = open.map((button) => button.previousElementSibling?.querySelector('.journal-entry-day')?.textContent ?? '');
    expect(open.map((button) => button.previousElementSibling?.querySelector('.journal-entry-snippet')?.textContent ?? null)).toEqual([null, 'Rain all day.']);
    expect(shown.map((text) => [/\b6\b/u.test(text), /\b15\b/u.test(text), text.includes('2026')])).toEqual([
      [true, false, false],
      [false, true, false],
    ]);
    fireEvent.click(open[1]!);
    expect(onOpenNote).toHaveBeenCalledWith('bbbb');
  });

  it('moves to the next and previous months, loading each', async () => {
    const fake = journal({ '2026-12': december, '2027-01': [{ day: '2027-01-02', noteId: 'cccc', snippet: '' }] });
    render(<JournalCalendar selectedDay="2026-12-15" onOpenNote={() => {}} onOpenDay={() => {}} onToday={() => {}} />, { wrapper: withApi(fake) });
    await screen.findAllByRole('button', { name: /has an entry$/u });

    fireEvent.click(screen.getByRole('button', { name: 'Next month' }));
    const january = screen.getByRole('grid', { name: monthName(2027, 1) });
    await within(january).findByRole('button', { name: `${fullDate(2027, 1, 2)}, has an entry` });
    // December's entries are not drawn on January's days while it loads, nor after.
    expect(within(january).getAllByRole('button', { name: /has an entry$/u })).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Previous month' }));
    fireEvent.click(screen.getByRole('button', { name: 'Previous month' }));
    const november = screen.getByRole('grid', { name: monthName(2026, 11) });
    expect(await screen.findByText(`No entries in ${monthName(2026, 11)}.`)).toBeTruthy();
    expect(within(november).queryAllByRole('button', { name: /has an entry$/u })).toHaveLength(0);
    expect(months(fake)).toEqual([{ month: '2026-12' }, { month: '2027-01' }, { month: '2026-12' }, { month: '2026-11' }]);
  });

  it("outlines today in the current month when no entry is open, and asks for today's entry", async () => {
    const fake = journal({});
    const onToday = vi.fn();
    render(<JournalCalendar selectedDay={null} onOpenNote={() => {}} onOpenDay={() => {}} onToday={onToday} />, { wrapper: withApi(fake) });
    const now = new Date();
    const grid = screen.getByRole('grid', { name: monthName(now.getFullYear(), now.getMonth() + 1) });
    await screen.findByText(/^No entries in/u);
    const today = grid.querySelectorAll('[aria-current="date"]');
    expect(today).toHaveLength(1);
    expect(today[0]!.textContent).toBe(String(now.getDate()));
    expect(today[0]!.closest('[role="gridcell"]')!.classList.contains('today')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: "Today's entry" }));
    expect(onToday).toHaveBeenCalledOnce();
  });

  it('follows the open entry to its month', async () => {
    const fake = journal({ '2026-12': december, '2027-03': [{ day: '2027-03-01', noteId: 'dddd', snippet: '' }] });
    const { rerender } = render(<JournalCalendar selectedDay="2026-12-15" onOpenNote={() => {}} onOpenDay={() => {}} onToday={() => {}} />, { wrapper: withApi(fake) });
    await screen.findAllByRole('button', { name: /has an entry$/u });
    rerender(<JournalCalendar selectedDay="2027-03-01" onOpenNote={() => {}} onOpenDay={() => {}} onToday={() => {}} />);
    const march = screen.getByRole('grid', { name: monthName(2027, 3) });
    const first = await within(march).findByRole('button', { name: `${fullDate(2027, 3, 1)}, has an entry` });
    expect(first.closest('[role="gridcell"]')?.getAttribute('aria-selected')).toBe('true');
  });

  it('reloads the month when notes change (an entry arrived by sync)', async () => {
    const days: Days = [...december];
    const fake = journal({ '2026-12': days });
    render(<JournalCalendar selectedDay="2026-12-15" onOpenNote={() => {}} onOpenDay={() => {}} onToday={() => {}} />, { wrapper: withApi(fake) });
    await screen.findAllByRole('button', { name: /has an entry$/u });
    days.push({ day: '2026-12-20', noteId: 'eeee', snippet: '' });
    act(() => fake.emit('notesChanged', { noteIds: ['eeee'], origin: 'sync' }));
    expect(await screen.findByRole('button', { name: `${fullDate(2026, 12, 20)}, has an entry` })).toBeTruthy();
  });

  it('is one tab stop, on the open entry, and the arrow keys move between the days', async () => {
    const fake = journal({ '2026-12': [...december, { day: '2026-12-24', noteId: 'ffff', snippet: '' }] });
    render(<JournalCalendar selectedDay="2026-12-15" onOpenNote={() => {}} onOpenDay={() => {}} onToday={() => {}} />, { wrapper: withApi(fake) });
    const grid = screen.getByRole('grid');
    await within(grid).findAllByRole('button', { name: /has an entry$/u });
    const day = (date: number) => within(grid).getByRole('button', { name: new RegExp(`^${fullDate(2026, 12, date)},`, 'u') });
    expect(within(grid).getAllByRole('button').filter((button) => button.tabIndex === 0)).toEqual([day(15)]);

    day(15).focus();
    fireEvent.keyDown(day(15), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(day(14));
    expect(day(14).tabIndex).toBe(0);
    fireEvent.keyDown(day(14), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(day(21));
    fireEvent.keyDown(day(21), { key: 'End' });
    expect(document.activeElement).toBe(day(31));
    fireEvent.keyDown(day(31), { key: 'ArrowRight' }); // the month's last day: stays
    expect(document.activeElement).toBe(day(31));
    fireEvent.keyDown(day(31), { key: 'Home' });
    expect(document.activeElement).toBe(day(1));
  });

  it('says in words when the days cannot be loaded, and tries again', async () => {
    let fail = true;
    const fake = fakeApi({
      journalDays: () => {
        if (fail) throw new Error('the journal is locked');
        return december;
      },
    });
    render(<JournalCalendar selectedDay="2026-12-15" onOpenNote={() => {}} onOpenDay={() => {}} onToday={() => {}} />, { wrapper: withApi(fake) });
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be loaded.*the journal is locked/u);
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('button', { name: `${fullDate(2026, 12, 6)}, has an entry` });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
