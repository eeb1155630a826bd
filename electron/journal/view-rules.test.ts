// A journal last opened by a Ferry with older merge rules holds caches of the view those rules
// made. Opening it here computes its merged notes again, so that what it shows, what search
// finds and what fsck expects all follow this Ferry's rules.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { everyNote, useLaptops } from '../testing/replicas.js';
import { tripEditedOnTwoLaptops, tripMerged as merged } from '../testing/trip-story.js';
import { Journal } from './journal.js';
import { viewRules } from './view-rules.js';

const { machines, clock } = useLaptops();

/** A journal whose note has two heads that merge cleanly under rules 2 (and conflicted under rules 1). */
async function mergedJournal(): Promise<{ dir: string; noteId: string }> {
  const { home, work, noteId } = await tripEditedOnTwoLaptops(machines, clock);
  await machines.carry(work, home);
  expect(home.note(noteId)).toMatchObject({ body: merged, conflict: false });
  const dir = home.path;
  machines.closeAll();
  return { dir, noteId };
}

/** Writes behind Ferry's back what rules 1 left in the caches: the note in conflict, showing a head. */
function cacheOfOlderRules(dir: string, rules: string | null): void {
  const db = new Database(Journal.fileIn(dir));
  db.prepare("UPDATE notes SET conflict = 1, body = NULL, preview = 'old'").run();
  db.prepare("UPDATE search SET body = 'the text rules 1 showed'").run();
  if (rules === null) db.prepare("DELETE FROM meta WHERE key = 'view_rules'").run();
  else db.prepare("UPDATE meta SET value = ? WHERE key = 'view_rules'").run(rules);
  db.close();
}

function metaRules(dir: string): string | undefined {
  const db = new Database(Journal.fileIn(dir), { readonly: true });
  const row = db.prepare("SELECT value FROM meta WHERE key = 'view_rules'").get() as { value: string } | undefined;
  db.close();
  return row?.value;
}

describe('opening a journal whose caches older merge rules made', () => {
  it.each([
    ['no rules recorded (before rules 2)', null],
    ['other rules recorded', '1'],
  ])('computes its merged notes again: %s', async (_, rules) => {
    const { dir, noteId } = await mergedJournal();
    cacheOfOlderRules(dir, rules);

    const journal = Journal.open(dir);
    try {
      expect(journal.note(noteId)).toMatchObject({ body: merged, conflict: false });
      expect(journal.notes()[0]).toMatchObject({ conflict: false, snippet: expect.stringContaining('3 nights') });
      expect(journal.search('map').map((hit) => hit.note.id)).toEqual([noteId]);
      expect(journal.fsck()).toMatchObject({ ok: true, problems: [] });
    } finally {
      journal.close();
    }
    expect(metaRules(dir)).toBe(String(viewRules));
  });

  it('leaves the caches alone when they follow this Ferry\'s rules, so fsck still sees damage', async () => {
    const { dir } = await mergedJournal();
    expect(metaRules(dir)).toBe(String(viewRules));
    cacheOfOlderRules(dir, String(viewRules));
    const journal = Journal.open(dir);
    try {
      expect(journal.fsck().ok).toBe(false);
    } finally {
      journal.close();
    }
  });

  it('writes no version and changes nothing a replica shares', async () => {
    const { dir } = await mergedJournal();
    const before = Journal.open(dir);
    const notes = everyNote(before);
    const vector = before.vector();
    before.close();
    cacheOfOlderRules(dir, null);
    const after = Journal.open(dir);
    try {
      expect(after.vector()).toEqual(vector);
      expect(everyNote(after)).toEqual(notes);
    } finally {
      after.close();
    }
  });
});
