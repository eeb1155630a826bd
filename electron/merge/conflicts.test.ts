// Edits that collide: both laptops show the note in conflict, with the same head shown and every
// head readable; an ordinary edit keeps the conflict; a resolution, made once on either laptop,
// ends it everywhere.
import { describe, expect, it } from 'vitest';
import { everyNote, useLaptops } from '../testing/replicas.js';
import type { Journal } from '../journal/journal.js';

const { machines, clock } = useLaptops();

const body = 'Meet at the station.\nBring the map.\n';

async function collide(): Promise<{ home: Journal; work: Journal; noteId: string }> {
  const home = machines.first('home');
  const note = home.createNote({ title: 'Saturday', body });
  const work = await machines.cloneOf(home, 'work');
  clock.tick();
  home.editNote(note.id, { body: 'Meet at the harbour.\nBring the map.\n' });
  clock.tick();
  work.editNote(note.id, { body: 'Meet at the café.\nBring the map.\n' });
  await machines.carry(home, work);
  await machines.carry(work, home);
  return { home, work, noteId: note.id };
}

describe('a conflict', () => {
  it('shows on both laptops: the same head (the latest), every head readable, listed by conflicts()', async () => {
    const { home, work, noteId } = await collide();
    for (const laptop of [home, work]) {
      const note = laptop.note(noteId);
      expect(note).toMatchObject({ conflict: true, body: 'Meet at the café.\nBring the map.\n' });
      expect(note.heads).toHaveLength(2);
      expect(note.heads.map((h) => laptop.version(h).body).sort()).toEqual(['Meet at the café.\nBring the map.\n', 'Meet at the harbour.\nBring the map.\n']);
      expect(laptop.conflicts().map((n) => n.id)).toEqual([noteId]);
      expect(laptop.status().conflicts).toBe(1);
    }
    expect(everyNote(work)).toEqual(everyNote(home));
  });

  it('stays through an ordinary edit, which builds on the shown head only', async () => {
    const { home, noteId } = await collide();
    const edit = home.editNote(noteId, { title: 'Saturday trip' });
    expect(edit.version!.parents).toHaveLength(1);
    expect(edit.note).toMatchObject({ conflict: true, title: 'Saturday trip' });
    expect(home.conflicts()).toHaveLength(1);
  });

  it('ends with a resolution taking one head, made once, on every laptop', async () => {
    const { home, work, noteId } = await collide();
    const harbour = home.note(noteId).heads.find((h) => home.version(h).body.includes('harbour'))!;
    const resolved = home.resolveConflict(noteId, { take: harbour });
    expect([...resolved.version!.parents].sort()).toEqual([...work.note(noteId).heads].sort());
    expect(resolved.note).toMatchObject({ conflict: false, body: 'Meet at the harbour.\nBring the map.\n', heads: [resolved.version!.id] });
    await machines.carry(home, work);
    expect(work.note(noteId)).toEqual(home.note(noteId));
    expect(work.conflicts()).toEqual([]);
  });

  it('ends with a resolution written by hand (an edited merge)', async () => {
    const { home, work, noteId } = await collide();
    const resolved = home.resolveConflict(noteId, { body: 'Meet at the café by the harbour.\nBring the map.\n' });
    expect(resolved.note).toMatchObject({ conflict: false, title: 'Saturday', body: 'Meet at the café by the harbour.\nBring the map.\n' });
    await machines.carry(home, work);
    expect(work.note(noteId).conflict).toBe(false);
  });

  it('on a title alone is a conflict too', async () => {
    const home = machines.first('home');
    const note = home.createNote({ title: 'Saturday', body });
    const work = await machines.cloneOf(home, 'work');
    home.editNote(note.id, { title: 'Saturday: harbour' });
    work.editNote(note.id, { title: 'Saturday: café' });
    await machines.carry(work, home);
    expect(home.note(note.id).conflict).toBe(true);
  });

  it('cannot be "resolved" where there is none, and a version of another note cannot be taken', async () => {
    const { home, noteId } = await collide();
    const other = home.createNote({ title: 'Other' });
    expect(() => home.resolveConflict(other.id, { body: 'x' })).toThrow(expect.objectContaining({ code: 'BadInput', message: expect.stringContaining('not in conflict') }));
    expect(() => home.resolveConflict(noteId, { take: other.heads[0]! })).toThrow(expect.objectContaining({ code: 'BadInput' }));
  });
});
