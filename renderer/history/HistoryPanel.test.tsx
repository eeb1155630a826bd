// @vitest-environment jsdom
// A note's history as a person reads it: versions in words, what one changed, and the way back.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import { FerryProvider } from '../api/ferry-context.js';
import type { HistoryEntry, NoteDetail, VersionChanges } from '../api/types.js';
import { fakeApi, type FakeHandlers } from '../testing/fake-api.js';
import { fullTime } from '../ui/time.js';
import { HistoryPanel, kindInWords } from './HistoryPanel.js';

const noteId = 'aaaa0001';
const now = Date.now();
const minute = 60_000;

function entry(id: string, parents: string[], kind: HistoryEntry['kind'], fields: Partial<HistoryEntry> = {}): HistoryEntry {
  return { id, parents, time: now - 10 * minute, device: 'laptop', here: false, kind, changed: [], title: 'Groceries', tags: [], deleted: false, ...fields };
}

// Newest first, as the engine answers.
const history: HistoryEntry[] = [
  entry('5555', ['4444', '3333'], 'merged', { device: 'desk', time: now - minute }),
  entry('4444', ['2222'], 'restored', { time: now - 3 * minute }),
  entry('3333', ['2222'], 'edited', { device: 'desk', changed: ['title', 'body'], time: now - 4 * minute }),
  entry('2222', ['1111'], 'trashed', { time: now - 5 * minute }),
  entry('1111', [], 'created', { time: now - 6 * minute }),
];

const noteDetail: NoteDetail = { id: noteId, title: 'Groceries', tags: [], deleted: false, conflict: false, heads: ['5555'], created: 0, updated: now, day: null, body: 'milk', draft: null };

const changesOf: Record<string, VersionChanges> = {
  '5555': { title: null, tags: { removed: [], added: [] }, lines: [{ kind: 'same', text: 'milk' }] },
  '3333': {
    title: { from: 'Groceries', to: 'Groceries for Sunday' },
    tags: { removed: ['home'], added: ['weekend'] },
    lines: [{ kind: 'same', text: 'milk' }, { kind: 'folded', lines: 7 }, { kind: 'removed', text: 'eggs' }, { kind: 'added', text: 'a dozen eggs' }],
  },
};

function setup(handlers: FakeHandlers = {}) {
  let answer = history;
  let note = noteDetail;
  const fake = fakeApi({
    history: () => answer,
    getNote: () => note,
    changesOf: ({ versionId }: { versionId: string }) => {
      const found = history.find((e) => e.id === versionId);
      const basis = found === undefined || found.parents.length === 0 ? 'nothing' : found.parents.length > 1 ? 'merge' : 'parent';
      return { basis, changes: changesOf[versionId] ?? { title: null, tags: { removed: [], added: [] }, lines: [] } };
    },
    restoreVersion: () => {
      answer = [entry('6666', ['5555'], 'edited', { changed: ['body'], time: now }), ...history];
      note = { ...noteDetail, heads: ['6666'] };
      return note;
    },
    ...handlers,
  });
  const onClose = vi.fn<() => void>();
  const onRestored = vi.fn<() => void>();
  render(
    <FerryProvider api={fake.api}>
      <HistoryPanel noteId={noteId} onClose={onClose} onRestored={onRestored} />
    </FerryProvider>,
  );
  return { ...fake, onClose, onRestored };
}

const entryButtons = () => within(screen.getByRole('list', { name: 'Versions, newest first' })).getAllByRole('button');

describe('HistoryPanel', () => {
  it('lists the versions newest first, in words, with device and time', async () => {
    setup();
    const panel = screen.getByRole('complementary', { name: 'History' });
    await within(panel).findByText('Created');
    expect(entryButtons().map((b) => b.querySelector('.history-kind')?.textContent)).toEqual(['Merged', 'Restored', 'Edited title and text', 'Moved to trash', 'Created']);
    const edited = entryButtons()[2]!;
    expect(edited.textContent).toContain('desk');
    expect(edited.querySelector('time')?.getAttribute('title')).toBe(fullTime(history[2]!.time));
    expect(edited.querySelector('time')?.textContent).toBe('4 min ago');
  });

  it('of a new note being typed says when its first version comes, and shows it once written', async () => {
    let answer: HistoryEntry[] = [];
    const fake = setup({ history: () => answer });
    const { calls } = fake;
    expect(await screen.findByText(/No versions yet: what you type is saved, and becomes the first version when you pause/u)).toBeTruthy();
    // Coming into lists writes nothing: not asked again.
    const asked = () => calls.filter((c) => c.name === 'history').length;
    act(() => fake.emit('notesChanged', { noteIds: [noteId], origin: 'draft' }));
    expect(asked()).toBe(1);
    answer = [entry('1111', [], 'created', { time: now })];
    act(() => fake.emit('notesChanged', { noteIds: [noteId], origin: 'local' }));
    await screen.findByText('Created');
    expect(asked()).toBe(2);
  });

  it('words every kind of change', () => {
    expect(kindInWords({ kind: 'edited', changed: ['body'] })).toBe('Edited text');
    expect(kindInWords({ kind: 'edited', changed: ['title', 'body', 'tags'] })).toBe('Edited title, text and tags');
    expect(kindInWords({ kind: 'edited', changed: [] })).toBe('Edited');
    expect(kindInWords({ kind: 'merged', changed: [] })).toBe('Merged');
    expect(kindInWords({ kind: 'merged', changed: ['body'] })).toBe('Merged, edited text');
    expect(kindInWords({ kind: 'resolved', changed: ['body'] })).toBe('Resolved a conflict');
  });

  it('shows the current version first, and does not offer to restore it', async () => {
    const { calls } = setup();
    await screen.findByText('This is the current version.');
    expect(entryButtons()[0]!.getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByRole('button', { name: 'Restore this version' })).toBeNull();
    // A merge is compared with what it merged, as merged.
    await waitFor(() => expect(calls.find((c) => c.name === 'changesOf')?.args).toEqual({ versionId: '5555' }));
    expect(await screen.findByText('The text did not change.')).toBeTruthy();
    expect(screen.getByText(/^Compared with the versions it merged, as they merged/u)).toBeTruthy();
  });

  it('marks the version the note shows, wherever it arrived in the list', async () => {
    // The desk's edit arrived last (a sync), but the note shows the laptop's later version.
    setup({ getNote: () => ({ ...noteDetail, heads: ['4444'] }) });
    await screen.findByText('This is the current version.');
    expect(entryButtons().map((b) => b.querySelector('.history-current')?.textContent ?? null)).toEqual([null, 'Current', null, null, null]);
    expect(entryButtons()[1]!.getAttribute('aria-pressed')).toBe('true');
  });

  it('marks every version in conflict, and keeps one as the resolution', async () => {
    const { calls, onRestored } = setup({ getNote: () => ({ ...noteDetail, conflict: true, heads: ['4444', '3333'] }), resolveConflict: () => noteDetail });
    await screen.findByText('Created');
    expect(entryButtons().map((b) => b.querySelector('.history-current')?.textContent ?? null)).toEqual([null, 'In conflict', 'In conflict', null, null]);
    expect(screen.getByText('One of the versions in conflict: keeping it ends the conflict, the others stay in the history.')).toBeTruthy();
    expect(screen.queryByText('This is the current version.')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Keep this version' }));
    await waitFor(() => expect(onRestored).toHaveBeenCalledTimes(1));
    // A resolution on every head, not a restore on the shown one (which would leave the conflict).
    expect(calls.find((c) => c.name === 'resolveConflict')?.args).toEqual({ noteId, take: '4444' });
    expect(calls.some((c) => c.name === 'restoreVersion')).toBe(false);
  });

  it('says that restoring an older version of a note in conflict leaves the conflict', async () => {
    setup({ getNote: () => ({ ...noteDetail, conflict: true, heads: ['4444', '3333'] }) });
    fireEvent.click(await screen.findByRole('button', { name: /^Created/u }));
    expect(screen.getByText(/^The note is in conflict: restoring this version changes the version shown/u)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Restore this version' })).toBeTruthy();
  });

  it('says when the current text merges versions that merged cleanly', async () => {
    setup({ getNote: () => ({ ...noteDetail, heads: ['4444', '3333'] }) });
    await screen.findByText('Created');
    expect(entryButtons().map((b) => b.querySelector('.history-current')?.textContent ?? null)).toEqual([null, 'Current', 'Current', null, null]);
    expect(screen.getByText('The current text merges this version with another: restoring it keeps this one alone.')).toBeTruthy();
  });

  it('shows what the selected version changed, against the one before it', async () => {
    const { calls } = setup();
    await screen.findByText('Created');
    fireEvent.click(entryButtons()[2]!);
    expect(entryButtons()[2]!.getAttribute('aria-pressed')).toBe('true');
    const table = await screen.findByRole('table', { name: 'Changes to the text' });
    expect([...table.querySelectorAll('tr')].map((row) => row.textContent)).toEqual(['milk', '⋯ 7 unchanged lines', '−removed: eggs', '+added: a dozen eggs']);
    expect(screen.getByText('Title changed from “Groceries” to “Groceries for Sunday”. Tag added: weekend. Tag removed: home.')).toBeTruthy();
    expect(calls.filter((c) => c.name === 'changesOf').at(-1)?.args).toEqual({ versionId: '3333' });
  });

  it('words the first version as what it was created with', async () => {
    setup({ changesOf: () => ({ basis: 'nothing', changes: { title: { from: '', to: 'Groceries' }, tags: { removed: [], added: [] }, lines: [{ kind: 'added', text: 'milk' }] } }) });
    fireEvent.click(await screen.findByRole('button', { name: /^Created/u }));
    expect(await screen.findByText('Titled “Groceries”.')).toBeTruthy();
  });

  it('restores an earlier version, tells the app, and shows the new history', async () => {
    const { calls, onRestored } = setup();
    await screen.findByText('Created');
    fireEvent.click(entryButtons()[3]!);
    fireEvent.click(screen.getByRole('button', { name: 'Restore this version' }));
    await waitFor(() => expect(onRestored).toHaveBeenCalledTimes(1));
    expect(calls.find((c) => c.name === 'restoreVersion')?.args).toEqual({ noteId, versionId: '2222' });
    await waitFor(() => expect(entryButtons()).toHaveLength(6));
    // The restore made the new current version, which is shown and cannot be restored.
    expect(entryButtons()[0]!.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('This is the current version.')).toBeTruthy();
  });

  it('says in words why a version could not be restored', async () => {
    const { onRestored } = setup({
      restoreVersion: () => {
        throw new FerryError('DiskFull', 'The disk is full: nothing was written.');
      },
    });
    await screen.findByText('Created');
    fireEvent.click(entryButtons()[1]!);
    fireEvent.click(screen.getByRole('button', { name: 'Restore this version' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The version could not be restored: The disk is full: nothing was written.');
    expect(onRestored).not.toHaveBeenCalled();
  });

  it('reloads when this note changes, and only then', async () => {
    const fake = setup();
    await screen.findByText('Created');
    const loads = () => fake.calls.filter((c) => c.name === 'history').length;
    act(() => fake.emit('notesChanged', { noteIds: ['bbbb0002'], origin: 'local' }));
    expect(loads()).toBe(1);
    act(() => fake.emit('notesChanged', { noteIds: [noteId], origin: 'sync' }));
    expect(loads()).toBe(2);
  });

  it('closes with its button and with Escape', async () => {
    const { onClose } = setup();
    await screen.findByText('Created');
    fireEvent.click(screen.getByRole('button', { name: 'Close history' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(entryButtons()[1]!, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('moves between versions with the arrow keys', async () => {
    setup();
    await screen.findByText('Created');
    entryButtons()[0]!.focus();
    fireEvent.keyDown(entryButtons()[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(entryButtons()[1]);
    expect(entryButtons()[1]!.getAttribute('aria-pressed')).toBe('true');
  });
});
