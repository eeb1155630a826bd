// A list of 10,000 notes is patched, not reloaded, when a few of them change.
import { describe, expect, it } from 'vitest';
import type { NoteSummary } from '../api/types.js';
import { patchNoteList } from './patch-note-list.js';

const note = (id: string, updated: number, title = id): NoteSummary => ({ id: id.repeat(32), title, tags: [], deleted: false, conflict: false, heads: [], created: 0, updated, day: null, snippet: '' });
const ids = (list: NoteSummary[]) => list.map((n) => n.title);

describe('patching a note list', () => {
  const list = [note('a', 50), note('b', 40), note('c', 30), note('d', 20)];

  it('moves an edited note to the top with its new title', () => {
    expect(ids(patchNoteList(list, [note('c', 0).id], [note('c', 60, 'c edited')]))).toEqual(['c edited', 'a', 'b', 'd']);
  });

  it('adds a new note at its place and drops one that left the list (trashed, or its tag removed)', () => {
    const patched = patchNoteList(list, [note('e', 0).id, note('b', 0).id], [note('e', 35)]);
    expect(ids(patched)).toEqual(['a', 'e', 'c', 'd']);
  });

  it('puts a note synced from another device among the older ones by its time', () => {
    expect(ids(patchNoteList(list, [note('x', 0).id], [note('x', 25)]))).toEqual(['a', 'b', 'c', 'x', 'd']);
    expect(ids(patchNoteList(list, [note('x', 0).id], [note('x', 1)]))).toEqual(['a', 'b', 'c', 'd', 'x']);
  });

  it('puts a changed note before an unchanged one of the same time, and keeps the others in their order', () => {
    expect(ids(patchNoteList(list, [note('d', 0).id], [note('d', 40)]))).toEqual(['a', 'd', 'b', 'c']);
    expect(ids(patchNoteList(list, [], []))).toEqual(['a', 'b', 'c', 'd']);
  });
});
