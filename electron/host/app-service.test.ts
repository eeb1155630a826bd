// The app's engine as the renderer reaches it: every call of the contract, made through the same
// serveCall the hosts use, on real journals, with every result checked against the contract's
// schema. A call added to the contract without a story here fails the first test.

import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fieldsHash, textHash } from '../../shared/text-hash.js';
import { callNames, type CallName, type CallResult } from '../../shared/app-contract.js';
import { createAppClient, type FerryApi } from '../../shared/app-client.js';
import { useLaptops } from '../testing/replicas.js';
import { testServer } from '../testing/sync-server.js';
import { createBundle } from '../bundle/create-bundle.js';
import { SyncEngine } from '../sync/engine.js';
import { HttpTransport } from '../sync/http-transport.js';
import { createSyncServer } from '../server/http-server.js';
import { SqliteStorage } from '../server/storage-sqlite.js';
import { newToken } from '../server/tokens.js';
import { syncOnce } from '../sync/sync-once.js';
import { ownBundleName } from '../watch/own-bundle.js';
import { AppService, type PathChooser } from './app-service.js';
import { folderMissing } from './folder-state.js';
import type { SyncStatus } from '../../shared/sync-status.js';
import { checkResult, serveCall } from './serve-call.js';
import { Journal } from '../journal/journal.js';

const { machines, clock, folders } = useLaptops();
const services: AppService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
});

const exercised = new Set<CallName>();

/** The client the renderer uses, straight over serveCall, checking every result against the contract. */
function appOn(journal: Journal, sync: SyncEngine | null = null, chooser: PathChooser | null = null): { api: FerryApi; service: AppService; events: { name: string; payload: unknown }[] } {
  const service = new AppService({ journal, sync, watchFolders: false, chooser });
  services.push(service);
  const events: { name: string; payload: unknown }[] = [];
  service.subscribe((name, payload) => events.push({ name, payload }));
  const api = createAppClient({
    async call(name, args) {
      exercised.add(name);
      const answer = await serveCall(service.handlers, name, args);
      if (answer.ok) checkResult(name, answer.value);
      return answer;
    },
    subscribe: (listener) => service.subscribe(listener),
  });
  return { api, service, events };
}

describe('the app contract, served by the engine', () => {
  it('writing: a note is created, typed into as a draft, committed, found, trashed and restored', async () => {
    const { api, events } = appOn(machines.first('laptop'));
    const note = await api.createNote({ title: 'Groceries', body: 'milk\n', tags: ['home'] });
    expect(events).toContainEqual({ name: 'notesChanged', payload: { noteIds: [note.id], origin: 'local' } });
    await api.saveDraft({ noteId: note.id, title: 'Groceries', body: 'milk\neggs\n', tags: ['home'] });
    expect((await api.getNote({ noteId: note.id })).draft).toMatchObject({ body: 'milk\neggs\n' });
    const committed = await api.commitDraft({ noteId: note.id });
    expect(committed).toMatchObject({ body: 'milk\neggs\n', draft: null });
    // A closing page sends what was typed and commits it in one call.
    expect(await api.commitDraft({ noteId: note.id, body: 'milk\neggs\nflour\n' })).toMatchObject({ title: 'Groceries', body: 'milk\neggs\nflour\n', tags: ['home'], draft: null });
    // A closing page's last change to a long note, made on each text the engine may hold: the
    // host applies the one made on the draft it holds, even when the save giving it arrives
    // just after the change.
    const long = 'milk\n'.repeat(20_000);
    await api.saveDraft({ noteId: note.id, title: 'Groceries', body: long, tags: ['home'] });
    const onTheWay = `${long}and the`;
    const edit = (base: string, insert: string) => ({ from: base.length, to: base.length, insert, baseLength: base.length, baseHash: textHash(base) });
    const closing = api.commitDraft({ noteId: note.id, bodyEdits: [edit(onTheWay, ' last words'), edit(`${long}x`, 'never')] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await api.saveDraft({ noteId: note.id, title: 'Groceries', body: onTheWay, tags: ['home'] });
    expect(await closing).toMatchObject({ body: `${long}and the last words`, draft: null });
    // The other order: the save on its way never came; the change made on the last saved draft applies.
    await api.saveDraft({ noteId: note.id, title: 'Groceries', body: long, tags: ['home'] });
    expect(await api.commitDraft({ noteId: note.id, bodyEdits: [edit(onTheWay, ' last words'), edit(long, 'and the last words')] })).toMatchObject({ body: `${long}and the last words` });
    await expect(api.commitDraft({ noteId: note.id, body: 'x', bodyEdits: [edit(long, '')] })).rejects.toThrow(/not both/u);
    // A save sent earlier but arriving later (by the other connection) does not overwrite newer text.
    await api.saveDraft({ noteId: note.id, title: 'Groceries', body: 'newest', tags: ['home'], sent: 2000 });
    await api.saveDraft({ noteId: note.id, title: 'Groceries', body: 'older', tags: ['home'], sent: 1000 });
    expect((await api.getNote({ noteId: note.id })).draft).toMatchObject({ body: 'newest' });
    await api.commitDraft({ noteId: note.id, body: 'milk\neggs\nflour\n' });

    await api.saveDraft({ noteId: note.id, title: 'Groceries', body: 'oops', tags: [] });
    expect(await api.discardDraft({ noteId: note.id })).toMatchObject({ body: 'milk\neggs\nflour\n', draft: null });

    expect((await api.search({ query: 'eggs' })).map((h) => h.note.id)).toEqual([note.id]);
    expect(await api.search({ query: 'egg' })).toEqual([]);
    expect((await api.search({ query: 'egg', asYouType: true })).map((h) => h.note.id)).toEqual([note.id]);
    // One letter typed so far is the start of a title or tag, not of any word in any body.
    expect((await api.search({ query: 'g', asYouType: true })).map((h) => h.note.id)).toEqual([note.id]);
    expect(await api.search({ query: 'e', asYouType: true })).toEqual([]);
    expect((await api.listNotes({ limit: 1, noteIds: [note.id] })).map((n) => n.title)).toEqual(['Groceries']);
    expect(await api.listTags()).toEqual([{ tag: 'home', notes: 1 }]);
    expect((await api.listNotes({ tag: 'home' })).map((n) => n.title)).toEqual(['Groceries']);
    await api.trashNote({ noteId: note.id });
    expect(await api.listNotes()).toEqual([]);
    expect((await api.listNotes({ trash: true })).map((n) => n.id)).toEqual([note.id]);
    expect(await api.restoreNote({ noteId: note.id })).toMatchObject({ deleted: false });
    // Searching in a tag's list searches the notes carrying it.
    const other = await api.createNote({ title: 'Egg timer', tags: ['kitchen'] });
    expect((await api.search({ query: 'egg', asYouType: true })).map((h) => h.note.title).sort()).toEqual(['Egg timer', 'Groceries']);
    expect((await api.search({ query: 'egg', asYouType: true, tag: 'home' })).map((h) => h.note.title)).toEqual(['Groceries']);
    expect((await api.search({ query: 'egg', asYouType: true, tag: 'kitchen' })).map((h) => h.note.title)).toEqual(['Egg timer']);
    // Searching in the trash searches the trash, not the notes outside it.
    await api.trashNote({ noteId: other.id });
    expect((await api.search({ query: 'egg', asYouType: true, trash: true })).map((h) => h.note.title)).toEqual(['Egg timer']);
    expect((await api.search({ query: 'egg', asYouType: true })).map((h) => h.note.title)).toEqual(['Groceries']);
  });

  it('the journal of days: today is one call away, and the calendar lists the days with entries', async () => {
    const { api } = appOn(machines.first('laptop'));
    const today = await api.today();
    expect(today.day).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
    expect((await api.today()).id).toBe(today.id);
    expect(await api.journalDays({ month: today.day!.slice(0, 7) })).toEqual([{ day: today.day, noteId: today.id, snippet: '' }]);
    await api.saveDraft({ noteId: today.id, title: today.title, body: '# Morning\n\nWalked to the **harbour**.', tags: today.tags });
    await api.commitDraft({ noteId: today.id });
    // Each day with the start of what it says, as lists show it.
    expect(await api.journalDays({ month: today.day!.slice(0, 7) })).toEqual([{ day: today.day, noteId: today.id, snippet: 'Morning Walked to the harbour.' }]);
    expect(await api.journalDays({ month: '1999-01' })).toEqual([]);
  });

  it('today’s entry opened in the app is written with its first words, not by looking at it', async () => {
    const laptop = machines.first('laptop');
    const { api, events } = appOn(laptop);
    const blank = await api.today({ blank: true });
    expect(blank).toMatchObject({ heads: [], body: '', tags: ['journal'], draft: null, day: blank.title });
    expect(await api.getNote({ noteId: blank.id })).toEqual(blank);
    expect(await api.history({ noteId: blank.id })).toEqual([]);
    expect(await api.listNotes({})).toEqual([]);
    expect((await api.syncStatus({})).pending).toBe(0);
    // Left without a word: still nothing written.
    expect(await api.commitDraft({ noteId: blank.id })).toMatchObject({ heads: [] });
    expect(events).toEqual([]);

    // The first words are saved, durably, as the entry's first draft: a reloaded page gets them back.
    await api.saveDraft({ noteId: blank.id, title: blank.title, body: 'Walked to the lighthouse.', tags: ['journal'] });
    expect(await api.getNote({ noteId: blank.id })).toMatchObject({ heads: [], body: '', day: blank.title, draft: { body: 'Walked to the lighthouse.' } });
    // Lists show the entry being written, with its day and its words; no version is written yet.
    expect(events).toEqual([{ name: 'notesChanged', payload: { noteIds: [blank.id], origin: 'draft' } }]);
    expect(await api.listNotes({})).toEqual([expect.objectContaining({ id: blank.id, title: blank.title, heads: [], day: blank.title, snippet: 'Walked to the lighthouse.' })]);
    expect(await api.listTags({})).toEqual([{ tag: 'journal', notes: 1 }]);
    expect((await api.syncStatus({})).pending).toBe(0);
    // Their commit writes the entry: one version, with the words typed.
    expect(await api.commitDraft({ noteId: blank.id })).toMatchObject({ body: 'Walked to the lighthouse.', draft: null });
    expect(events.slice(1)).toEqual([{ name: 'notesChanged', payload: { noteIds: [blank.id], origin: 'local' } }]);
    expect(await api.listNotes({})).toEqual([expect.objectContaining({ id: blank.id, heads: [expect.any(String)], day: blank.title })]);
    expect(await api.today({ blank: true })).toMatchObject({ id: blank.id, body: 'Walked to the lighthouse.' });
    expect(laptop.history(blank.id)).toEqual([expect.objectContaining({ parents: [], body: 'Walked to the lighthouse.' })]);
    expect((await api.syncStatus({})).pending).toBe(1);

    // The next day, the page closes on its first words: the last request starts the entry too.
    clock.tick(86_400_000);
    const next = await api.today({ blank: true });
    expect(next.heads).toEqual([]);
    expect(await api.commitDraft({ noteId: next.id, body: 'Rain all day.' })).toMatchObject({ title: next.title, body: 'Rain all day.', tags: ['journal'] });
  });

  it('another day’s entry opens blank from the calendar and is written with its first words', async () => {
    const laptop = machines.first('laptop');
    const { api, events } = appOn(laptop);
    const blank = await api.today({ blank: true, day: '2026-03-14' });
    expect(blank).toMatchObject({ title: '2026-03-14', tags: ['journal'], heads: [], day: '2026-03-14', draft: null });
    expect(await api.getNote({ noteId: blank.id })).toEqual(blank);
    expect(await api.commitDraft({ noteId: blank.id })).toMatchObject({ heads: [] });
    expect(events).toEqual([]);
    await api.saveDraft({ noteId: blank.id, title: '2026-03-14', body: 'Pi day: baked a pie.', tags: ['journal'] });
    // The calendar marks the day from its first words, as the list shows the entry.
    expect(await api.journalDays({ month: '2026-03' })).toEqual([{ day: '2026-03-14', noteId: blank.id, snippet: 'Pi day: baked a pie.' }]);
    expect(await api.commitDraft({ noteId: blank.id })).toMatchObject({ body: 'Pi day: baked a pie.', day: '2026-03-14' });
    expect(await api.journalDays({ month: '2026-03' })).toEqual([{ day: '2026-03-14', noteId: blank.id, snippet: 'Pi day: baked a pie.' }]);
    await expect(api.today({ day: '2026-02-30' })).rejects.toMatchObject({ code: 'BadInput' });
  });

  it('a new note opened in the app is written with its first words; one left without a word leaves nothing', async () => {
    const laptop = machines.first('laptop');
    const { api, events } = appOn(laptop);
    const left = await api.createNote({ blank: true });
    expect(left).toMatchObject({ title: '', body: '', tags: [], heads: [], draft: null, day: null });
    expect(await api.getNote({ noteId: left.id })).toEqual(left);
    expect(await api.history({ noteId: left.id })).toEqual([]);
    // The page leaves it: its last request carries nothing typed.
    expect(await api.commitDraft({ noteId: left.id })).toMatchObject({ heads: [] });
    expect(await api.listNotes({})).toEqual([]);
    expect((await api.syncStatus({})).pending).toBe(0);
    expect(events).toEqual([]);

    const typed = await api.createNote({ blank: true });
    expect(typed.id).not.toBe(left.id);
    await api.saveDraft({ noteId: typed.id, title: 'Tram', body: '', tags: [] });
    // In the list from its first words, not only once typing pauses.
    expect(events).toEqual([{ name: 'notesChanged', payload: { noteIds: [typed.id], origin: 'draft' } }]);
    // Lists show its title as it is typed on; saves of its text alone change no list.
    await api.saveDraft({ noteId: typed.id, title: 'Tram 28', body: '', tags: [] });
    expect(await api.getNote({ noteId: typed.id })).toMatchObject({ title: '', heads: [], draft: { title: 'Tram 28' } });
    expect(events).toHaveLength(2);
    await api.saveDraft({ noteId: typed.id, title: 'Tram 28', body: 'From Martim Moniz.', tags: [] });
    expect(events).toHaveLength(2);
    expect(await api.listNotes({})).toEqual([expect.objectContaining({ id: typed.id, title: 'Tram 28', heads: [], day: null, snippet: 'From Martim Moniz.' })]);
    expect((await api.syncStatus({})).pending).toBe(0);
    expect(await api.commitDraft({ noteId: typed.id })).toMatchObject({ title: 'Tram 28', body: 'From Martim Moniz.', draft: null });
    expect(events.slice(2)).toEqual([{ name: 'notesChanged', payload: { noteIds: [typed.id], origin: 'local' } }]);
    expect((await api.listNotes({})).map((n) => n.title)).toEqual(['Tram 28']);
    // One note written, one change to sync: its history begins with the words, not an empty note.
    expect(laptop.history(typed.id).map((v) => [v.title, v.body])).toEqual([['Tram 28', 'From Martim Moniz.']]);
    expect((await api.syncStatus({})).pending).toBe(1);

    // Typed, then all deleted again: the note stays unwritten, and leaves the list.
    const undone = await api.createNote({ blank: true });
    await api.saveDraft({ noteId: undone.id, title: 'Oops', body: '', tags: [] });
    await api.saveDraft({ noteId: undone.id, title: '', body: '', tags: [] });
    expect((await api.listNotes({})).map((n) => n.title)).toEqual(['', 'Tram 28']);
    events.length = 0;
    expect(await api.commitDraft({ noteId: undone.id })).toMatchObject({ heads: [], draft: null });
    expect(events).toEqual([{ name: 'notesChanged', payload: { noteIds: [undone.id], origin: 'draft' } }]);
    expect((await api.listNotes({})).map((n) => n.title)).toEqual(['Tram 28']);

    // A closing page's only request, on its first words, writes the note too.
    const closing = await api.createNote({ blank: true });
    expect(await api.commitDraft({ noteId: closing.id, title: 'Ferry times', body: '08:15' })).toMatchObject({ title: 'Ferry times', body: '08:15', tags: [] });
    // A blank note takes no fields.
    await expect(api.createNote({ blank: true, title: 'x' })).rejects.toMatchObject({ code: 'BadInput' });
  });

  it('today’s blank entry typed in two windows at once keeps both windows’ words', async () => {
    const laptop = machines.first('laptop');
    const { api } = appOn(laptop);
    const blank = await api.today({ blank: true });
    const typedOn = fieldsHash(blank);
    const fields = (body: string) => ({ noteId: blank.id, title: blank.title, body, tags: ['journal'], typedOn });
    await api.saveDraft({ ...fields('Morning: swim.\n'), page: 'window A', sent: 1 });
    // Window B, opened on the same blank day, types before A commits: A's words become the
    // entry's first version, and B's typing, begun on nothing, stands beside it.
    await api.saveDraft({ ...fields('Evening: read.\n'), page: 'window B', sent: 1 });
    await api.commitDraft({ noteId: blank.id, page: 'window B' });
    const bodies = laptop.history(blank.id).map((v) => [v.body, v.parents.length]);
    expect(bodies).toEqual(expect.arrayContaining([['Morning: swim.\n', 0], ['Evening: read.\n', 0]]));
    // A day's entry merges as a union: both windows' words are shown, without a conflict.
    const entry = laptop.note(blank.id);
    expect(entry).toMatchObject({ conflict: false, heads: [expect.any(String), expect.any(String)] });
    expect(entry.body).toContain('Morning: swim.');
    expect(entry.body).toContain('Evening: read.');
  });

  describe('a new note being typed in one window, opened from the list in another and typed on there', () => {
    /** Window A types the note's first words; window B opens it from its list: A's draft, not yet a version. */
    async function typedInAOpenedInB() {
      const laptop = machines.first('laptop');
      const { api } = appOn(laptop);
      const blank = await api.createNote({ blank: true });
      const typedOn = fieldsHash(blank);
      const inA = await api.saveDraft({ noteId: blank.id, title: 'Tram 28', body: 'From Martim Moniz', tags: [], typedOn, page: 'window A', sent: 1 });
      expect((await api.listNotes({})).map((n) => n.id)).toEqual([blank.id]);
      clock.tick(1_000);
      const opened = await api.getNote({ noteId: blank.id });
      expect(opened).toMatchObject({ heads: [], draft: { title: 'Tram 28', body: 'From Martim Moniz' } });
      const typeInB = (body: string, draftSaved: number, sent: number) => api.saveDraft({ noteId: blank.id, title: 'Tram 28', body, tags: [], typedOn, page: 'window B', sent, draftSaved });
      /** A's pause: a commit with nothing of A's own unsaved, from A's last save. */
      const pauseInA = () => api.commitDraft({ noteId: blank.id, page: 'window A', draftSaved: inA.saved });
      return { laptop, api, noteId: blank.id, draftSaved: opened.draft!.saved, typeInB, pauseInA };
    }

    it('is one note with one version, though A’s typing pauses while B types on', async () => {
      const { laptop, api, noteId, draftSaved, typeInB, pauseInA } = await typedInAOpenedInB();
      const { saved } = await typeInB('From Martim Moniz, up', draftSaved, 1);
      // A's pause: A has nothing of its own unsaved, and the draft is B's, still being typed.
      await pauseInA();
      expect(laptop.hasNote(noteId)).toBe(false);
      await typeInB('From Martim Moniz, up to the castle.', saved, 2);
      await api.commitDraft({ noteId, page: 'window B' });
      expect(laptop.history(noteId).map((v) => [v.body, v.parents.length])).toEqual([['From Martim Moniz, up to the castle.', 0]]);
      expect(laptop.note(noteId).conflict).toBe(false);
    });

    it('types on in the version A’s words became, when A’s commit lands before B’s first save', async () => {
      const { laptop, api, noteId, draftSaved, typeInB, pauseInA } = await typedInAOpenedInB();
      await pauseInA();
      const [first] = laptop.history(noteId);
      await typeInB('From Martim Moniz, up to the castle.', draftSaved, 1);
      await api.commitDraft({ noteId, page: 'window B' });
      expect(laptop.history(noteId).map((v) => [v.body, v.parents])).toEqual([
        ['From Martim Moniz, up to the castle.', [first!.id]],
        ['From Martim Moniz', []],
      ]);
      expect(laptop.note(noteId).conflict).toBe(false);
    });

    it('still has B’s draft committed by A once B has left it (a window gone without a word)', async () => {
      const { laptop, noteId, draftSaved, typeInB, pauseInA } = await typedInAOpenedInB();
      await typeInB('From Martim Moniz, up', draftSaved, 1);
      clock.tick(60_000);
      await pauseInA();
      expect(laptop.note(noteId).body).toBe('From Martim Moniz, up');
    });
  });

  it('two windows on one note never write over each other’s words: they merge like two devices', async () => {
    const laptop = machines.first('laptop');
    const { api, events } = appOn(laptop);
    const note = await api.createNote({ title: 'Trip', body: 'Lisbon, three days\n\nsee the tiles\n' });
    const typedOn = fieldsHash({ title: 'Trip', body: 'Lisbon, three days\n\nsee the tiles\n', tags: [] });
    events.length = 0;
    // Window A fixes the first line. Window B, open on the note from before, never saw A's draft:
    // its typing begins on the same text, and adds a line at the end. (B's clock is behind A's.)
    await api.saveDraft({ noteId: note.id, title: 'Trip', body: 'Lisbon, four days\n\nsee the tiles\n', tags: [], typedOn, page: 'window A', sent: 2000 });
    await api.saveDraft({ noteId: note.id, title: 'Trip', body: 'Lisbon, three days\n\nsee the tiles\nride tram 28\n', tags: [], typedOn, page: 'window B', sent: 1000 });
    // A's words were kept as a version before B's draft took the note's one draft, and the pages were told.
    expect(laptop.history(note.id).map((v) => v.body)[0]).toBe('Lisbon, four days\n\nsee the tiles\n');
    expect(events).toEqual([{ name: 'notesChanged', payload: { noteIds: [note.id], origin: 'local' } }]);
    expect(await api.commitDraft({ noteId: note.id, page: 'window B' })).toMatchObject({ body: 'Lisbon, four days\n\nsee the tiles\nride tram 28\n', conflict: false });

    // Each window's own saves replace only its own draft.
    const merged = fieldsHash({ title: 'Trip', body: 'Lisbon, four days\n\nsee the tiles\nride tram 28\n', tags: [] });
    await api.saveDraft({ noteId: note.id, title: 'Trip', body: 'Lisbon, four days\n\nsee the tiles\nride tram 28\nfado', tags: [], typedOn: merged, page: 'window A', sent: 3000 });
    await api.saveDraft({ noteId: note.id, title: 'Trip', body: 'Lisbon, four days\n\nsee the tiles\nride tram 28\nfado at night', tags: [], typedOn: merged, page: 'window A', sent: 3100 });
    expect(await api.commitDraft({ noteId: note.id, page: 'window A' })).toMatchObject({ body: 'Lisbon, four days\n\nsee the tiles\nride tram 28\nfado at night' });
    // Created, A's fix, B's line (merged with it in the view), A's last words on the merge.
    expect(laptop.history(note.id).map((v) => v.parents.length)).toEqual([2, 1, 1, 0]);
  });

  it('a page reloaded over its own draft types on in it: one version, no conflict with itself', async () => {
    const laptop = machines.first('laptop');
    const { api } = appOn(laptop);
    const note = await api.createNote({ title: 'Letter', body: 'Dear Ana,\n' });
    const typedOn = fieldsHash({ title: 'Letter', body: 'Dear Ana,\n', tags: [] });
    const { saved } = await api.saveDraft({ noteId: note.id, title: 'Letter', body: 'Dear Ana,\nthe ferry', tags: [], typedOn, page: 'before the reload', sent: 1 });
    // The page died without its last request (no commit); the reloaded page opens the draft and goes on.
    expect((await api.getNote({ noteId: note.id })).draft).toMatchObject({ body: 'Dear Ana,\nthe ferry', saved });
    await api.saveDraft({ noteId: note.id, title: 'Letter', body: 'Dear Ana,\nthe ferry was late.', tags: [], typedOn, draftSaved: saved, page: 'after the reload', sent: 2 });
    expect(await api.commitDraft({ noteId: note.id, page: 'after the reload' })).toMatchObject({ body: 'Dear Ana,\nthe ferry was late.', conflict: false });
    expect(laptop.history(note.id)).toHaveLength(2);

    // Reloaded again, and the note left without a key typed: the draft it opened is its to commit.
    const again = await api.saveDraft({ noteId: note.id, title: 'Letter', body: 'Dear Ana,\nthe ferry was late. Again.', tags: [], page: 'before the second reload', sent: 3 });
    await api.commitDraft({ noteId: note.id, page: 'after the second reload', draftSaved: again.saved });
    expect(laptop.note(note.id).body).toBe('Dear Ana,\nthe ferry was late. Again.');
    expect(laptop.draft(note.id)).toBeNull();
  });

  it('history: every version with its device and time, any one readable and restorable', async () => {
    const { api } = appOn(machines.first('laptop'));
    const note = await api.createNote({ title: 'Plan', body: 'one\n' });
    clock.tick(60_000);
    await api.saveDraft({ noteId: note.id, title: 'Plan', body: 'one\ntwo\n', tags: [] });
    await api.commitDraft({ noteId: note.id });
    const history = await api.history({ noteId: note.id });
    expect(history.map((h) => [h.kind, h.device])).toEqual([
      ['edited', 'laptop'],
      ['created', 'laptop'],
    ]);
    expect((await api.getVersion({ versionId: history[1]!.id })).body).toBe('one\n');
    expect(await api.changesOf({ versionId: history[0]!.id })).toEqual({
      basis: 'parent',
      changes: {
        title: null,
        tags: { removed: [], added: [] },
        lines: [
          { kind: 'same', text: 'one' },
          { kind: 'added', text: 'two' },
        ],
      },
    });
    expect(await api.changesOf({ versionId: history[1]!.id })).toMatchObject({ basis: 'nothing', changes: { title: { from: '', to: 'Plan' }, lines: [{ kind: 'added', text: 'one' }] } });
    expect(await api.restoreVersion({ noteId: note.id, versionId: history[1]!.id })).toMatchObject({ body: 'one\n' });
  });

  it('history: an edit on top of a merge is what its device changed in the merged text; a resolution says so', async () => {
    const laptop = machines.first('laptop');
    const note = laptop.createNote({ title: 'Groceries', body: '- milk\n- eggs\n' });
    const desk = await machines.cloneOf(laptop, 'desk');
    laptop.editNote(note.id, { body: '- oat milk\n- eggs\n' });
    desk.editNote(note.id, { body: '- milk\n- eggs\n- bread\n' });
    await machines.carry(desk, laptop);
    // The laptop types in the merged text: its next version records the merge.
    laptop.editNote(note.id, { body: '- oat milk\n- eggs\n- bread\n- tea\n' });
    const { api } = appOn(laptop);
    const [merge] = await api.history({ noteId: note.id });
    expect(merge).toMatchObject({ kind: 'merged', changed: ['body'], device: 'laptop' });
    const added = (await api.changesOf({ versionId: merge!.id })).changes.lines.filter((l) => l.kind !== 'same');
    expect(added).toEqual([{ kind: 'added', text: '- tea' }]);
    // Both change the same line: the laptop resolves the conflict by hand.
    await machines.carry(laptop, desk);
    laptop.editNote(note.id, { body: '- soy milk\n- eggs\n- bread\n- tea\n' });
    desk.editNote(note.id, { body: '- almond milk\n- eggs\n- bread\n- tea\n' });
    await machines.carry(desk, laptop);
    await api.resolveConflict({ noteId: note.id, body: '- soy milk\n- almond milk\n- eggs\n- bread\n- tea\n' });
    const [resolution] = await api.history({ noteId: note.id });
    expect(resolution).toMatchObject({ kind: 'resolved' });
    expect((await api.changesOf({ versionId: resolution!.id })).basis).toBe('conflict');
  });

  it('lists show each note with a plain line of what it says', async () => {
    const { api } = appOn(machines.first('laptop'));
    await api.createNote({ title: 'Groceries', body: '# Groceries\n\n- **milk**\n- eggs\n' });
    expect((await api.listNotes()).map((n) => n.snippet)).toEqual(['milk eggs']);
    expect((await api.search({ query: 'milk' }))[0]!.note.snippet).toBe('milk eggs');
  });

  it('bundles: a USB stick carries a full bundle or what a peer lacks, and the other side imports it once', async () => {
    const laptop = machines.first('laptop');
    const desk = await machines.cloneOf(laptop, 'desk');
    const stick = folders.make('ferry-stick-');
    const fromDesk = appOn(desk);
    await fromDesk.api.createNote({ title: 'Written at the desk' });
    const made = await fromDesk.api.exportBundle({ path: stick, peer: laptop.replicaId });
    expect(made).toMatchObject({ versions: 1, peer: 'laptop' });
    expect(made.file.startsWith(stick)).toBe(true);
    const onLaptop = appOn(laptop);
    expect(await onLaptop.api.importBundle({ path: made.file })).toMatchObject({ stored: 1, notes: 1 });
    expect(onLaptop.events.some((e) => e.name === 'notesChanged' && (e.payload as { origin: string }).origin === 'bundle')).toBe(true);
    expect(await onLaptop.api.importBundle({ path: made.file })).toMatchObject({ run: null, stored: 0, alreadyHeld: 1 });
    expect((await fromDesk.api.exportBundle({ path: `${stick}/everything` })).file).toBe(`${stick}/everything.ferry`);
    await expect(onLaptop.api.importBundle({ path: `${stick}/missing.ferry` })).rejects.toMatchObject({ code: expect.any(String) as unknown });
  });

  it('conflicts: both heads side by side with their ancestor; a merged text resolves it', async () => {
    const laptop = machines.first('laptop');
    const note = laptop.createNote({ title: 'Trip', body: 'Lisbon\n' });
    const desk = await machines.cloneOf(laptop, 'desk');
    laptop.editNote(note.id, { title: 'Trip to Lisbon' });
    desk.editNote(note.id, { title: 'Trip in May' });
    await machines.carry(desk, laptop);
    const { api } = appOn(laptop);
    expect((await api.conflicts()).map((n) => n.id)).toEqual([note.id]);
    const { heads, base, changes, merged } = await api.conflictHeads({ noteId: note.id });
    expect(heads.map((h) => h.title).sort()).toEqual(['Trip in May', 'Trip to Lisbon']);
    // Which version was written here, on the laptop.
    expect(heads.map((h) => [h.title, h.device, h.here]).sort()).toEqual([
      ['Trip in May', 'desk', false],
      ['Trip to Lisbon', 'laptop', true],
    ]);
    expect(base).toEqual({ versions: [note.heads[0]], time: note.updated });
    // Each head beside what it changed since then.
    expect(changes.map((c) => c.title)).toEqual(heads.map((h) => ({ from: 'Trip', to: h.title })));
    expect(merged).toBe('Lisbon\n');
    const resolved = await api.resolveConflict({ noteId: note.id, title: 'Trip to Lisbon in May' });
    expect(resolved).toMatchObject({ title: 'Trip to Lisbon in May', conflict: false });
    expect(await api.conflicts()).toEqual([]);
    await expect(api.conflictHeads({ noteId: note.id })).rejects.toMatchObject({ code: 'BadInput' });
  });

  it('conflicts: the two texts merged to finish by hand, marked only where they collide', async () => {
    const laptop = machines.first('laptop');
    const plan = '# Trip\n- train at 9:40\n- pack\n- hotel\n- boots';
    const note = laptop.createNote({ title: 'Trip', body: plan });
    const desk = await machines.cloneOf(laptop, 'desk');
    laptop.editNote(note.id, { body: plan.replace('9:40', '9:40, platform 4').replace('- hotel', '- hotel, 3 nights') });
    desk.editNote(note.id, { body: `${plan.replace('9:40', '10:15')}\n- map` });
    await machines.carry(desk, laptop);
    const { heads, merged } = await appOn(laptop).api.conflictHeads({ noteId: note.id });
    const [ours = '', theirs = ''] = heads.map((h) => h.device);
    const train: Record<string, string> = { laptop: '- train at 9:40, platform 4\n', desk: '- train at 10:15\n' };
    expect(merged).toBe(`# Trip\n<<<<<<< ${ours}\n${train[ours]}=======\n${train[theirs]}>>>>>>> ${theirs}\n- pack\n- hotel, 3 nights\n- boots\n- map`);
  });

  it('conflicts after each device merged the other’s edit: compared with that merge, marked only where they collide', async () => {
    const laptop = machines.first('laptop');
    const list = '- milk\n- eggs\n- bread\n- tea\n- rice\n';
    const note = laptop.createNote({ title: 'Groceries', body: list });
    const desk = await machines.cloneOf(laptop, 'desk');
    laptop.editNote(note.id, { body: list.replace('- milk', '- oat milk') });
    desk.editNote(note.id, { body: `${list}- apples\n` });
    await machines.carry(laptop, desk);
    await machines.carry(desk, laptop);
    const sharedText = '- oat milk\n- eggs\n- bread\n- tea\n- rice\n- apples\n';
    expect(laptop.note(note.id)).toMatchObject({ conflict: false, body: sharedText });
    // Both edit the merged text (each edit records the merge): the same line differently, and the
    // desk also drops the tea. Their common ancestors are the two edits merged before: criss-cross.
    laptop.editNote(note.id, { body: sharedText.replace('- oat milk', '- soy milk') });
    desk.editNote(note.id, { body: sharedText.replace('- oat milk', '- almond milk').replace('- tea\n', '') });
    await machines.carry(desk, laptop);
    const { heads, base, changes, merged } = await appOn(laptop).api.conflictHeads({ noteId: note.id });
    expect(base?.versions).toHaveLength(2);
    // Each column shows only what its device changed in the text both had.
    const changedLines = changes.map((c) => c.lines.filter((l) => l.kind === 'added' || l.kind === 'removed').map((l) => `${l.kind} ${'text' in l ? l.text : ''}`));
    const byDevice = Object.fromEntries(heads.map((h, i) => [h.device, changedLines[i]]));
    expect(byDevice).toEqual({ laptop: ['removed - oat milk', 'added - soy milk'], desk: ['removed - oat milk', 'added - almond milk', 'removed - tea'] });
    // The text to finish by hand collides on the milk alone; the tea stays dropped.
    const [ours = '', theirs = ''] = heads.map((h) => h.device);
    const milk: Record<string, string> = { laptop: '- soy milk\n', desk: '- almond milk\n' };
    expect(merged).toBe(`<<<<<<< ${ours}\n${milk[ours]}=======\n${milk[theirs]}>>>>>>> ${theirs}\n- eggs\n- bread\n- rice\n- apples\n`);
  });

  it('conflicts of three devices: each column is what its device changed in the text all three had', async () => {
    const laptop = machines.first('laptop');
    const note = laptop.createNote({ title: 'Groceries', body: '- milk\n- eggs\n' });
    const desk = await machines.cloneOf(laptop, 'desk');
    const phone = await machines.cloneOf(laptop, 'phone');
    laptop.editNote(note.id, { body: '- soy milk\n- eggs\n' });
    desk.editNote(note.id, { body: '- oat milk\n- eggs\n' });
    phone.editNote(note.id, { body: '- almond milk\n- eggs\n' });
    await machines.carry(desk, laptop);
    await machines.carry(phone, laptop);
    const { heads, base, changes, merged } = await appOn(laptop).api.conflictHeads({ noteId: note.id });
    expect(heads).toHaveLength(3);
    expect(base?.versions).toEqual([note.heads[0]]);
    const added = Object.fromEntries(heads.map((h, i) => [h.device, changes[i]!.lines.filter((l) => l.kind === 'added').map((l) => ('text' in l ? l.text : ''))]));
    expect(added).toEqual({ laptop: ['- soy milk'], desk: ['- oat milk'], phone: ['- almond milk'] });
    expect(merged).toBeNull();
  });

  it('devices and runs: the peers heard of, a bundle import as a run, and undoing it', async () => {
    const laptop = machines.first('laptop');
    const desk = await machines.cloneOf(laptop, 'desk');
    const note = desk.createNote({ title: 'From the desk' });
    await machines.carry(desk, laptop);
    const { api } = appOn(laptop);
    const peers = await api.peers();
    expect(peers.find((p) => p.self)?.deviceName).toBe('laptop');
    expect(peers.find((p) => !p.self)).toMatchObject({ deviceName: 'desk' });
    const [run] = await api.runs({ limit: 5 });
    expect(run).toMatchObject({ kind: 'bundle', versions: 1, notes: [{ noteId: note.id, change: 'created' }] });
    expect(await api.undoRun({ run: run!.run })).toEqual({ notes: 1 });
    expect((await api.listNotes()).map((n) => n.id)).not.toContain(note.id);
  });

  it('settings: the device name, the sync server and exchange folders', async () => {
    const { api } = appOn(machines.first('laptop'));
    expect(await api.setDeviceName({ name: 'Work laptop' })).toMatchObject({ deviceName: 'Work laptop' });
    const folder = folders.make('ferry-exchange-');
    expect((await api.addExchangeFolder({ path: folder })).exchangeFolders).toEqual([{ path: folder, lastImport: null, lastWrite: null, lastError: null }]);
    expect((await api.removeExchangeFolder({ path: folder })).exchangeFolders).toEqual([]);
    // A file, or a path with no folder to start from, is refused and nothing is added.
    const file = join(folder, 'notes.md');
    writeFileSync(file, 'not a folder');
    await expect(api.addExchangeFolder({ path: file })).rejects.toMatchObject({ code: 'BadInput', message: expect.stringContaining(`${file} is a file, not a folder`) });
    await expect(api.addExchangeFolder({ path: 'usb/ferry' })).rejects.toMatchObject({ code: 'BadInput', message: expect.stringContaining('is not a whole path') });
    expect((await api.settings()).exchangeFolders).toEqual([]);
    // So is a bundle's path that does not say where it is (the engine's working folder is no one's).
    await expect(api.exportBundle({ path: 'laptop.ferry' })).rejects.toMatchObject({ code: 'BadInput', message: expect.stringContaining('“laptop.ferry” is not a whole path') });
    await expect(api.importBundle({ path: 'laptop.ferry' })).rejects.toMatchObject({ code: 'BadInput', message: expect.stringContaining('“laptop.ferry” is not a whole path') });
    await expect(api.setRemote({ url: 'ftp://example.org', token: 'x' })).rejects.toMatchObject({ code: 'BadInput' });
    expect(await api.setRemote({ url: 'http://127.0.0.1:9', token: 'ferry_x' })).toMatchObject({ remote: { url: 'http://127.0.0.1:9', hasToken: true } });
    expect((await api.settings()).remote).not.toBeNull();
    await expect(api.testConnection({ url: 'http://127.0.0.1:9', token: 'ferry_x' })).rejects.toMatchObject({ code: 'Offline' });
    expect(await api.removeRemote()).toMatchObject({ remote: null });
  });

  it('sync: the status tells the truth, Sync now syncs, and pause and resume are honoured', async () => {
    const laptop = machines.first('laptop');
    const server = testServer(folders, clock.now);
    const token = await server.token(laptop.journalId);
    laptop.setRemote('memory:', token);
    const engine = new SyncEngine({ journal: laptop, connect: () => server.transport(token), clock: clock.now });
    const { api, events } = appOn(laptop, engine);
    await api.createNote({ title: 'To sync' });
    expect(await api.syncStatus()).toMatchObject({ state: 'pending', pending: 1 });
    await api.syncNow();
    await engine.settled();
    expect(await api.syncStatus()).toMatchObject({ state: 'synced', pending: 0 });
    expect(events.some((e) => e.name === 'syncStatus' && (e.payload as CallResult<'syncStatus'>).state === 'syncing')).toBe(true);
    expect(await api.pauseSync()).toMatchObject({ state: 'paused' });
    expect((await api.resumeSync()).state).not.toBe('paused');
    await engine.stop();

    // What another device pushed arrives as a sync, and the renderer is told which notes changed.
    const desk = await machines.cloneOf(laptop, 'desk');
    desk.setRemote('memory:', token);
    const fromDesk = desk.createNote({ title: 'Desk note' });
    await syncOnce(desk, server.transport(token));
    const again = new SyncEngine({ journal: laptop, connect: () => server.transport(token), clock: clock.now });
    const app = appOn(laptop, again);
    await app.api.syncNow();
    await again.settled();
    expect(app.events).toContainEqual({ name: 'notesChanged', payload: { noteIds: [fromDesk.id], origin: 'sync' } });
    await again.stop();
    await server.close();
  });

  it('a desk that holds nothing yet joins the laptop’s journal on its first sync, and the page is told before the notes', async () => {
    const laptop = machines.first('laptop');
    laptop.createNote({ title: 'Garden plan' });
    laptop.today();
    const server = testServer(folders, clock.now);
    const token = await server.token(laptop.journalId);
    laptop.setRemote('memory:', token);
    await syncOnce(laptop, server.transport(token));

    const desk = machines.first('desk');
    const engine = new SyncEngine({ journal: desk, connect: () => server.transport(token), clock: clock.now });
    const { api, events } = appOn(desk, engine);
    const staleDay = (await api.today({ blank: true })).id;
    await api.setRemote({ url: 'http://sync.example', token });
    await api.syncNow();
    await engine.settled();

    const told = events.map((e) => e.name).filter((name) => name !== 'syncStatus');
    expect(told.slice(told.indexOf('journalJoined'))).toEqual(['journalJoined', 'settingsChanged', 'notesChanged']);
    expect(events).toContainEqual({ name: 'journalJoined', payload: { journalId: laptop.journalId, from: 'memory:', devices: ['laptop'] } });
    expect((await api.settings()).journalId).toBe(laptop.journalId);
    expect((await api.listNotes({})).map((n) => n.title).sort()).toEqual([laptop.today().title, 'Garden plan'].sort());
    // Today's entry is now the laptop's, not the blank one the desk had opened.
    const today = await api.today({ blank: true });
    expect(today.id).not.toBe(staleDay);
    expect(today.heads).toHaveLength(1);
    expect(await api.syncStatus()).toMatchObject({ state: 'synced', lastError: null });
    await engine.stop();
    await server.close();
  });

  it('a desk with notes of its own joins the laptop’s journal when asked to bring them, and syncs them over', async () => {
    const laptop = machines.first('laptop');
    laptop.createNote({ title: 'Garden plan' });
    const storage = SqliteStorage.open(folders.make('ferry-server-'));
    const server = await createSyncServer({ storage, heartbeatMs: 60_000 }).listen('127.0.0.1', 0);
    try {
      const token = newToken([laptop.journalId], 'test', clock.now());
      await storage.createToken(token.record);
      laptop.setRemote(server.url, token.secret);
      await syncOnce(laptop, new HttpTransport({ url: server.url, token: token.secret }));

      const desk = machines.first('desk');
      const shopping = desk.createNote({ title: 'Shopping', body: 'Milk.' });
      const engine = new SyncEngine({ journal: desk, connect: (remote) => new HttpTransport({ url: remote.url, token: remote.token }), clock: clock.now });
      const { api, events } = appOn(desk, engine);
      expect(await api.testConnection({ url: server.url, token: token.secret })).toEqual({ outcome: 'another', journalId: laptop.journalId, versions: 0, journals: 1, heldHere: '1 note' });
      await expect(api.joinJournal({ url: server.url, token: token.secret, journalId: 'ab'.repeat(16) })).rejects.toMatchObject({ code: 'Forbidden' });

      const joined = await api.joinJournal({ url: server.url, token: token.secret, journalId: laptop.journalId });
      expect(joined).toMatchObject({ carried: 1, keptCopy: join(desk.path, `before-joining-${laptop.journalId.slice(0, 8)}`), settings: { journalId: laptop.journalId, remote: { url: server.url } } });
      expect(events.map((e) => e.name)).toEqual(expect.arrayContaining(['journalJoined', 'settingsChanged', 'notesChanged']));
      await vi.waitFor(async () => expect((await api.listNotes({})).map((n) => n.title).sort()).toEqual(['Garden plan', 'Shopping']), { timeout: 10_000 });
      await engine.settled();
      await syncOnce(laptop, new HttpTransport({ url: server.url, token: token.secret }));
      expect(laptop.note(shopping.id).body).toBe('Milk.');
      await engine.stop();
    } finally {
      await server.close();
    }
  });

  it('a full bundle imported by hand on a desk that holds nothing yet joins its journal; the page is told where from', async () => {
    const laptop = machines.first('laptop');
    laptop.createNote({ title: 'Garden plan' });
    const file = join(folders.make('ferry-usb-'), 'laptop.ferry');
    await createBundle(laptop, file, { all: true }, clock.now);
    const { api, events } = appOn(machines.first('desk'));
    expect(await api.importBundle({ path: file })).toMatchObject({ stored: 1, notes: 1, carried: null });
    expect(events).toContainEqual({ name: 'journalJoined', payload: { journalId: laptop.journalId, from: file, devices: ['laptop'] } });
    expect((await api.settings()).journalId).toBe(laptop.journalId);

    // A device with a note of its own is refused, and joins only when asked, bringing the note.
    const study = machines.first('study');
    const mine = study.createNote({ title: 'Mine' });
    const other = appOn(study);
    await expect(other.api.importBundle({ path: file })).rejects.toMatchObject({ code: 'JournalMismatch', message: expect.stringContaining('1 note of its own') });
    const joined = await other.api.importBundle({ path: file, join: true });
    expect(joined).toMatchObject({ stored: 1, carried: { notes: 1, keptCopy: join(study.path, `before-joining-${laptop.journalId.slice(0, 8)}`) } });
    expect(other.events).toContainEqual({ name: 'journalJoined', payload: { journalId: laptop.journalId, from: file, devices: ['laptop'] } });
    expect((await other.api.listNotes({})).map((n) => n.title).sort()).toEqual(['Garden plan', 'Mine']);
    expect((await other.api.getNote({ noteId: mine.id })).title).toBe('Mine');
  });

  it('without a sync engine the status says local, and sync controls say why they cannot', async () => {
    const { api } = appOn(machines.first('laptop'));
    expect(await api.syncStatus()).toMatchObject({ state: 'local' });
    await expect(api.syncNow()).rejects.toMatchObject({ code: 'NoRemote' });
  });

  it('the system’s file dialogs: offered only where the host has them, and their answer passed on', async () => {
    const browser = appOn(machines.first('laptop')).api;
    expect(await browser.hostFeatures()).toEqual({ fileDialogs: false });
    await expect(browser.choosePath({ purpose: 'importBundle' })).rejects.toMatchObject({ code: 'BadInput', message: expect.stringContaining('type the path') });

    const asked: unknown[] = [];
    const desktop = appOn(machines.first('desk'), null, {
      choose: (purpose, suggestedName) => {
        asked.push({ purpose, suggestedName });
        return Promise.resolve(purpose === 'exchangeFolder' ? null : '/media/usb/desk.ferry');
      },
    }).api;
    expect(await desktop.hostFeatures()).toEqual({ fileDialogs: true });
    expect(await desktop.choosePath({ purpose: 'exportBundle', suggestedName: 'desk.ferry' })).toEqual({ path: '/media/usb/desk.ferry' });
    expect(await desktop.choosePath({ purpose: 'exchangeFolder' })).toEqual({ path: null });
    expect(asked).toEqual([
      { purpose: 'exportBundle', suggestedName: 'desk.ferry' },
      { purpose: 'exchangeFolder', suggestedName: undefined },
    ]);
  });

  it('refuses malformed calls with the contract’s words, before the engine sees them', async () => {
    const service = new AppService({ journal: machines.first('laptop'), sync: null, watchFolders: false });
    services.push(service);
    expect(await serveCall(service.handlers, 'getNote', { noteId: '../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'BadInput' } });
    expect(await serveCall(service.handlers, 'createNote', { title: 5 })).toMatchObject({ ok: false, error: { code: 'BadInput' } });
    expect(await serveCall(service.handlers, 'listNotes', { extra: true })).toMatchObject({ ok: false, error: { code: 'BadInput' } });
    expect(await serveCall(service.handlers, 'dropTables', {})).toMatchObject({ ok: false, error: { code: 'NotFound' } });
    expect(await serveCall(service.handlers, 'getNote', { noteId: 'abcdef12' })).toMatchObject({ ok: false, error: { code: 'NotFound' } });
  });

  it('versions another process writes (ferry in a terminal) reach the page, and its own are not told twice', async () => {
    const laptop = machines.first('laptop');
    const plans = laptop.createNote({ title: 'Plans', body: 'Leave at 9\n' });
    // Not started: it is asked to sync, and is told of a server set elsewhere, and does nothing more.
    const engine = new SyncEngine({ journal: laptop, connect: () => { throw new Error('no network in this test'); } });
    const asked = { edits: vi.spyOn(engine, 'localEdit'), remote: vi.spyOn(engine, 'remoteChanged') };
    const service = new AppService({ journal: laptop, sync: engine, watchFolders: false, outsidePollMs: 5 });
    services.push(service);
    const told: string[][] = [];
    let settingsTold = 0;
    service.subscribe((name, payload) => {
      if (name === 'notesChanged') told.push((payload as { noteIds: string[] }).noteIds);
      if (name === 'settingsChanged') settingsTold++;
    });
    await service.start();

    const terminal = Journal.open(laptop.path);
    try {
      terminal.editNote(plans.id, { body: 'Leave at 10\n' });
      const packing = terminal.createNote({ title: 'Packing' });
      await vi.waitFor(() => expect(told.flat()).toEqual(expect.arrayContaining([plans.id, packing.id])));
      expect(laptop.note(plans.id).body).toBe('Leave at 10\n');
      expect(asked.edits).toHaveBeenCalled(); // what the terminal wrote is synced like an edit here
      expect(asked.remote).not.toHaveBeenCalled();

      // `ferry remote set` in the terminal: the app syncs with that server from now on, and an open Settings shows it.
      expect(settingsTold).toBe(0);
      terminal.setRemote('http://127.0.0.1:8123', 'ferry_from_the_terminal');
      await vi.waitFor(() => expect(asked.remote).toHaveBeenCalledOnce());
      expect(settingsTold).toBe(1);

      // What this process writes itself is told by the call that wrote it, not by the watch.
      told.length = 0;
      laptop.createNote({ title: 'Written in the app' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(told).toEqual([]);
    } finally {
      terminal.close();
    }
  });

  it('typing goes on whole when ferry runs beside the app: it leaves the draft being typed to the app', async () => {
    const laptop = machines.first('laptop');
    const { api } = appOn(laptop);
    const note = await api.createNote({ title: 'Letter', body: 'Dear Ana,\n' });
    const typedOn = fieldsHash({ title: 'Letter', body: 'Dear Ana,\n', tags: [] });
    await api.saveDraft({ noteId: note.id, title: 'Letter', body: 'Dear Ana,\nThe ferry was la', tags: [], typedOn });
    // `ferry status` in a terminal, on the same machine's clock, while the typing goes on.
    clock.tick(1_000);
    Journal.open(laptop.path, { clock: clock.now }).close();
    await api.saveDraft({ noteId: note.id, title: 'Letter', body: 'Dear Ana,\nThe ferry was late again.\n', tags: [], typedOn });
    expect(await api.commitDraft({ noteId: note.id })).toMatchObject({ body: 'Dear Ana,\nThe ferry was late again.\n', conflict: false, heads: [expect.any(String)] });
    expect(laptop.history(note.id)).toHaveLength(2);
  });

  it('an edit made with ferry to the very note being typed into merges with the typing', async () => {
    const laptop = machines.first('laptop');
    const { api } = appOn(laptop);
    const start = { title: 'Letter', body: 'Dear Ana,\n\nsee you soon\n\nYours, Bo\n', tags: [] };
    const note = await api.createNote(start);
    const typedOn = fieldsHash(start);
    await api.saveDraft({ noteId: note.id, ...start, body: 'Dear Ana,\nThe ferry was la\nsee you soon\n\nYours, Bo\n', typedOn });
    // `ferry edit ID --title …` in a terminal, mid-sentence.
    clock.tick(1_000);
    const terminal = Journal.open(laptop.path, { clock: clock.now });
    terminal.editNote(note.id, { title: 'Letter to Ana' });
    terminal.close();
    await api.saveDraft({ noteId: note.id, ...start, body: 'Dear Ana,\nThe ferry was late again.\nsee you soon\n\nYours, Bo\n', typedOn });
    expect(await api.commitDraft({ noteId: note.id })).toMatchObject({ conflict: false });
    expect(laptop.note(note.id)).toMatchObject({ title: 'Letter to Ana', body: 'Dear Ana,\nThe ferry was late again.\nsee you soon\n\nYours, Bo\n', conflict: false });
  });

  it('an exchange folder added with ferry while the app is open is watched at once', async () => {
    const laptop = machines.first('laptop');
    const desk = await machines.cloneOf(laptop, 'desk');
    const note = desk.createNote({ title: 'From the desk' });
    const stick = folders.make('ferry-stick-');
    await createBundle(desk, join(stick, 'desk.ferry'), { all: true });
    const service = new AppService({ journal: laptop, sync: null, outsidePollMs: 5 });
    services.push(service);
    await service.start();

    const events: { name: string; payload: unknown }[] = [];
    service.subscribe((name, payload) => events.push({ name, payload }));
    const terminal = Journal.open(laptop.path);
    terminal.addExchangeFolder(stick);
    terminal.close();
    await vi.waitFor(() => expect(laptop.note(note.id).title).toBe('From the desk'), { timeout: 15_000, interval: 50 });

    // Settings, open meanwhile, is told and shows what was done there: the desk's bundle imported,
    // then the laptop's own bundle written for the desk.
    await vi.waitFor(() => expect(existsSync(join(stick, ownBundleName('laptop', laptop.replicaId)))).toBe(true), { timeout: 15_000, interval: 50 });
    await vi.waitFor(() => expect(events.filter((e) => e.name === 'exchangeFolderChanged')).toHaveLength(2), { timeout: 15_000, interval: 50 });
    expect(events.filter((e) => e.name === 'exchangeFolderChanged').map((e) => e.payload)).toEqual([{ path: stick }, { path: stick }]);
    expect((await service.handlers.settings({})).exchangeFolders).toEqual([{
      path: stick,
      lastImport: { time: expect.any(Number), text: 'Imported 1 version from “desk” (desk.ferry)' },
      lastWrite: { time: expect.any(Number), text: `Wrote this device’s bundle (${ownBundleName('laptop', laptop.replicaId)}): nothing the other devices lack` },
      lastError: null,
    }]);
    // The status bar and the tray hear of it too: no server, but the notes travel by the folder.
    const statuses = () => events.filter((e) => e.name === 'syncStatus').map((e) => e.payload as SyncStatus);
    await vi.waitFor(() => expect(statuses().at(-1)?.exchange?.lastWrite).toEqual(expect.any(String)), { timeout: 15_000, interval: 50 });
    expect(statuses().at(-1)).toMatchObject({ state: 'local', exchange: { folders: 1, lastImport: expect.any(String), problem: null } });
    expect(await service.handlers.syncStatus({})).toEqual(statuses().at(-1));

    // The stick pulled: the status says the folder is gone, naming it, until it is back.
    rmSync(stick, { recursive: true });
    await vi.waitFor(() => expect(statuses().at(-1)?.exchange?.problem).toBe(`${stick}: ${folderMissing}`), { timeout: 15_000, interval: 50 });
    mkdirSync(stick);
    await vi.waitFor(() => expect(statuses().at(-1)?.exchange?.problem).toBeNull(), { timeout: 15_000, interval: 50 });
  });

  it('drafts left by a page that died become versions, told to the other pages like edits made here', async () => {
    const { api, service, events } = appOn(machines.first('laptop'));
    const typed = await api.createNote({});
    const untouched = await api.createNote({ title: 'Groceries' });
    await api.saveDraft({ noteId: typed.id, title: 'Trip to Lisbon', body: 'tram 28\n', tags: [] });
    await api.saveDraft({ noteId: untouched.id, title: 'Groceries', body: '', tags: [] });
    events.length = 0;
    service.commitLeftDrafts();
    expect(events).toEqual([{ name: 'notesChanged', payload: { noteIds: [typed.id], origin: 'local' } }]);
    expect(await api.getNote({ noteId: typed.id })).toMatchObject({ title: 'Trip to Lisbon', body: 'tram 28\n', draft: null });
    expect((await api.getNote({ noteId: untouched.id })).draft).toBeNull();
    service.commitLeftDrafts();
    expect(events).toHaveLength(1);
  });

  it('every call of the contract was made above, and each result matched its schema', () => {
    expect(callNames.filter((name) => !exercised.has(name))).toEqual([]);
  });
});
