// The field-by-field merge of one note (DESIGN.md, "The view"), as a table: what each side did
// to a field, and what the merged note shows.
import { describe, expect, it } from 'vitest';
import { emptyNote, mergeFields, mergeTags, type NoteState } from './merge-fields.js';

const base: NoteState = { title: 'Plan', body: 'one\ntwo\nthree\nfour\nfive\n', tags: ['home', 'todo'], deleted: false };
const with_ = (changes: Partial<NoteState>): NoteState => ({ ...base, ...changes });
const plain = { daily: false };

describe('merging the title', () => {
  it.each([
    ['changed on one side', with_({ title: 'Plan B' }), base, 'Plan B', []],
    ['changed on the other side', base, with_({ title: 'Plan C' }), 'Plan C', []],
    ['changed the same way on both', with_({ title: 'Plan B' }), with_({ title: 'Plan B' }), 'Plan B', []],
    ['changed differently on both', with_({ title: 'Plan B' }), with_({ title: 'Plan C' }), 'Plan B', ['title']],
  ])('%s', (_, ours, theirs, title, conflicts) => {
    const merged = mergeFields(base, ours, theirs, plain);
    expect(merged.state.title).toBe(title);
    expect(merged.conflicts).toEqual(conflicts);
  });
});

describe('merging the body', () => {
  it('takes edits on different lines from both sides, as git merge-file does', () => {
    const merged = mergeFields(base, with_({ body: 'ONE\ntwo\nthree\nfour\nfive\n' }), with_({ body: 'one\ntwo\nthree\nfour\nFIVE\n' }), plain);
    expect(merged).toEqual({ state: with_({ body: 'ONE\ntwo\nthree\nfour\nFIVE\n' }), conflicts: [] });
  });

  it('is a conflict when both sides changed the same line differently', () => {
    const merged = mergeFields(base, with_({ body: 'one\nTWO\nthree\nfour\nfive\n' }), with_({ body: 'one\n2\nthree\nfour\nfive\n' }), plain);
    expect(merged.conflicts).toEqual(['body']);
  });

  it('keeps both texts of a daily entry where both devices wrote at the same place: ours, then theirs', () => {
    const day: NoteState = { title: '2026-11-23', body: 'Morning.\n', tags: ['journal'], deleted: false };
    const merged = mergeFields(day, { ...day, body: 'Morning.\nTrain to Lyon.\n' }, { ...day, body: 'Morning.\nDentist at 4.\n' }, { daily: true });
    expect(merged).toEqual({ state: { ...day, body: 'Morning.\nTrain to Lyon.\nDentist at 4.\n' }, conflicts: [] });
  });

  it('keeps both texts of a daily entry begun on two devices that shared nothing', () => {
    const laptop: NoteState = { title: '2026-11-23', body: 'Wrote on the train.\n', tags: ['journal'], deleted: false };
    const phone: NoteState = { ...laptop, body: 'Lunch with Ana.\n' };
    expect(mergeFields(emptyNote, laptop, phone, { daily: true }).state.body).toBe('Wrote on the train.\nLunch with Ana.\n');
    expect(mergeFields(emptyNote, laptop, phone, plain).conflicts).toEqual(['body']);
  });
});

describe('merging tags as sets', () => {
  it.each([
    ['added on one side', ['home', 'todo', 'urgent'], ['home', 'todo'], ['home', 'todo', 'urgent']],
    ['added on each side', ['home', 'todo', 'urgent'], ['home', 'later', 'todo'], ['home', 'later', 'todo', 'urgent']],
    ['removed on one side', ['home'], ['home', 'todo'], ['home']],
    ['removed on one side, another added on the other', ['home'], ['home', 'todo', 'x'], ['home', 'x']],
    ['removed on both', ['home'], ['home'], ['home']],
  ])('%s', (_, ours, theirs, expected) => {
    expect(mergeTags(base.tags, ours, theirs)).toEqual(expected);
    expect(mergeTags(base.tags, theirs, ours)).toEqual(expected);
  });
});

describe('deleting against editing', () => {
  it('keeps the note when one side deleted it and the other edited it: the edit wins', () => {
    const merged = mergeFields(base, with_({ deleted: true }), with_({ body: base.body + 'six\n' }), plain);
    expect(merged.state).toEqual(with_({ body: base.body + 'six\n', deleted: false }));
    expect(mergeFields(base, with_({ body: base.body + 'six\n' }), with_({ deleted: true }), plain).state.deleted).toBe(false);
  });

  it('deletes the note when one side deleted it and the other left it alone, or both deleted it', () => {
    expect(mergeFields(base, with_({ deleted: true }), base, plain).state.deleted).toBe(true);
    expect(mergeFields(base, with_({ deleted: true }), with_({ deleted: true }), plain).state.deleted).toBe(true);
  });

  it('brings a note back from the trash when one side restored it', () => {
    const trashed = with_({ deleted: true });
    expect(mergeFields(trashed, base, trashed, plain).state.deleted).toBe(false);
  });
});
