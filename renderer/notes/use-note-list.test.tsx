// @vitest-environment jsdom
// The list of a journal of 10,000 notes: its first screen comes first, the rest follows, and a
// note edited or synced is patched in without loading 10,000 notes again.
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { FerryProvider } from '../api/ferry-context.js';
import type { NoteSummary } from '../api/types.js';
import { fakeApi } from '../testing/fake-api.js';
import { firstScreenRows, patchLimit, useNoteList } from './use-note-list.js';

const id = (i: number) => i.toString(16).padStart(32, '0');
const note = (i: number, fields: Partial<NoteSummary> = {}): NoteSummary => ({ id: id(i), title: `Note ${i}`, tags: [], deleted: false, conflict: false, heads: [], created: 0, updated: 100_000 - i, day: null, snippet: '', ...fields });

function journalOf(count: number) {
  let notes = Array.from({ length: count }, (_, i) => note(i));
  const fake = fakeApi({
    listNotes: ({ limit, noteIds }: { limit?: number; noteIds?: string[] }) => {
      const listed = noteIds === undefined ? notes : notes.filter((n) => noteIds.includes(n.id));
      return limit === undefined ? listed : listed.slice(0, limit);
    },
  });
  const wrapper = ({ children }: { children: ReactNode }) => <FerryProvider api={fake.api}>{children}</FerryProvider>;
  const listCalls = () => fake.calls.filter((c) => c.name === 'listNotes').map((c) => c.args);
  return { fake, wrapper, listCalls, edit: (change: (list: NoteSummary[]) => NoteSummary[]) => (notes = change(notes)) };
}

describe('the notes a list shows', () => {
  it('asks for the first screen, then the whole list', async () => {
    const { wrapper, listCalls } = journalOf(10_000);
    const { result } = renderHook(() => useNoteList({ trash: false, tag: null }), { wrapper });
    await waitFor(() => expect(result.current.state).toBe('ready'));
    expect(result.current.value).toHaveLength(10_000);
    expect(listCalls()).toEqual([{ limit: firstScreenRows }, {}]);
  });

  it('stops at the first screen when the journal is that small', async () => {
    const { wrapper, listCalls } = journalOf(3);
    const { result } = renderHook(() => useNoteList({ trash: false, tag: 'work' }), { wrapper });
    await waitFor(() => expect(result.current.state).toBe('ready'));
    expect(result.current.value?.map((n) => n.title)).toEqual(['Note 0', 'Note 1', 'Note 2']);
    expect(listCalls()).toEqual([{ tag: 'work', limit: firstScreenRows }]);
  });

  it('patches in an edited note, and loads everything again after a sync of many', async () => {
    const { fake, wrapper, listCalls, edit } = journalOf(1000);
    const { result } = renderHook(() => useNoteList({ trash: false, tag: null }), { wrapper });
    await waitFor(() => expect(result.current.value).toHaveLength(1000));

    edit((list) => list.map((n) => (n.id === id(500) ? { ...n, title: 'Edited', updated: 200_000 } : n)));
    act(() => fake.emit('notesChanged', { noteIds: [id(500)], origin: 'local' }));
    await waitFor(() => expect(result.current.value?.[0]?.title).toBe('Edited'));
    expect(result.current.value).toHaveLength(1000);
    expect(listCalls().at(-1)).toEqual({ noteIds: [id(500)] });

    edit((list) => list.filter((n) => n.id !== id(7)));
    act(() => fake.emit('notesChanged', { noteIds: [id(7)], origin: 'local' }));
    await waitFor(() => expect(result.current.value).toHaveLength(999));

    const many = Array.from({ length: patchLimit + 1 }, (_, i) => id(i));
    act(() => fake.emit('notesChanged', { noteIds: many, origin: 'sync' }));
    await waitFor(() => expect(listCalls().at(-1)).toEqual({}));
  });

  it('shows the list it has and says what failed when a load fails', async () => {
    const fake = fakeApi({});
    const wrapper = ({ children }: { children: ReactNode }) => <FerryProvider api={fake.api}>{children}</FerryProvider>;
    const { result } = renderHook(() => useNoteList({ trash: true, tag: null }), { wrapper });
    await waitFor(() => expect(result.current.state).toBe('failed'));
    expect(result.current.state === 'failed' && result.current.error.message).toMatch(/listNotes/);
  });
});
