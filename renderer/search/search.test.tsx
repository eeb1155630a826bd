// @vitest-environment jsdom
// Searching: marked snippets, results as you type (only the latest query's answer shown), and
// the quick switcher's keyboard flow.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { FerryProvider } from '../api/ferry-context.js';
import type { NoteSummary, SearchHit } from '../api/types.js';
import { fakeApi, type FakeApi } from '../testing/fake-api.js';
import { Highlighted, highlightParts } from './highlight.js';
import { QuickSwitcher } from './QuickSwitcher.js';
import { SearchResults } from './SearchResults.js';

const now = Date.now();

function note(i: number, title: string, fields: Partial<NoteSummary> = {}): NoteSummary {
  return { id: (0x1000 + i).toString(16), title, tags: [], deleted: false, conflict: false, heads: [], created: now - 86_400_000, updated: now - i * 60 * 60_000, day: null, snippet: `About ${title}`, ...fields };
}

function hit(summary: NoteSummary, snippet: string, highlights: [number, number][] = []): SearchHit {
  return { note: summary, snippet, highlights, titleHighlights: [] };
}

function withApi(fake: FakeApi) {
  return ({ children }: { children: ReactNode }) => <FerryProvider api={fake.api}>{children}</FerryProvider>;
}

function searches(fake: FakeApi): { query: string }[] {
  return fake.calls.filter((call) => call.name === 'search').map((call) => call.args as { query: string });
}

const ferry = note(1, 'Ferry timetable');
const fern = note(2, 'Fern notes');

describe('a snippet with highlights', () => {
  it('marks the [start, end) offsets into the snippet', () => {
    expect(highlightParts('Take the ferry at noon', [[9, 14]])).toEqual([
      { text: 'Take the ', marked: false },
      { text: 'ferry', marked: true },
      { text: ' at noon', marked: false },
    ]);
  });

  it('marks at the very start and end, in order whatever order the ranges came in', () => {
    expect(highlightParts('ferry to ferry', [[9, 14], [0, 5]])).toEqual([
      { text: 'ferry', marked: true },
      { text: ' to ', marked: false },
      { text: 'ferry', marked: true },
    ]);
  });

  it('merges overlapping and touching ranges, and ignores empty, inverted and out-of-range ones', () => {
    expect(highlightParts('abcdefgh', [[1, 3], [2, 5], [5, 6], [7, 7], [6, 4], [7, 99], [-5, -1]])).toEqual([
      { text: 'a', marked: false },
      { text: 'bcdef', marked: true },
      { text: 'g', marked: false },
      { text: 'h', marked: true },
    ]);
    expect(highlightParts('plain', [])).toEqual([{ text: 'plain', marked: false }]);
    expect(highlightParts('', [[0, 3]])).toEqual([]);
  });

  it('renders the marked runs as <mark> and keeps the text whole', () => {
    const { container } = render(<p>{<Highlighted text="…the ferry leaves at noon …" highlights={[[5, 10], [18, 20]]} />}</p>);
    expect([...container.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['ferry', 'at']);
    expect(container.textContent).toBe('…the ferry leaves at noon …');
  });
});

describe('search results', () => {
  it('shows the hits for the query with their snippets marked, and asks for the first 20', async () => {
    const fake = fakeApi({ search: () => [hit(ferry, 'Take the ferry at noon', [[9, 14]]), hit(note(3, ''), 'ferry again', [[0, 5]])] });
    render(<SearchResults query="  ferry " selectedId={ferry.id} onSelect={() => {}} />, { wrapper: withApi(fake) });
    const list = await screen.findByRole('listbox', { name: 'Search results' });
    const first = within(list).getByRole('option', { name: /^Ferry timetable/u });
    expect(first.getAttribute('aria-selected')).toBe('true');
    expect(first.querySelector('mark')?.textContent).toBe('ferry');
    expect(within(list).getByRole('option', { name: /^Untitled/u })).toBeTruthy();
    expect(searches(fake)).toEqual([{ query: 'ferry', limit: 20, trash: false, asYouType: true }]);
  });

  it('marks the words found in a hit’s title', async () => {
    const fake = fakeApi({ search: () => [{ ...hit(ferry, 'About the timetable'), titleHighlights: [[0, 5]] }] });
    render(<SearchResults query="ferry" selectedId={null} onSelect={() => {}} />, { wrapper: withApi(fake) });
    const option = await screen.findByRole('option', { name: /^Ferry timetable/u });
    expect(option.querySelector('.hit-title mark')?.textContent).toBe('Ferry');
    expect(option.querySelector('.hit-title')?.textContent).toBe('Ferry timetable');
  });

  it('offers more results when the first 20 are full, for these words only', async () => {
    const fake = fakeApi({ search: ({ limit }: { limit: number }) => Array.from({ length: limit }, (_, i) => hit(note(i + 10, `Ferry ${i}`), 'ferry', [[0, 5]])) });
    const { rerender } = render(<SearchResults query="ferry" selectedId={null} onSelect={() => {}} />, { wrapper: withApi(fake) });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(20));
    fireEvent.click(screen.getByRole('button', { name: 'More results' }));
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(100));
    fireEvent.click(screen.getByRole('button', { name: 'More results' }));
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(200));
    expect(screen.queryByRole('button', { name: 'More results' })).toBeNull();
    rerender(<SearchResults query="ferry times" selectedId={null} onSelect={() => {}} />);
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(20));
    expect(searches(fake).map((s) => [s.query, (s as { limit?: number }).limit])).toEqual([
      ['ferry', 20],
      ['ferry', 100],
      ['ferry', 200],
      ['ferry times', 20],
    ]);
  });

  it('searches the trash when asked to', async () => {
    const fake = fakeApi({ search: () => [] });
    render(<SearchResults query="ferry" selectedId={null} onSelect={() => {}} trash />, { wrapper: withApi(fake) });
    await screen.findByText('No notes match “ferry”.');
    expect(searches(fake)).toEqual([{ query: 'ferry', limit: 20, trash: true, asYouType: true }]);
  });

  it('says what to type when the words only leave notes out, or hold no word', async () => {
    const fake = fakeApi({ search: () => [] });
    const { rerender } = render(<SearchResults query="-passport" selectedId={null} onSelect={() => {}} />, { wrapper: withApi(fake) });
    await screen.findByText('“-passport” only leaves notes out: add a word to look for.');
    rerender(<SearchResults query="((" selectedId={null} onSelect={() => {}} />);
    await screen.findByText('“((” holds no word to look for: search skips punctuation and symbols.');
  });

  it('says so in words when the search fails', async () => {
    const fake = fakeApi({
      search: () => {
        throw new Error('the index is busy');
      },
    });
    render(<SearchResults query="ferry" selectedId={null} onSelect={() => {}} />, { wrapper: withApi(fake) });
    expect((await screen.findByRole('alert')).textContent).toMatch(/search failed.*the index is busy/u);
  });

  it('asks at each keystroke without waiting, and while one answer is on its way only the newest query waits', async () => {
    let answerSlowly: (hits: SearchHit[]) => void = () => {};
    const fake = fakeApi({
      search: ({ query }: { query: string }) => (query === 'f' ? new Promise<SearchHit[]>((resolve) => (answerSlowly = resolve)) : [hit(ferry, 'ferry', [[0, 5]])]),
    });
    const { rerender } = render(<SearchResults query="f" selectedId={null} onSelect={() => {}} />, { wrapper: withApi(fake) });
    expect(searches(fake)).toEqual([{ query: 'f', limit: 20, trash: false, asYouType: true }]);
    rerender(<SearchResults query="fe" selectedId={null} onSelect={() => {}} />);
    rerender(<SearchResults query="fer" selectedId={null} onSelect={() => {}} />);
    expect(searches(fake)).toHaveLength(1);

    // The answer to "f" is no longer wanted: it is dropped, and "fer" (not "fe") is asked next.
    await act(async () => {
      answerSlowly([hit(fern, 'fern', [[0, 1]])]);
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    await screen.findByRole('option', { name: /^Ferry timetable/u });
    expect(screen.queryByRole('option', { name: /^Fern notes/u })).toBeNull();
    expect(searches(fake).map((s) => s.query)).toEqual(['f', 'fer']);
    expect(screen.getByRole('listbox').getAttribute('aria-busy')).toBe('false');
    expect(screen.getByRole('listbox').getAttribute('data-query')).toBe('fer');
  });

  it('searches again when notes change', async () => {
    let answer = [hit(ferry, 'ferry', [[0, 5]])];
    const fake = fakeApi({ search: () => answer });
    render(<SearchResults query="fe" selectedId={null} onSelect={() => {}} />, { wrapper: withApi(fake) });
    await screen.findByRole('option', { name: /^Ferry timetable/u });
    answer = [hit(ferry, 'ferry', [[0, 5]]), hit(fern, 'fern', [[0, 2]])];
    act(() => fake.emit('notesChanged', { noteIds: [fern.id], origin: 'sync' }));
    await screen.findByRole('option', { name: /^Fern notes/u });
    expect(searches(fake)).toHaveLength(2);
  });

  it('moves the selection with the keyboard, and selects on click', async () => {
    const hits = [hit(ferry, 'ferry'), hit(fern, 'fern'), hit(note(3, 'Fennel'), 'fennel')];
    const fake = fakeApi({ search: () => hits });
    const onSelect = vi.fn();
    render(<SearchResults query="fe" selectedId={fern.id} onSelect={onSelect} />, { wrapper: withApi(fake) });
    const list = await screen.findByRole('listbox', { name: 'Search results' });
    expect(list.tabIndex).toBe(0);
    expect(list.getAttribute('aria-activedescendant')).toBe(screen.getByRole('option', { name: /^Fern notes/u }).id);
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(onSelect).toHaveBeenLastCalledWith(hits[2]!.note.id);
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(onSelect).toHaveBeenLastCalledWith(ferry.id);
    fireEvent.keyDown(list, { key: 'End' });
    expect(onSelect).toHaveBeenLastCalledWith(hits[2]!.note.id);
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(onSelect).toHaveBeenLastCalledWith(fern.id);
    fireEvent.click(screen.getByRole('option', { name: /^Fennel/u }));
    expect(onSelect).toHaveBeenLastCalledWith(hits[2]!.note.id);
  });
});

describe('the quick switcher', () => {
  // 30 notes, Note 0 the newest: the switcher shows the 20 most recently updated, newest first.
  const notes = Array.from({ length: 30 }, (_, i) => note(i, `Note ${i}`)).reverse();

  function setUp() {
    // As the engine answers: newest first, at most `limit`.
    const listNotes = ({ limit }: { limit?: number }) => [...notes].sort((a, b) => b.updated - a.updated).slice(0, limit);
    const fake = fakeApi({ listNotes, search: () => [hit(ferry, 'Take the ferry at noon', [[9, 14]]), hit(fern, 'a ferry fern', [[2, 7]])] });
    const log: string[] = [];
    const props = { onClose: () => log.push('close'), onOpen: (noteId: string) => log.push(`open ${noteId}`) };
    return { fake, log, props };
  }

  it('renders nothing while closed', () => {
    const { fake, props } = setUp();
    render(<QuickSwitcher open={false} {...props} />, { wrapper: withApi(fake) });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.calls).toEqual([]);
  });

  it('lists recent notes, searches as you type, moves with the arrows and opens with Enter, then gives focus back', async () => {
    const { fake, log, props } = setUp();
    const before = document.createElement('button');
    document.body.append(before);
    before.focus();
    const { rerender } = render(<QuickSwitcher open {...props} />, { wrapper: withApi(fake) });

    const dialog = screen.getByRole('dialog', { name: 'Quick switcher' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const input = within(dialog).getByRole('textbox', { name: 'Find a note' });
    expect(document.activeElement).toBe(input);

    const recent = await within(await screen.findByRole('listbox', { name: 'Recent notes' })).findAllByRole('option');
    expect(recent).toHaveLength(20);
    expect(recent[0]!.getAttribute('aria-label')).toMatch(/^Note 0\b/u);
    expect(recent[19]!.getAttribute('aria-label')).toMatch(/^Note 19\b/u);
    expect(recent[0]!.getAttribute('aria-selected')).toBe('true');

    fireEvent.change(input, { target: { value: 'ferry' } });
    const list = await screen.findByRole('listbox', { name: 'Matching notes' });
    await waitFor(() => expect(list.getAttribute('aria-busy')).toBe('false'));
    expect(searches(fake)).toEqual([{ query: 'ferry', limit: 20, asYouType: true }]);
    // Every word is the start of one, as a name is looked up.
    fireEvent.change(input, { target: { value: 'fer timet' } });
    await waitFor(() => expect(searches(fake).at(-1)).toEqual({ query: 'fer* timet', limit: 20, asYouType: true }));
    fireEvent.change(input, { target: { value: 'ferry' } });
    await waitFor(() => expect(list.getAttribute('aria-busy')).toBe('false'));
    const found = within(list).getAllByRole('option');
    expect(found.map((option) => option.querySelector('mark')?.textContent)).toEqual(['ferry', 'ferry']);
    expect(input.getAttribute('aria-activedescendant')).toBe(found[0]!.id);

    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(found[1]!.getAttribute('aria-selected')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(found[1]!.id);
    fireEvent.keyDown(input, { key: 'ArrowDown' }); // stays on the last
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(log).toEqual([`open ${fern.id}`, 'close']);

    rerender(<QuickSwitcher open={false} {...props} />);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(before);
    before.remove();
  });

  it('opens a note that is clicked', async () => {
    const { fake, log, props } = setUp();
    render(<QuickSwitcher open {...props} />, { wrapper: withApi(fake) });
    const options = await screen.findAllByRole('option');
    fireEvent.click(options[2]!);
    expect(log).toEqual([`open ${notes[27]!.id}`, 'close']);
  });

  it('closes on Escape and on a click on the backdrop, not on a click inside', async () => {
    const { fake, log, props } = setUp();
    render(<QuickSwitcher open {...props} />, { wrapper: withApi(fake) });
    const dialog = screen.getByRole('dialog');
    await screen.findAllByRole('option');
    fireEvent.click(dialog);
    expect(log).toEqual([]);
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Find a note' }), { key: 'Escape' });
    expect(log).toEqual(['close']);
    fireEvent.mouseDown(dialog.parentElement!);
    fireEvent.click(dialog.parentElement!);
    expect(log).toEqual(['close', 'close']);
  });

  it('says when nothing matches', async () => {
    const fake = fakeApi({ listNotes: () => [], search: () => [] });
    render(<QuickSwitcher open onClose={() => {}} onOpen={() => {}} />, { wrapper: withApi(fake) });
    await screen.findByText('No notes yet.');
    fireEvent.change(screen.getByRole('textbox', { name: 'Find a note' }), { target: { value: 'zebra' } });
    await screen.findByText('No notes match “zebra”.');
  });
});
