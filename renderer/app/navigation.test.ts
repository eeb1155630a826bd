// Moving around the app: places, tags, the open note and its history, and the URL hash that lets a
// reload come back to the same place.
import { describe, expect, it } from 'vitest';
import { fromHash, move, start, toHash } from './navigation.js';

const note = 'a'.repeat(32);

describe('moving around the app', () => {
  it('opens a note in the current list and keeps it open when switching to the journal', () => {
    const open = move(start, { kind: 'open', noteId: note });
    expect(open).toEqual({ view: 'notes', tag: null, noteId: note, history: false });
    expect(move(open, { kind: 'go', view: 'journal' }).noteId).toBe(note);
    expect(move(open, { kind: 'go', view: 'devices' }).noteId).toBeNull();
  });

  it('filters by a tag, and the history panel belongs to the open note', () => {
    const tagged = move(start, { kind: 'go', view: 'notes', tag: 'work' });
    expect(tagged.tag).toBe('work');
    expect(move(tagged, { kind: 'history', open: true }).history).toBe(false);
    const withHistory = move(move(tagged, { kind: 'open', noteId: note }), { kind: 'history', open: true });
    expect(withHistory.history).toBe(true);
    expect(move(withHistory, { kind: 'open', noteId: 'b'.repeat(32) }).history).toBe(false);
  });

  it('opening a note in another place leaves the tag filter behind', () => {
    const tagged = move(start, { kind: 'go', view: 'notes', tag: 'work' });
    expect(move(tagged, { kind: 'open', noteId: note, view: 'conflicts' })).toMatchObject({ view: 'conflicts', tag: null });
  });

  it('round-trips through the URL hash, and ignores a hash it does not know', () => {
    const place = { view: 'notes' as const, tag: 'a b', noteId: note, history: false };
    expect(fromHash(toHash(place))).toEqual(place);
    expect(fromHash('#nowhere')).toEqual(start);
    expect(fromHash('#notes&note=../../etc')).toMatchObject({ noteId: null });
  });
});
