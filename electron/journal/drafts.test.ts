// Typing is not versioning: what a person types is saved durably as a draft within a fraction of
// a second, and becomes a version when they pause, leave the note or quit. A draft left behind by
// a crash (a killed window, a power cut) is committed when the app starts again, or when the journal
// opens after it has rested a while (sooner, it may be the app typing in another process).
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestJournal, tempFolders, testClock } from '../testing/temp-journal.js';
import { distModule } from '../testing/dist.js';
import { draftLeftAfterMs, Journal } from './journal.js';
import { fieldsHash } from '../../shared/text-hash.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

/** Runs `body` in a child process, with `journal` open on `dir`; the body ends it by SIGKILL (nothing closed). What it printed. */
function killedWhile(dir: string, body: string): string {
  const script = `
    const { Journal } = await import(${JSON.stringify(distModule('electron/journal/journal.js'))});
    const journal = Journal.open(${JSON.stringify(dir)});
    ${body}
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(child.signal).toBe('SIGKILL');
  return child.stdout;
}

describe('drafts', () => {
  it('hold what is being typed without making versions, until committed as one version', () => {
    const clock = testClock();
    const journal = createTestJournal(folders.make(), { clock: clock.now });
    const note = journal.createNote({ title: 'Essay', body: 'Intro.\n' });
    for (const typed of ['Intro.\nF', 'Intro.\nFirst', 'Intro.\nFirst point.\n']) {
      clock.tick(300);
      journal.saveDraft(note.id, { title: 'Essay', body: typed, tags: ['writing'] });
    }
    expect(journal.draft(note.id)).toMatchObject({ body: 'Intro.\nFirst point.\n', tags: ['writing'], base: note.heads });
    expect(journal.history(note.id)).toHaveLength(1);
    expect(journal.note(note.id).body).toBe('Intro.\n');
    const committed = journal.commitDraft(note.id);
    expect(committed.version).toMatchObject({ parents: note.heads, body: 'Intro.\nFirst point.\n', tags: ['writing'] });
    expect(committed.note.body).toBe('Intro.\nFirst point.\n');
    expect(journal.draft(note.id)).toBeNull();
    expect(journal.history(note.id)).toHaveLength(2);
    journal.close();
  });

  it('begun on text loaded before a change made elsewhere merge with that change instead of writing over it', () => {
    const clock = testClock();
    const dir = folders.make();
    const app = createTestJournal(dir, { clock: clock.now });
    const loaded = app.createNote({ title: 'Packing', body: 'tent\nstove\nmap\n' });
    const typedOn = fieldsHash(loaded);

    // `ferry edit` in a terminal, before the app has heard of it.
    clock.tick();
    const terminal = Journal.open(dir, { clock: clock.now });
    terminal.editNote(loaded.id, { body: 'tent\ngas stove\nmap\n' });
    terminal.close();

    // The app's page types on the text it loaded, and says so.
    clock.tick();
    app.saveDraft(loaded.id, { title: 'Packing', body: 'tent\nstove\nmap\ncompass\n', tags: [] }, typedOn);
    expect(app.draft(loaded.id)?.base).toEqual(loaded.heads);
    app.commitDraft(loaded.id);
    expect(app.note(loaded.id)).toMatchObject({ body: 'tent\ngas stove\nmap\ncompass\n', conflict: false });
    expect(app.note(loaded.id).heads).toHaveLength(2);

    // Typing on the note as it is now (the usual case) takes its heads, as before.
    const now = app.note(loaded.id);
    app.saveDraft(loaded.id, { ...now, body: `${now.body}torch\n` }, fieldsHash(now));
    expect(app.draft(loaded.id)?.base).toEqual(expect.arrayContaining(now.heads));
    expect(app.commitDraft(loaded.id).note).toMatchObject({ body: 'tent\ngas stove\nmap\ncompass\ntorch\n', heads: [expect.any(String)] });
    app.close();
  });

  it('that change nothing leave no version behind', () => {
    const journal = createTestJournal(folders.make());
    const note = journal.createNote({ title: 'Same', body: 'text' });
    journal.saveDraft(note.id, { title: 'Same', body: 'text!', tags: [] });
    journal.saveDraft(note.id, { title: 'Same', body: 'text', tags: [] });
    expect(journal.commitDraft(note.id).version).toBeNull();
    expect(journal.history(note.id)).toHaveLength(1);
    journal.saveDraft(note.id, { title: 'Same', body: 'thrown away', tags: [] });
    journal.discardDraft(note.id);
    expect(journal.draft(note.id)).toBeNull();
    journal.close();
  });

  it('are committed before any other change to the note, so nothing typed is overwritten', () => {
    const journal = createTestJournal(folders.make());
    const note = journal.createNote({ title: 'List', body: 'a\n' });
    journal.saveDraft(note.id, { title: 'List', body: 'a\nb\n', tags: [] });
    journal.trashNote(note.id);
    const history = journal.history(note.id);
    expect(history.map((v) => [v.body, v.deleted])).toEqual([
      ['a\nb\n', true],
      ['a\nb\n', false],
      ['a\n', false],
    ]);
    journal.close();
  });

  it('keep the heads they were begun on, so an edit that lands meanwhile is not silently overwritten', () => {
    const journal = createTestJournal(folders.make());
    const note = journal.createNote({ title: 'Shared', body: 'v1' });
    journal.saveDraft(note.id, { title: 'Shared', body: 'v1 typed in the app', tags: [] });
    const draft = journal.draft(note.id)!;
    // The draft is committed first (it is older), then the edit: nothing is lost.
    const edited = journal.editNote(note.id, { body: 'v2 from the command line' });
    const [cli, typed] = journal.history(note.id);
    expect(typed).toMatchObject({ parents: draft.base, body: 'v1 typed in the app' });
    expect(cli).toMatchObject({ parents: [typed!.id], body: 'v2 from the command line' });
    expect(edited.note.body).toBe('v2 from the command line');
    journal.close();
  });

  it('survive the process being killed while typing, and are committed at the next start', () => {
    const dir = folders.make();
    const journal = createTestJournal(dir);
    const note = journal.createNote({ title: 'Crash test', body: 'saved before\n' });
    journal.close();
    // A child process types into the note, then is killed without closing anything.
    killedWhile(
      dir,
      `journal.saveDraft(${JSON.stringify(note.id)}, { title: 'Crash test', body: 'saved before\\ntyped just before the crash\\n', tags: [] });
      process.kill(process.pid, 'SIGKILL');`,
    );
    // Opened again at once, as by a `ferry status` run beside the app: a draft saved moments ago
    // may be being typed into, and committing it would cut the typing in two colliding versions.
    const beside = Journal.open(dir);
    expect(beside.draft(note.id)).not.toBeNull();
    expect(beside.note(note.id).body).toBe('saved before\n');
    beside.close();
    // Opened a while later: nothing typed into it since, so it was left by the crash.
    const reopened = Journal.open(dir, { clock: () => Date.now() + draftLeftAfterMs + 1_000 });
    expect(reopened.draft(note.id)).toBeNull();
    expect(reopened.note(note.id).body).toBe('saved before\ntyped just before the crash\n');
    expect(reopened.history(note.id)).toHaveLength(2);
    expect(reopened.fsck().ok).toBe(true);
    reopened.close();
  });

  describe('of a note opened blank (New note, a day not begun)', () => {
    it('write nothing until the commit, whose one version holds what was typed', () => {
      const clock = testClock();
      const journal = createTestJournal(folders.make(), { clock: clock.now });
      const before = journal.status();
      const blank = journal.blankNote();
      for (const typed of ['T', 'Train', 'Train thoughts']) {
        clock.tick(300);
        journal.saveFirstDraft(blank, { title: typed, body: typed === 'Train thoughts' ? 'The 8:12 was late.' : '', tags: [] });
      }
      expect(journal.draft(blank.id)).toMatchObject({ title: 'Train thoughts', body: 'The 8:12 was late.', base: [] });
      expect(journal.hasNote(blank.id)).toBe(false);
      expect(journal.status()).toMatchObject({ versions: before.versions, pending: before.pending, drafts: 1 });

      const version = journal.commitFirstDraft(blank.id);
      expect(version).toMatchObject({ parents: [], title: 'Train thoughts', body: 'The 8:12 was late.' });
      expect(journal.history(blank.id)).toEqual([expect.objectContaining({ id: version!.id })]);
      expect(journal.status()).toMatchObject({ versions: before.versions + 1, pending: before.pending + 1, drafts: 0 });
      expect(journal.draft(blank.id)).toBeNull();
      expect(journal.fsck().ok).toBe(true);
      journal.close();
    });

    it('still what the note was opened as, or thrown away, leave it unwritten', () => {
      const journal = createTestJournal(folders.make());
      const day = journal.dayEntry('2026-03-14', { blank: true });
      journal.saveFirstDraft(day, { title: '2026-03-14', body: 'typed, then deleted', tags: ['journal'] });
      journal.saveFirstDraft(day, { title: '2026-03-14', body: '', tags: ['journal'] });
      expect(journal.commitFirstDraft(day.id)).toBeNull();
      expect(journal.hasNote(day.id)).toBe(false);

      const note = journal.blankNote();
      journal.saveFirstDraft(note, { title: 'Not this one', body: '', tags: [] });
      journal.discardDraft(note.id);
      expect(journal.draft(note.id)).toBeNull();
      expect(journal.commitFirstDraft(note.id)).toBeNull();
      expect(journal.notes()).toEqual([]);
      journal.close();
    });

    it('are listed for the app with the words typed so far, newest first, until the note is written', () => {
      const clock = testClock();
      const journal = createTestJournal(folders.make(), { clock: clock.now });
      const older = journal.createNote({ title: 'Older', tags: ['trip'] });
      clock.tick(1_000);
      const note = journal.blankNote();
      journal.saveFirstDraft(note, { title: 'Tram 28', body: 'From **Martim Moniz**, up the hill.', tags: ['trip'] });
      clock.tick(1_000);
      const day = journal.dayEntry('2026-03-14', { blank: true });
      journal.saveFirstDraft(day, { title: '2026-03-14', body: 'Pi day.', tags: ['journal'] });
      const untouched = journal.blankNote(); // opened, nothing typed: in no list

      const listed = journal.notes({ unwritten: true });
      expect(listed.map((n) => [n.title, n.heads.length, n.day, n.snippet])).toEqual([
        ['2026-03-14', 0, '2026-03-14', 'Pi day.'],
        ['Tram 28', 0, null, 'From Martim Moniz, up the hill.'],
        ['Older', 1, null, ''],
      ]);
      expect(listed.map((n) => n.id)).not.toContain(untouched.id);
      // Narrowed as the written notes are: by tag, by id, by count; never in the trash.
      expect(journal.notes({ unwritten: true, tag: '#trip' }).map((n) => n.title)).toEqual(['Tram 28', 'Older']);
      expect(journal.notes({ unwritten: true, noteIds: [note.id, older.id] }).map((n) => n.title)).toEqual(['Tram 28', 'Older']);
      expect(journal.notes({ unwritten: true, limit: 2 }).map((n) => n.title)).toEqual(['2026-03-14', 'Tram 28']);
      expect(journal.notes({ unwritten: true, trash: true })).toEqual([]);
      // Scripts (`ferry list`) list what is written.
      expect(journal.notes().map((n) => n.title)).toEqual(['Older']);
      // The sidebar's tags count them with what is written.
      expect(journal.tags({ unwritten: true })).toEqual([
        { tag: 'journal', notes: 1 },
        { tag: 'trip', notes: 2 },
      ]);
      expect(journal.tags()).toEqual([{ tag: 'trip', notes: 1 }]);
      // The calendar's days, likewise.
      const written = journal.dayEntry('2026-03-02');
      expect(journal.journalDays('2026-03', { unwritten: true }).map(({ snippet: _snippet, ...entry }) => entry)).toEqual([
        { day: '2026-03-02', noteId: written.id },
        { day: '2026-03-14', noteId: day.id },
      ]);
      expect(journal.journalDays('2026-03')).toEqual([{ day: '2026-03-02', noteId: written.id, snippet: '' }]);
      expect(journal.journalDays('2026-04', { unwritten: true })).toEqual([]);
      journal.trashNote(written.id);

      // Written: listed once, as the note it now is.
      clock.tick(1_000);
      journal.commitFirstDraft(note.id);
      expect(journal.notes({ unwritten: true }).map((n) => [n.title, n.heads.length])).toEqual([
        ['Tram 28', 1],
        ['2026-03-14', 0],
        ['Older', 1],
      ]);
      journal.discardDraft(day.id);
      expect(journal.unwrittenNotes()).toEqual([]);
      journal.close();
    });

    it('stand beside the entry another process wrote meanwhile, merged with it, instead of over it', () => {
      const clock = testClock();
      const dir = folders.make();
      const app = createTestJournal(dir, { clock: clock.now });
      const day = app.dayEntry('2026-03-14', { blank: true });
      app.saveFirstDraft(day, { title: '2026-03-14', body: 'Written in the app.\n', tags: ['journal'] });

      // A second later, so the terminal leaves the app's draft alone (the app is typing in it).
      clock.tick(1_000);
      const terminal = Journal.open(dir, { clock: clock.now });
      terminal.editNoteOrDay('2026-03-14', { body: 'Written in a terminal.\n' });
      terminal.close();

      // The app types on in its first draft, then commits it: a second first version.
      clock.tick(1_000);
      app.saveFirstDraft(day, { title: '2026-03-14', body: 'Written in the app.\nMore.\n', tags: ['journal'] });
      app.commitFirstDraft(day.id);
      const history = app.history(day.id);
      expect(history.map((v) => [v.body, v.parents.length])).toEqual(
        expect.arrayContaining([
          ['Written in the app.\nMore.\n', 0],
          ['Written in a terminal.\n', 0],
        ]),
      );
      expect(app.note(day.id).heads).toHaveLength(2);

      // Typing begun on the blank after that (a second window) is a draft begun on nothing too.
      app.saveFirstDraft(day, { title: '2026-03-14', body: 'From a second window.\n', tags: ['journal'] });
      expect(app.draft(day.id)?.base).toEqual([]);
      app.close();
    });

    it('survive the process being killed while typing, and are written at the next start', () => {
      const dir = folders.make();
      createTestJournal(dir).close();
      const noteId = killedWhile(
        dir,
        `const blank = journal.blankNote();
        journal.saveFirstDraft(blank, { title: 'Idea', body: 'typed in a new note just before the crash', tags: [] });
        process.stdout.write(blank.id, () => process.kill(process.pid, 'SIGKILL'));`,
      );
      const beside = Journal.open(dir);
      expect(beside.draft(noteId)).toMatchObject({ title: 'Idea' });
      expect(beside.hasNote(noteId)).toBe(false);
      beside.close();
      const reopened = Journal.open(dir, { clock: () => Date.now() + draftLeftAfterMs + 1_000 });
      expect(reopened.note(noteId)).toMatchObject({ title: 'Idea', body: 'typed in a new note just before the crash' });
      expect(reopened.history(noteId)).toHaveLength(1);
      expect(reopened.draft(noteId)).toBeNull();
      reopened.close();
    });
  });

  it('and committed edits survive the process being killed right after they return', () => {
    const dir = folders.make();
    createTestJournal(dir).close();
    const noteId = killedWhile(
      dir,
      `const note = journal.createNote({ title: 'Acknowledged', body: 'the moment createNote returned' });
      process.stdout.write(note.id, () => process.kill(process.pid, 'SIGKILL'));`,
    );
    const reopened = Journal.open(dir);
    expect(reopened.note(noteId).body).toBe('the moment createNote returned');
    reopened.close();
  });
});
