// Two laptops edit one note offline and swap bundles: edits that do not collide merge silently,
// on both laptops alike, and the next edit records the merge by naming both heads.
import { describe, expect, it } from 'vitest';
import { everyNote, useLaptops } from '../testing/replicas.js';
import { tripEditedOnTwoLaptops } from '../testing/trip-story.js';

const { machines, clock } = useLaptops();

const recipe = '# Soup\n\nOnions\nCarrots\nStock\n\nSimmer for an hour.\n';

describe('edits on different lines', () => {
  it('merge silently, and both laptops show the same merged note', async () => {
    const home = machines.first('home');
    const note = home.createNote({ title: 'Soup', body: recipe, tags: ['cooking'] });
    const work = await machines.cloneOf(home, 'work');

    clock.tick();
    home.editNote(note.id, { body: recipe.replace('Onions', 'Two onions') });
    clock.tick();
    work.editNote(note.id, { body: recipe.replace('an hour', 'forty minutes'), addTags: ['winter'] });

    await machines.carry(home, work);
    await machines.carry(work, home);
    const merged = home.note(note.id);
    expect(merged).toMatchObject({
      body: '# Soup\n\nTwo onions\nCarrots\nStock\n\nSimmer for forty minutes.\n',
      tags: ['cooking', 'winter'],
      conflict: false,
    });
    expect(merged.heads).toHaveLength(2);
    expect(everyNote(work)).toEqual(everyNote(home));
    // The merged text is what search finds.
    expect(home.search('forty').map((h) => h.note.id)).toEqual([note.id]);
    expect(home.search('two onions').map((h) => h.note.id)).toEqual([note.id]);
  });

  it('are recorded by the next local edit, whose parents are both heads', async () => {
    const home = machines.first('home');
    const note = home.createNote({ title: 'Soup', body: recipe });
    const work = await machines.cloneOf(home, 'work');
    home.editNote(note.id, { body: recipe.replace('Onions', 'Leeks') });
    work.editNote(note.id, { body: recipe.replace('Stock', 'Water') });
    await machines.carry(work, home);
    const heads = home.note(note.id).heads;

    const edit = home.editNote(note.id, { title: 'Leek soup' });
    expect([...edit.version!.parents].sort()).toEqual([...heads].sort());
    expect(edit.note).toMatchObject({ title: 'Leek soup', body: recipe.replace('Onions', 'Leeks').replace('Stock', 'Water'), heads: [edit.version!.id] });
    await machines.carry(home, work);
    expect(work.note(note.id)).toEqual(home.note(note.id));
  });
});

describe('a note typed in the editor, whose last line has no newline', () => {
  it('merges a line fixed on one laptop with a line written at the end on the other', async () => {
    const { home, work, noteId } = await tripEditedOnTwoLaptops(machines, clock);

    await machines.carry(work, home);
    await machines.carry(home, work);
    expect(home.note(noteId)).toMatchObject({ body: '# Trip\n- train at 9:40\n- hotel, 3 nights\n- boots\n- map', conflict: false });
    expect(everyNote(work)).toEqual(everyNote(home));
  });
});

describe('deleting on one laptop while editing on the other', () => {
  it('keeps the note with the edit, on both', async () => {
    const home = machines.first('home');
    const note = home.createNote({ title: 'Soup', body: recipe });
    const work = await machines.cloneOf(home, 'work');
    home.trashNote(note.id);
    work.editNote(note.id, { body: recipe + '\nServes four.\n' });
    await machines.carry(home, work);
    await machines.carry(work, home);
    for (const laptop of [home, work]) expect(laptop.note(note.id)).toMatchObject({ deleted: false, conflict: false, body: recipe + '\nServes four.\n' });
  });

  it('deletes the note when the other laptop did not touch it', async () => {
    const home = machines.first('home');
    const note = home.createNote({ title: 'Soup', body: recipe });
    const other = home.createNote({ title: 'Other' });
    const work = await machines.cloneOf(home, 'work');
    home.trashNote(note.id);
    work.editNote(other.id, { body: 'unrelated' });
    await machines.carry(home, work);
    expect(work.note(note.id).deleted).toBe(true);
    expect(work.notes({ trash: true }).map((n) => n.title)).toEqual(['Soup']);
  });
});

describe('three laptops', () => {
  it('converge whatever order the bundles travel in, criss-cross merges included', async () => {
    const a = machines.first('a');
    const note = a.createNote({ title: 'List', body: '1\n2\n3\n4\n5\n6\n7\n8\n9\n' });
    const b = await machines.cloneOf(a, 'b');
    const c = await machines.cloneOf(a, 'c');
    a.editNote(note.id, { body: 'one\n2\n3\n4\n5\n6\n7\n8\n9\n' });
    b.editNote(note.id, { body: '1\n2\n3\n4\nfive\n6\n7\n8\n9\n' });
    c.editNote(note.id, { body: '1\n2\n3\n4\n5\n6\n7\n8\nnine\n' });
    // a and b each merge what they have, then edit: a criss-cross.
    await machines.carry(a, b);
    await machines.carry(b, a);
    a.editNote(note.id, { title: 'List (a)' });
    b.editNote(note.id, { addTags: ['b'] });
    await machines.carry(c, a);
    await machines.carry(b, c);
    await machines.carry(a, c);
    await machines.carry(c, b);
    await machines.carry(c, a);
    const expected = { title: 'List (a)', body: 'one\n2\n3\n4\nfive\n6\n7\n8\nnine\n', tags: ['b'], conflict: false };
    for (const laptop of [a, b, c]) {
      expect(laptop.note(note.id)).toMatchObject(expected);
      expect(laptop.fsck().problems).toEqual([]);
    }
    expect(everyNote(b)).toEqual(everyNote(a));
    expect(everyNote(c)).toEqual(everyNote(a));
  });
});
