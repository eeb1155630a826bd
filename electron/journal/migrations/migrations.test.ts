// The schema's steps: each one in order, each in its own transaction, and a clear refusal of a
// database from a newer Ferry or from another program, leaving that file exactly as it was.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestJournal, tempFolders } from '../../testing/temp-journal.js';
import { applicationId, configureConnection, type WritableDb } from '../database.js';
import { Journal } from '../journal.js';
import { checkMigrationOrder, latestSchemaVersion, migrate, migrations, readSchemaState } from './index.js';
import type { Migration } from './migration.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function rawDb(file: string): WritableDb {
  return new Database(file) as WritableDb;
}

/**
 * Opens the journal in `dir` as one that the steps up to `step` made: `rewind` first undoes the
 * later steps on its raw database. `check` runs on the journal opened (and migrated) again.
 */
function reopenedFrom(dir: string, step: number, rewind: (db: WritableDb) => void, check: (journal: Journal) => void): void {
  const db = rawDb(Journal.fileIn(dir));
  rewind(db);
  db.pragma(`user_version = ${step}`);
  db.close();
  const reopened = Journal.open(dir);
  try {
    check(reopened);
  } finally {
    reopened.close();
  }
}

describe('the migration list', () => {
  it('is numbered 1, 2, 3, … in order', () => {
    expect(() => checkMigrationOrder(migrations)).not.toThrow();
    expect(latestSchemaVersion()).toBe(migrations.length);
    const swapped: Migration[] = [{ ...migrations[0]!, version: 2 }];
    expect(() => checkMigrationOrder(swapped)).toThrow(/number 2 but stands at place 1/);
  });

  it('step 1 creates the versions, notes view, drafts and search index of an empty journal', () => {
    const db = rawDb(join(folders.make(), 'j.db'));
    expect(migrate(db, migrations.slice(0, 1))).toBe(1);
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'search_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(['drafts', 'meta', 'notes', 'replicas', 'search', 'versions']);
    expect(readSchemaState(db)).toEqual({ userVersion: 1, applicationId });
    db.close();
  });

  it('step 2 adds what a replica knows of its peers, the runs of imports, and exchange folders to a journal of step 1', () => {
    const db = rawDb(join(folders.make(), 'j.db'));
    migrate(db, migrations.slice(0, 1));
    db.prepare("INSERT INTO replicas (replica_id, device_name, max_seq) VALUES (x'00112233445566778899aabbccddeeff', 'old laptop', 0)").run();
    expect(migrate(db, migrations.slice(0, 2))).toBe(2);
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('peer_vectors', 'runs', 'run_notes', 'exchange_folders') ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(['exchange_folders', 'peer_vectors', 'run_notes', 'runs']);
    expect(db.prepare('SELECT device_name FROM replicas').pluck().get()).toBe('old laptop');
    db.close();
  });

  it('step 4 gives every note of an older journal the preview line its list shows', () => {
    const dir = folders.make();
    const journal = createTestJournal(dir);
    const plan = journal.createNote({ title: 'Garden plan', body: '# Garden plan\n\n- **Tomatoes** by the wall\n- beans' });
    journal.createNote({ title: 'Empty' });
    journal.close();
    // The journal as step 3 left it: no preview column.
    reopenedFrom(
      dir,
      3,
      (db) => db.exec('ALTER TABLE notes DROP COLUMN preview; DROP TABLE first_drafts'),
      (reopened) => {
        expect(reopened.notes().map((n) => [n.title, n.snippet])).toEqual([
          ['Empty', ''],
          ['Garden plan', 'Tomatoes by the wall beans'],
        ]);
        expect(reopened.note(plan.id).body).toContain('Tomatoes');
        expect(reopened.fsck().ok).toBe(true);
      },
    );
  });

  it('step 5 lets a journal of step 4 keep what is typed in a new note before it is written', () => {
    const dir = folders.make();
    createTestJournal(dir).close();
    reopenedFrom(
      dir,
      4,
      (db) => db.exec('DROP TABLE first_drafts'),
      (reopened) => {
        const blank = reopened.blankNote();
        reopened.saveFirstDraft(blank, { title: 'After the update', body: 'typed', tags: [] });
        expect(reopened.draft(blank.id)).toMatchObject({ title: 'After the update', base: [] });
        expect(reopened.fsck().ok).toBe(true);
      },
    );
  });

  it('step 6 makes a journal of step 5 find a word of Japanese or Chinese inside a run of it', () => {
    const dir = folders.make();
    const journal = createTestJournal(dir);
    journal.createNote({ title: 'Garden plan', body: 'Tomatoes by the wall' });
    // Past the first batch the step reads (500 entries).
    for (let i = 0; i < 510; i++) journal.createNote({ title: `Filler ${i}` });
    const trip = journal.createNote({ title: '東京旅行', body: '浅草寺に行った。雷門の前で写真を撮った。', tags: ['旅行'] });
    journal.close();
    // The index as step 5 wrote it: each run of Japanese one token.
    reopenedFrom(
      dir,
      5,
      (db) => {
        db.prepare("UPDATE search SET title = replace(title, char(0x2060), ''), body = replace(body, char(0x2060), ''), tags = replace(tags, char(0x2060), '')").run();
        expect(db.prepare("SELECT count(*) AS n FROM search WHERE search MATCH '\"写真\"'").get()).toEqual({ n: 0 });
      },
      (reopened) => {
        for (const word of ['写真', '雷門', '東京', '旅行']) expect(reopened.search(word).map((hit) => hit.note.id)).toEqual([trip.id]);
        expect(reopened.search('tomatoes').map((hit) => hit.note.title)).toEqual(['Garden plan']);
        expect(reopened.fsck().ok).toBe(true);
      },
    );
  });

  it('step 7 gives a journal of step 6 an index of its notes in conflict, which status and the inbox read', () => {
    const dir = folders.make();
    const journal = createTestJournal(dir);
    for (let i = 0; i < 20; i++) journal.createNote({ title: `Note ${i}` });
    journal.close();
    reopenedFrom(
      dir,
      6,
      (db) => db.exec('DROP INDEX notes_in_conflict'),
      (reopened) => {
        const db = rawDb(Journal.fileIn(dir));
        try {
          const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join('; ');
          expect(plan('SELECT count(*) FROM notes WHERE conflict = 1')).toContain('notes_in_conflict');
          expect(plan('SELECT nno FROM notes WHERE conflict = 1 ORDER BY updated DESC, nno DESC')).toContain('notes_in_conflict');
        } finally {
          db.close();
        }
        expect(reopened.status()).toMatchObject({ notes: 20, conflicts: 0 });
        expect(reopened.fsck().ok).toBe(true);
      },
    );
  });

  it('runs each step in a transaction: a failing step leaves the database at the step before', () => {
    const db = rawDb(join(folders.make(), 'j.db'));
    const failing: Migration = {
      version: 2,
      name: 'fails half-way',
      up(d) {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('disk pulled');
      },
    };
    expect(() => migrate(db, [migrations[0]!, failing])).toThrow(/disk pulled/);
    expect(readSchemaState(db).userVersion).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    // Running again with a fixed step picks up where it stopped.
    expect(migrate(db, [migrations[0]!, { ...failing, up: (d) => d.exec('CREATE TABLE half_done (x)') }])).toBe(2);
    db.close();
  });

  it('opens the journal in WAL mode with synchronous=FULL, so a committed edit survives power loss', () => {
    const dir = folders.make();
    createTestJournal(dir).close();
    const db = rawDb(Journal.fileIn(dir));
    configureConnection(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });
});

describe('a database Ferry must not touch', () => {
  it('refuses a journal written by a newer Ferry and changes nothing in the file', () => {
    const dir = folders.make();
    const journal = createTestJournal(dir);
    journal.createNote({ title: 'from the future' });
    journal.close();
    const file = Journal.fileIn(dir);
    const db = rawDb(file);
    db.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    db.close();
    const before = sha(file);
    expect(() => Journal.open(dir)).toThrow(expect.objectContaining({ code: 'JournalFromFuture', message: expect.stringContaining('Update Ferry') }));
    expect(sha(file)).toBe(before);
    expect(() => Journal.open(dir)).toThrow(expect.objectContaining({ code: 'JournalFromFuture' }));
  });

  it.each([
    ['with a schema version of its own', 7],
    ['that never set a schema version (it must not be mistaken for a new journal)', 0],
  ])("refuses another program's SQLite database %s, without writing to it", (_label, userVersion) => {
    const dir = folders.make();
    const db = rawDb(Journal.fileIn(dir));
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)');
    db.pragma(`user_version = ${userVersion}`);
    db.close();
    const before = sha(Journal.fileIn(dir));
    expect(() => Journal.open(dir)).toThrow(expect.objectContaining({ code: 'NotAJournal' }));
    expect(sha(Journal.fileIn(dir))).toBe(before);
  });

  it('refuses an empty file named like a journal, and leaves it empty', () => {
    const dir = folders.make();
    writeFileSync(Journal.fileIn(dir), '');
    expect(() => Journal.open(dir)).toThrow(expect.objectContaining({ code: 'NotAJournal' }));
    expect(readFileSync(Journal.fileIn(dir))).toHaveLength(0);
  });

  it('refuses a file that is not a database at all', () => {
    const dir = folders.make();
    writeFileSync(Journal.fileIn(dir), 'these are my notes, not a database\n'.repeat(200));
    const before = sha(Journal.fileIn(dir));
    expect(() => Journal.open(dir)).toThrow(expect.objectContaining({ code: 'NotAJournal' }));
    expect(sha(Journal.fileIn(dir))).toBe(before);
  });
});
