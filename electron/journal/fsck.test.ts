// fsck names what is wrong with a damaged journal: each case below damages a healthy journal in
// one way, the way a bad disk, a stray tool or a bug could, and checks that fsck says so.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestJournal, tempFolders, testClock } from '../testing/temp-journal.js';
import { createBundle } from '../bundle/create-bundle.js';
import { cloneFromBundle } from '../bundle/import-bundle.js';
import { Journal } from './journal.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

function healthyJournal(): { dir: string; noteId: string } {
  const clock = testClock();
  const dir = folders.make();
  const journal = createTestJournal(dir, { clock: clock.now });
  const note = journal.createNote({ title: 'Ledger', body: 'line 1\n', tags: ['money'] });
  for (let i = 2; i <= 5; i++) {
    clock.tick();
    journal.editNote(note.id, { body: 'line\n'.repeat(i) });
  }
  clock.tick();
  journal.createNote({ title: 'Other', body: 'untouched' });
  expect(journal.fsck()).toMatchObject({ ok: true, problems: [], checked: { versions: 6, notes: 2, replicas: 1 } });
  journal.close();
  return { dir, noteId: note.id };
}

function damage(dir: string, sql: string, ...args: unknown[]): void {
  const db = new Database(Journal.fileIn(dir));
  db.prepare(sql).run(...args);
  db.close();
}

/** Overwrites the end of a table's root page in the file (the cells are there), as a bad sector would. */
function damagePageOf(dir: string, table: string): void {
  const db = new Database(Journal.fileIn(dir), { readonly: true });
  const { rootpage } = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(Journal.fileIn(dir), 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize / 2, 0xa5), 0, pageSize / 2, rootpage * pageSize - pageSize / 2);
  } finally {
    closeSync(fd);
  }
}

function problemsOf(dir: string): string[] {
  const journal = Journal.open(dir);
  try {
    const report = journal.fsck();
    expect(report.ok).toBe(report.problems.length === 0);
    return report.problems;
  } finally {
    journal.close();
  }
}

describe('fsck', () => {
  it('notices a version whose content was altered after it was written', () => {
    const { dir } = healthyJournal();
    damage(dir, "UPDATE versions SET title = 'Ledger (edited behind our back)' WHERE seq = 3");
    expect(problemsOf(dir)).toEqual([expect.stringMatching(/does not hash to its id/)]);
  });

  it('notices a gap in a replica\'s versions', () => {
    const { dir } = healthyJournal();
    damage(dir, 'DELETE FROM versions WHERE seq = 6');
    const problems = problemsOf(dir);
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/vector says .* is at 6, but its versions go up to 5/)]));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/\("Other"\) has no versions/)]));
  });

  it('notices a missing parent', () => {
    const { dir } = healthyJournal();
    damage(dir, "UPDATE versions SET parents = zeroblob(32) WHERE seq = 2");
    expect(problemsOf(dir)).toEqual(expect.arrayContaining([expect.stringMatching(/names a parent that is missing/)]));
  });

  it('notices a cached note that differs from its versions', () => {
    const { dir, noteId } = healthyJournal();
    damage(dir, "UPDATE notes SET title = 'Stale', tags = '[]' WHERE note_id = ?", Buffer.from(noteId, 'hex'));
    expect(problemsOf(dir)).toEqual([expect.stringMatching(/cache of its title does not match/), expect.stringMatching(/cache of its tags does not match/)]);
  });

  it('notices a cached note that points at a version that is not there', () => {
    const { dir, noteId } = healthyJournal();
    damage(dir, 'UPDATE notes SET shown = 9999 WHERE note_id = ?', Buffer.from(noteId, 'hex'));
    expect(problemsOf(dir)).toEqual([expect.stringMatching(/cache of its shown does not match/)]);
  });

  it('notices a search index out of step with the notes', () => {
    const { dir, noteId } = healthyJournal();
    damage(dir, 'DELETE FROM search WHERE rowid = (SELECT nno FROM notes WHERE note_id = ?)', Buffer.from(noteId, 'hex'));
    expect(problemsOf(dir)).toEqual([expect.stringMatching(/"Ledger"\) is missing from the search index/)]);
  });

  it('notices a preview line in the list that does not match the note', () => {
    const { dir, noteId } = healthyJournal();
    damage(dir, "UPDATE notes SET preview = 'something else' WHERE note_id = ?", Buffer.from(noteId, 'hex'));
    expect(problemsOf(dir)).toEqual([expect.stringMatching(/"Ledger"\): the cache of its preview line does not match its text/)]);
  });

  it('notices a stored body that no longer decodes, and names the version', () => {
    const { dir } = healthyJournal();
    damage(dir, 'UPDATE versions SET body = X\'03ffffffff\' WHERE seq = 4');
    const problems = problemsOf(dir);
    expect(problems[0]).toMatch(/Version [0-9a-f]{12} of note [0-9a-f]{8} \("Ledger"\) cannot be read: .*damaged/);
  });
});

describe('rebuildCaches (fsck --repair)', () => {
  it('makes a search index and notes rows out of step anew from the versions, touching no version', () => {
    const { dir, noteId } = healthyJournal();
    const before = versionRows(dir);
    damage(dir, 'DELETE FROM search WHERE rowid = (SELECT nno FROM notes WHERE note_id = ?)', Buffer.from(noteId, 'hex'));
    damage(dir, "UPDATE notes SET title = 'Tampered', preview = 'stale' WHERE note_id = ?", Buffer.from(noteId, 'hex'));
    expect(problemsOf(dir)).toEqual(expect.arrayContaining([expect.stringMatching(/missing from the search index/u), expect.stringMatching(/cache of its title does not match/u)]));
    const journal = Journal.open(dir);
    try {
      expect(journal.rebuildCaches()).toBe(2);
      expect(journal.fsck()).toMatchObject({ ok: true, problems: [] });
      expect(journal.search('ledger').map((hit) => hit.note.title)).toEqual(['Ledger']);
      expect(journal.search('untouched').map((hit) => hit.note.title)).toEqual(['Other']);
    } finally {
      journal.close();
    }
    expect(versionRows(dir)).toEqual(before);
  });

  it('when the index’s pages are damaged, changes nothing, and a full bundle still carries every version to a sound journal', async () => {
    const { dir } = healthyJournal();
    const before = versionRows(dir);
    // The inverted index's page overwritten, as a bad sector would.
    damagePageOf(dir, 'search_data');
    expect(problemsOf(dir)).toEqual(expect.arrayContaining([expect.stringMatching(/^SQLite: /u), expect.stringMatching(/The search index cannot be read: .*`ferry fsck --repair`/u)]));
    const journal = Journal.open(dir);
    const bundle = join(folders.make(), 'salvage.ferry');
    try {
      expect(() => journal.rebuildCaches()).toThrow(expect.objectContaining({ code: 'Corrupt' }));
      await createBundle(journal, bundle, { all: true });
    } finally {
      journal.close();
    }
    expect(versionRows(dir)).toEqual(before);
    const { journal: clone } = await cloneFromBundle(bundle, folders.make(), { deviceName: 'rescued' });
    try {
      expect(clone.fsck()).toMatchObject({ ok: true, checked: { versions: 6, notes: 2 } });
      expect(clone.search('ledger').map((hit) => hit.note.title)).toEqual(['Ledger']);
    } finally {
      clone.close();
    }
  });
});

function versionRows(dir: string): unknown[] {
  const db = new Database(Journal.fileIn(dir), { readonly: true });
  try {
    return db.prepare('SELECT id, body FROM versions ORDER BY vno').all();
  } finally {
    db.close();
  }
}
