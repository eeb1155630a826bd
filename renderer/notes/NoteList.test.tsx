// @vitest-environment jsdom
// The note list: a long journal draws only a window of rows, the keyboard moves the selection,
// rows say what they hold, and an empty list says what to do.
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { NoteSummary } from '../api/types.js';
import { NoteList, listKeyTarget } from './NoteList.js';

const now = Date.now();

function note(i: number, fields: Partial<NoteSummary> = {}): NoteSummary {
  return {
    id: i.toString(16).padStart(8, '0'),
    title: `Note ${i}`,
    tags: [],
    deleted: false,
    conflict: false,
    heads: ['abcd'],
    created: now - 3_600_000,
    updated: now - 5 * 60_000,
    day: null,
    snippet: `The body of note ${i}`,
    ...fields,
  };
}

const many = Array.from({ length: 10_000 }, (_, i) => note(i));

describe('a list of 10,000 notes', () => {
  it('draws only a window of rows, starting with the first', () => {
    render(<NoteList notes={many} selectedId={null} onSelect={() => {}} label="Notes" empty="No notes." />);
    const list = screen.getByRole('listbox', { name: 'Notes' });
    const rows = within(list).getAllByRole('option');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]).toHaveProperty('textContent', expect.stringContaining('Note 0'));
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('10000');
    expect(screen.queryByText('Note 9999')).toBeNull();
  });

  it('moves the selection with the arrow keys, Home and End', () => {
    const onSelect = vi.fn();
    const { rerender } = render(<NoteList notes={many} selectedId={many[3]!.id} onSelect={onSelect} label="Notes" empty="No notes." />);
    const list = screen.getByRole('listbox', { name: 'Notes' });
    expect(list.tabIndex).toBe(0);
    // jsdom lays nothing out: give the list the sizes a browser would, so that it can scroll.
    Object.defineProperty(list, 'clientHeight', { configurable: true, value: 640 });
    Object.defineProperty(list, 'scrollHeight', { configurable: true, value: 10_000 * 64 });

    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(onSelect).toHaveBeenLastCalledWith(many[4]!.id);
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(onSelect).toHaveBeenLastCalledWith(many[2]!.id);
    fireEvent.keyDown(list, { key: 'Home' });
    expect(onSelect).toHaveBeenLastCalledWith(many[0]!.id);
    fireEvent.keyDown(list, { key: 'End' });
    expect(onSelect).toHaveBeenLastCalledWith(many[9999]!.id);
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(onSelect).toHaveBeenLastCalledWith(many[3]!.id);

    // The app selects the last note: the list scrolls to it, and draws it, selected. (jsdom
    // sends no scroll event when scrollTop is set, as a browser does; the test sends it.)
    rerender(<NoteList notes={many} selectedId={many[9999]!.id} onSelect={onSelect} label="Notes" empty="No notes." />);
    expect(list.scrollTop).toBe(10_000 * 64 - 640);
    fireEvent.scroll(list);
    const last = screen.getByRole('option', { name: /^Note 9999/u });
    expect(last.getAttribute('aria-selected')).toBe('true');
    expect(list.getAttribute('aria-activedescendant')).toBe(last.id);
    expect(screen.queryByText('Note 0')).toBeNull();
  });

  it('kept hidden while search results show, brings the note opened from them into view once shown', () => {
    const props = { notes: many, onSelect: () => {}, label: 'Notes', empty: 'No notes.' };
    const { rerender } = render(<NoteList {...props} selectedId={many[0]!.id} />);
    const list = screen.getByRole('listbox', { name: 'Notes' });
    Object.defineProperty(list, 'clientHeight', { configurable: true, value: 640 });
    Object.defineProperty(list, 'scrollHeight', { configurable: true, value: 10_000 * 64 });
    rerender(<NoteList {...props} selectedId={many[5000]!.id} hidden />);
    expect(list.scrollTop).toBe(0);
    rerender(<NoteList {...props} selectedId={many[5000]!.id} />);
    expect(list.scrollTop).toBe(5001 * 64 - 640);
  });

  it('selects a row when it is clicked', () => {
    const onSelect = vi.fn();
    render(<NoteList notes={many} selectedId={null} onSelect={onSelect} label="Notes" empty="No notes." />);
    fireEvent.click(screen.getByRole('option', { name: /^Note 2\b/u }));
    expect(onSelect).toHaveBeenCalledWith(many[2]!.id);
  });
});

describe('a row', () => {
  it('names the note by its title first, and shows conflict, snippet, time and tags', () => {
    render(<NoteList notes={[note(1, { title: 'Ferry times', conflict: true, tags: ['travel', 'work'] }), note(2, { title: '' })]} selectedId={note(1).id} onSelect={() => {}} label="Notes" empty="No notes." />);
    const row = screen.getByRole('option', { name: /^Ferry times/u });
    expect(row.getAttribute('aria-selected')).toBe('true');
    expect(within(row).getByText('Conflict')).toBeTruthy();
    expect(within(row).getByText('The body of note 1')).toBeTruthy();
    expect(within(row).getByText('5 min ago')).toBeTruthy();
    expect(within(row).getByText('travel')).toBeTruthy();
    expect(within(row).getByText('work')).toBeTruthy();
    const untitled = screen.getByRole('option', { name: /^Untitled/u });
    expect(untitled.getAttribute('aria-selected')).toBe('false');
    expect(within(untitled).queryByText('Conflict')).toBeNull();
  });

  it('shows a note’s first two tags and how many more, and names every one of them', () => {
    render(<NoteList notes={[note(1, { title: 'Packing', tags: ['family', 'holiday', 'lists', 'travel'] })]} selectedId={null} onSelect={() => {}} label="Notes" empty="No notes." />);
    const row = screen.getByRole('option', { name: 'Packing, 5 min ago, tagged family, holiday, lists, travel' });
    expect(within(row).getByText('family')).toBeTruthy();
    expect(within(row).getByText('holiday')).toBeTruthy();
    expect(within(row).queryByText('lists')).toBeNull();
    expect(within(row).getByText('+2').getAttribute('title')).toBe('lists, travel');
  });
});

describe('an empty list', () => {
  it('says what to do instead of drawing an empty listbox', () => {
    render(<NoteList notes={[]} selectedId={null} onSelect={() => {}} label="Notes" empty="No notes yet. Write the first one." />);
    expect(screen.getByText('No notes yet. Write the first one.')).toBeTruthy();
    expect(screen.queryByRole('listbox')).toBeNull();
  });
});

describe('where a key moves the selection', () => {
  it.each([
    ['down from the middle', 'ArrowDown', 4, 5],
    ['down, staying on the last row', 'ArrowDown', 9, 9],
    ['up, staying on the first row', 'ArrowUp', 0, 0],
    ['down with nothing selected: the first row', 'ArrowDown', -1, 0],
    ['End: the last row', 'End', -1, 9],
    ['Page Down, stopping at the last row', 'PageDown', 8, 9],
    ['Page Up by a page', 'PageUp', 8, 5],
    ['nowhere for a letter', 'a', 4, null],
  ])('%s', (_story, key, current, expected) => {
    expect(listKeyTarget(key, current, 10, 3)).toBe(expected);
  });

  it('nowhere in an empty list', () => {
    expect(listKeyTarget('ArrowDown', -1, 0)).toBeNull();
  });
});
