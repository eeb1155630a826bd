// One replica's life, through the engine API: a person writes, edits, tags, trashes, restores,
// keeps a daily journal and goes back in history; the journal is reopened along the way.
import { afterEach, describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import { createTestJournal, tempFolders, testClock } from '../testing/temp-journal.js';
import { Journal } from './journal.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

function fresh() {
  const clock = testClock();
  const dir = folders.make();
  const journal = createTestJournal(dir, { clock: clock.now });
  return { dir, clock, journal };
}

describe('a journal on one device', () => {
  it('starts with an identity, an empty vector and no notes', () => {
    const { journal, dir } = fresh();
    const status = journal.status();
    expect(status.journalId).toMatch(/^[0-9a-f]{32}$/);
    expect(status.replicaId).toMatch(/^[0-9a-f]{32}$/);
    expect(status.journalId).not.toBe(status.replicaId);
    expect(status).toMatchObject({ deviceName: 'test laptop', vector: {}, path: dir, notes: 0, versions: 0, pending: 0, copied: null });
    expect(journal.notes()).toEqual([]);
    journal.close();
  });

  it('refuses to start a second journal where one already is', () => {
    const { journal, dir } = fresh();
    journal.close();
    expect(() => Journal.create(dir)).toThrow(expect.objectContaining({ code: 'JournalExists' }));
  });

  it('says how to make a journal when there is none', () => {
    const dir = folders.make();
    expect(() => Journal.open(dir)).toThrow(expect.objectContaining({ code: 'NoJournal', message: expect.stringContaining('ferry init') }));
  });

  it('writes a note as a first version, numbered 1 in its replica, and keeps the text byte for byte', () => {
    const { journal } = fresh();
    const body = '# Plans\r\n\r\nCafé at 9 — 🚆 train at 10\r\nno final newline';
    const note = journal.createNote({ title: '  Plans  ', body, tags: ['travel', '#work', 'travel'] });
    expect(note).toMatchObject({ title: 'Plans', body, tags: ['travel', 'work'], deleted: false, conflict: false });
    expect(note.heads).toHaveLength(1);
    const [version] = journal.history(note.id);
    expect(version).toMatchObject({ id: note.heads[0], noteId: note.id, parents: [], seq: 1, replicaId: journal.replicaId, body });
    expect(journal.vector()).toEqual({ [journal.replicaId]: 1 });
    journal.close();
  });

  it('records each edit as a new version on top of the last, and skips edits that change nothing', () => {
    const { journal, clock } = fresh();
    const note = journal.createNote({ title: 'Groceries', body: 'milk\n' });
    clock.tick();
    const edited = journal.editNote(note.id, { body: 'milk\nbread\n', addTags: ['food'] });
    expect(edited.version).toMatchObject({ parents: [note.heads[0]], seq: 2, body: 'milk\nbread\n', tags: ['food'] });
    expect(edited.note).toMatchObject({ body: 'milk\nbread\n', tags: ['food'], created: note.created, updated: note.created + 60_000 });
    const unchanged = journal.editNote(note.id, { body: 'milk\nbread\n', addTags: ['food'] });
    expect(unchanged.version).toBeNull();
    const untagged = journal.editNote(note.id.slice(0, 6), { removeTags: ['food'], title: 'Shopping' });
    expect(untagged.note).toMatchObject({ title: 'Shopping', tags: [] });
    expect(journal.history(note.id).map((v) => v.seq)).toEqual([3, 2, 1]);
    journal.close();
  });

  it('moves a note to the trash with a deleting version and brings it back', () => {
    const { journal } = fresh();
    const note = journal.createNote({ title: 'Old idea', body: 'maybe' });
    const trashed = journal.trashNote(note.id);
    expect(trashed.version).toMatchObject({ deleted: true, body: 'maybe', title: 'Old idea' });
    expect(journal.notes().map((n) => n.id)).toEqual([]);
    expect(journal.notes({ trash: true }).map((n) => n.id)).toEqual([note.id]);
    expect(journal.trashNote(note.id).version).toBeNull();
    const restored = journal.restoreNote(note.id);
    expect(restored.note).toMatchObject({ deleted: false, body: 'maybe' });
    expect(journal.notes().map((n) => n.id)).toEqual([note.id]);
    expect(journal.restoreNote(note.id).version).toBeNull();
    expect(journal.history(note.id).map((v) => journal.describeVersion(v).kind)).toEqual(['restored', 'trashed', 'created']);
    journal.close();
  });

  it('describes a version the same way after the note moves on, under the device’s name as now', () => {
    const { journal } = fresh();
    const note = journal.createNote({ title: 'Plan', body: 'one' });
    journal.editNote(note.id, { body: 'two' });
    const described = () => journal.history(note.id).map((v) => journal.describeVersion(v));
    const before = described();
    expect(before.map((d) => [d.kind, d.changed])).toEqual([
      ['edited', ['body']],
      ['created', []],
    ]);
    journal.trashNote(note.id);
    journal.setDeviceName('old laptop');
    expect(described().slice(1)).toEqual(before.map((d) => ({ ...d, device: 'old laptop' })));
    journal.close();
  });

  it('restores any old version as a new version, leaving history intact', () => {
    const { journal, clock } = fresh();
    const note = journal.createNote({ title: 'Draft', body: 'first', tags: ['a'] });
    clock.tick();
    journal.editNote(note.id, { body: 'second', title: 'Draft 2', tags: ['b'] });
    clock.tick();
    journal.trashNote(note.id);
    const first = note.heads[0]!;
    const restored = journal.restoreNote(note.id, first.slice(0, 10));
    expect(restored.note).toMatchObject({ title: 'Draft', body: 'first', tags: ['a'], deleted: false });
    expect(restored.version?.id).not.toBe(first);
    expect(journal.history(note.id)).toHaveLength(4);
    const other = journal.createNote({ title: 'Other' });
    expect(() => journal.restoreNote(other.id, first)).toThrow(/belongs to another note/);
    journal.close();
  });

  it('lists notes newest first and filters them by tag', () => {
    const { journal, clock } = fresh();
    const a = journal.createNote({ title: 'A', tags: ['work'] });
    clock.tick();
    const b = journal.createNote({ title: 'B', tags: ['home'] });
    clock.tick();
    journal.editNote(a.id, { body: 'touched' });
    expect(journal.notes().map((n) => n.title)).toEqual(['A', 'B']);
    expect(journal.notes({ tag: 'home' }).map((n) => n.id)).toEqual([b.id]);
    expect(journal.notes({ tag: '#work' }).map((n) => n.id)).toEqual([a.id]);
    expect(journal.notes({ tag: 'none' })).toEqual([]);
    // A list's first screen, and only the notes that changed, as the app asks for them.
    expect(journal.notes({ limit: 1 }).map((n) => n.title)).toEqual(['A']);
    expect(journal.notes({ noteIds: [b.id, 'f'.repeat(32)] }).map((n) => n.title)).toEqual(['B']);
    expect(journal.notes({ noteIds: [a.id, b.id], tag: 'work' }).map((n) => n.title)).toEqual(['A']);
    expect(journal.notes({ noteIds: [a.id], trash: true })).toEqual([]);
    expect(journal.notes({ noteIds: [] })).toEqual([]);
    journal.close();
  });

  it('counts the notes under each tag, leaving out the trash, and shows each note\'s first words in lists', () => {
    const { journal } = fresh();
    journal.createNote({ title: 'Trip', body: '# Trip\n\nPack the **tent** and [maps](https://example.org).', tags: ['travel', 'work'] });
    journal.createNote({ title: 'Budget', tags: ['work'] });
    const old = journal.createNote({ title: 'Old', tags: ['travel', 'Ökonomie'] });
    journal.trashNote(old.id);
    expect(journal.tags()).toEqual([
      { tag: 'travel', notes: 1 },
      { tag: 'work', notes: 2 },
    ]);
    const trip = journal.notes().find((n) => n.title === 'Trip')!;
    expect(trip.snippet).toBe('Pack the tent and maps.');
    journal.editNote(trip.id, { body: 'Changed plans: the train.' });
    expect(journal.summary(trip.id).snippet).toBe('Changed plans: the train.');
    journal.close();
  });

  it('opens any day’s entry, blank or written, and edits a day not written yet only when something changes', () => {
    const { journal } = fresh();
    const blank = journal.dayEntry('2026-03-14', { blank: true });
    expect(blank).toMatchObject({ title: '2026-03-14', tags: ['journal'], body: '', heads: [] });
    expect(journal.notes()).toEqual([]);
    expect(journal.dayNamed('2026-03-14')).toBe('2026-03-14');
    expect(journal.dayNamed('tram')).toBeNull();
    expect(journal.noteOrBlankDay('2026-03-14')).toEqual(blank);
    expect(journal.editNoteOrDay('2026-03-14', { addTags: ['journal'] })).toEqual({ note: blank, version: null });
    expect(journal.notes()).toEqual([]);

    const { note, version } = journal.editNoteOrDay('2026-03-14', { body: 'Pi day.' });
    expect(note).toMatchObject({ id: blank.id, title: '2026-03-14', body: 'Pi day.' });
    // The change is the entry's first version, not an edit of an empty one.
    expect(version).toMatchObject({ parents: [], title: '2026-03-14', tags: ['journal'], body: 'Pi day.' });
    expect(journal.history(blank.id)).toHaveLength(1);
    expect(journal.summary(blank.id).day).toBe('2026-03-14');
    expect(journal.dayEntry('2026-03-14')).toMatchObject({ id: blank.id, body: 'Pi day.' });
    expect(journal.startDay('2026-03-14')).toBe(false);
    for (const notADay of ['2026-02-30', '2026-13-01', '14 March']) expect(() => journal.dayEntry(notADay)).toThrow(expect.objectContaining({ code: 'BadInput' }));
    journal.close();
  });

  it('opens a new note blank, writing nothing until its first commit, whose version holds the words typed', () => {
    const { journal } = fresh();
    const before = journal.vector();
    const blank = journal.blankNote();
    expect(blank).toMatchObject({ title: '', body: '', tags: [], deleted: false, conflict: false, heads: [] });
    expect(journal.blankNote().id).not.toBe(blank.id);
    expect(journal.vector()).toEqual(before);
    expect(journal.hasNote(blank.id)).toBe(false);
    expect(() => journal.note(blank.id)).toThrow(expect.objectContaining({ code: 'NotFound' }));
    expect(journal.draft(blank.id)).toBeNull();

    journal.saveFirstDraft(blank, { title: 'Tram', body: 'Line 4 is back.', tags: [] });
    expect(journal.hasNote(blank.id)).toBe(false);
    expect(journal.commitFirstDraft(blank.id)).toMatchObject({ parents: [], title: 'Tram', body: 'Line 4 is back.' });
    expect(journal.note(blank.id)).toMatchObject({ title: 'Tram', body: 'Line 4 is back.', tags: [] });
    expect(journal.summary(blank.id).day).toBeNull();
    expect(journal.history(blank.id)).toHaveLength(1);
    expect(journal.commitFirstDraft(blank.id)).toBeNull();
    journal.close();
  });

  it('opens today’s entry blank, writing nothing until its first words, even past midnight', () => {
    const { journal, clock } = fresh();
    const before = journal.vector();
    const blank = journal.today({ blank: true });
    expect(blank).toMatchObject({ tags: ['journal'], body: '', heads: [] });
    expect(journal.vector()).toEqual(before);
    expect(journal.notes()).toEqual([]);
    // Found again by its day, still blank; an id that names nothing is still no note.
    expect(journal.noteOrBlankDay(blank.title)).toEqual(blank);
    expect(() => journal.noteOrBlankDay('0'.repeat(32))).toThrow(expect.objectContaining({ code: 'NotFound' }));

    // Typing begins after midnight: the entry started is still the day it was opened for.
    clock.tick(86_400_000);
    journal.saveFirstDraft(blank, { title: blank.title, body: 'Late night.', tags: ['journal'] });
    expect(journal.commitFirstDraft(blank.id)).not.toBeNull();
    expect(journal.note(blank.id)).toMatchObject({ title: blank.title, tags: ['journal'], body: 'Late night.' });
    expect(journal.history(blank.id)).toHaveLength(1);
    expect(journal.startDay(blank.title)).toBe(false);
    expect(journal.notes()).toHaveLength(1);
    journal.close();
  });

  it('keeps one journal entry per local day, found again on the next call and after reopening', () => {
    const { journal, clock, dir } = fresh();
    const today = journal.today();
    expect(today).toMatchObject({ tags: ['journal'], body: '' });
    expect(today.title).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(journal.notes()[0]?.day).toBe(today.title);
    journal.editNote(today.id, { body: 'Slept well.\n' });
    clock.tick(60_000);
    expect(journal.today().id).toBe(today.id);
    journal.close();
    const reopened = Journal.open(dir, { clock: clock.now });
    expect(reopened.today()).toMatchObject({ id: today.id, body: 'Slept well.\n' });
    expect(reopened.note(today.title).id).toBe(today.id);
    expect(reopened.note('today').id).toBe(today.id);
    expect(() => reopened.note('yesterday')).toThrow(expect.objectContaining({ code: 'NotFound' }));
    clock.tick(86_400_000);
    expect(() => reopened.note('today')).toThrow(/no journal entry for .* yet: `ferry today` starts it/);
    expect(reopened.note('Yesterday').id).toBe(today.id);
    const tomorrow = reopened.today();
    expect(tomorrow.id).not.toBe(today.id);
    reopened.trashNote(tomorrow.id);
    expect(reopened.today()).toMatchObject({ id: tomorrow.id, deleted: false });
    reopened.close();
  });

  it('finds notes by a unique id prefix and says when a prefix is ambiguous or unknown', () => {
    // Every id this random source makes starts with abcd, then a counter.
    let counter = 0;
    const random = (size: number) => {
      const bytes = Buffer.alloc(size);
      bytes.writeUInt16BE(0xabcd, 0);
      bytes.writeUInt32BE(++counter, size - 4);
      return bytes;
    };
    const journal = createTestJournal(folders.make(), { random });
    const one = journal.createNote({ title: 'one' });
    const two = journal.createNote({ title: 'two' });
    expect(one.id.slice(0, 4)).toBe('abcd');
    expect(() => journal.note('abcd')).toThrow(expect.objectContaining({ code: 'AmbiguousId', message: expect.stringContaining(`${one.id}, ${two.id}`) }));
    expect(journal.note(one.id).id).toBe(one.id);
    expect(journal.note(two.id.toUpperCase()).id).toBe(two.id);
    expect(() => journal.note('0000000000000000')).toThrow(expect.objectContaining({ code: 'NotFound' }));
    expect(() => journal.note('abc')).toThrow(expect.objectContaining({ code: 'BadInput' }));
    journal.close();
  });

  it('keeps the log of every version, newest first, across notes', () => {
    const { journal, clock } = fresh();
    const a = journal.createNote({ title: 'A' });
    clock.tick();
    const b = journal.createNote({ title: 'B' });
    clock.tick();
    journal.editNote(a.id, { body: 'x' });
    const log = journal.log(10);
    expect(log.map((v) => [v.noteId, v.seq])).toEqual([
      [a.id, 3],
      [b.id, 2],
      [a.id, 1],
    ]);
    expect(journal.log(1)).toHaveLength(1);
    journal.close();
  });

  it('refuses bad input with a sentence and writes nothing', () => {
    const { journal } = fresh();
    const note = journal.createNote({ title: 'Keep me', body: 'safe' });
    const attempts: (() => unknown)[] = [
      () => journal.editNote(note.id, { title: 'two\nlines' }),
      () => journal.editNote(note.id, { tags: ['two words'] }),
      () => journal.editNote(note.id, { addTags: [''] }),
      () => journal.editNote(note.id, { body: 'broken \udc00' }),
      () => journal.createNote({ title: 'x'.repeat(501) }),
    ];
    for (const attempt of attempts) expect(attempt).toThrow(FerryError);
    expect(journal.status().versions).toBe(1);
    expect(journal.note(note.id)).toMatchObject({ title: 'Keep me', body: 'safe', tags: [] });
    journal.close();
  });

  it('survives reopening with everything in place, and fsck agrees', () => {
    const { journal, dir, clock } = fresh();
    const note = journal.createNote({ title: 'Persist', body: 'a\n' });
    for (let i = 1; i <= 30; i++) {
      clock.tick();
      journal.editNote(note.id, { body: `a\n${'line\n'.repeat(i)}` });
    }
    journal.close();
    const reopened = Journal.open(dir);
    expect(reopened.note(note.id).body).toBe(`a\n${'line\n'.repeat(30)}`);
    expect(reopened.history(note.id)).toHaveLength(31);
    expect(reopened.fsck()).toMatchObject({ ok: true, problems: [] });
    reopened.close();
  });
});
