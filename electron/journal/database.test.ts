// When the disk fills up or the journal cannot be written, the person gets a sentence they can act
// on, and the transaction that failed leaves nothing half-written.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestJournal, tempFolders } from '../testing/temp-journal.js';
import { inTransaction, type WritableDb } from './database.js';
import { Journal } from './journal.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

describe('a failing disk', () => {
  it('says the disk is full and keeps the journal as it was', () => {
    const dir = folders.make();
    const journal = createTestJournal(dir);
    journal.createNote({ title: 'Already saved', body: 'safe' });
    journal.close();
    // A connection that may not grow the file: SQLite reports SQLITE_FULL, as on a full disk.
    const db = new Database(Journal.fileIn(dir)) as WritableDb;
    db.pragma(`max_page_count = ${String(db.pragma('page_count', { simple: true }))}`);
    const big = 'x'.repeat(1_000_000);
    expect(() =>
      inTransaction(db, () => {
        db.prepare("INSERT INTO meta (key, value) VALUES ('first', 'row')").run();
        db.prepare("INSERT INTO meta (key, value) VALUES ('big', ?)").run(big);
      }),
    ).toThrow(expect.objectContaining({ code: 'DiskFull', message: expect.stringContaining('nothing was written') }));
    expect(db.prepare("SELECT count(*) AS n FROM meta WHERE key IN ('first', 'big')").get()).toEqual({ n: 0 });
    db.close();
    const reopened = Journal.open(dir);
    expect(reopened.notes().map((n) => n.title)).toEqual(['Already saved']);
    expect(reopened.fsck().ok).toBe(true);
    reopened.close();
  });

  it('says so when the journal file may not be written', () => {
    const dir = folders.make();
    createTestJournal(dir).close();
    const db = new Database(Journal.fileIn(dir), { readonly: true }) as WritableDb;
    expect(() => inTransaction(db, () => db.prepare("INSERT INTO meta (key, value) VALUES ('x', 'y')").run())).toThrow(
      expect.objectContaining({ code: 'ReadOnly', message: expect.stringContaining('may not write') }),
    );
    db.close();
  });
});
