// What the CLI prints about a large journal: counts a person can read at a glance, and the
// progress line a terminal shows while a sync or a clone moves many versions; a search that
// found nothing.
import { describe, expect, it } from 'vitest';
import { progressLine, undoLine } from './commands-sync.js';
import { fsckText, plainStyle, searchResults, statusText } from './format.js';
import { changeSummary } from './format-replicas.js';

function lines(events: Parameters<NonNullable<ReturnType<typeof progressLine>>>[0][]): (string | null)[] {
  const shown: (string | null)[] = [];
  const line = progressLine((text) => shown.push(text))!;
  for (const event of events) line(event);
  return shown;
}

describe('the progress line of a long transfer', () => {
  it('says how many versions have come of how many the server holds', () => {
    expect(lines([{ phase: 'pull', done: 546, total: 12_009 }, { phase: 'pull', done: 12_009, total: 12_009 }])).toEqual(['Received 546 of 12,009 versions…', 'Received 12,009 versions…']);
  });

  it('says how many have gone of how many there are to send', () => {
    expect(lines([{ phase: 'push', done: 9_298, total: 12_009 }, { phase: 'push', done: 1, total: 1 }])).toEqual(['Sent 9,298 of 12,009 versions…', 'Sent 1 version…']);
  });

  it('says nothing for a pull that brought nothing, and counts alone when the total is unknown', () => {
    expect(lines([{ phase: 'pull', done: 0, total: 0 }, { phase: 'pull', done: 3, total: null }])).toEqual(['Received 3 versions…']);
  });

  it('is not there at all where nothing is shown (not a terminal)', () => {
    expect(progressLine(null)).toBeUndefined();
  });
});

describe('counts in what the CLI prints', () => {
  it('group their thousands, in the status and in fsck’s verdict', () => {
    const status = {
      journalId: 'a5fd43d69d06d8a23505101293b48c86',
      replicaId: 'd5620f9aa8a4277afd80370dc451dd98',
      deviceName: 'desk',
      vector: {},
      path: '/home/me/ferry',
      notes: 12_345,
      trash: 1_002,
      conflicts: 3,
      versions: 120_010,
      drafts: 0,
      pending: 0,
      peers: 2,
      remote: null,
      lastSync: null,
      lastSyncError: null,
      copied: null,
    };
    const text = statusText(status, plainStyle);
    expect(text).toContain('Notes     12,345 (1,002 in the trash, 3 in conflict)\n');
    expect(text).toContain('Versions  120,010\n');
    expect(text).not.toContain('Drafts');
    expect(statusText({ ...status, drafts: 1_204 }, plainStyle)).toContain('Drafts    1,204 notes typed and saved, not yet a version\n');
    expect(fsckText({ ok: true, problems: [], checked: { versions: 12_010, notes: 2_000, replicas: 4 } })).toBe('The journal is sound: 12,010 versions of 2,000 notes from 4 replicas checked.\n');
  });
});

describe('how to take back what a sync brought', () => {
  it('names the run, or, when something else was stored between pages, every run newest first, never only the last as if it were all', () => {
    expect(undoLine([7])).toBe('`ferry undo 7` takes back what this sync brought.');
    expect(undoLine([4, 5, 6])).toBe('Something else was stored during this sync, so it is 3 runs: `ferry undo` takes them back one at a time, newest first (6, 5, 4).');
    expect(undoLine([3, 4, 5, 6, 7, 8])).toBe('Something else was stored during this sync, so it is 6 runs: `ferry undo` takes them back one at a time, newest first (8 down to 3).');
    // Another import can land between two pages, and take a run number of its own.
    expect(undoLine([3, 4, 6, 7, 8])).toBe('Something else was stored during this sync, so it is 5 runs: `ferry undo` takes them back one at a time, newest first (8, 7, 6, 4, 3).');
  });
});

describe('what a sync or an import changed, in a few words', () => {
  it('counts each note once, though a sync of several pages names it once per page', () => {
    const note = (noteId: string, change: 'created' | 'edited' | 'deleted') => ({ noteId, title: noteId, change });
    // a: new here, then edited on a later page; b: edited twice; c: edited, then deleted.
    const notes = [note('a', 'created'), note('b', 'edited'), note('c', 'edited'), note('a', 'edited'), note('b', 'edited'), note('c', 'deleted')];
    expect(changeSummary(notes)).toBe('1 created, 1 edited, 1 deleted');
    expect(changeSummary(Array.from({ length: 1_307 }, (_, i) => note(`n${i}`, 'created')))).toBe('1,307 created');
  });
});

describe('a search that found nothing', () => {
  it('offers the star when the last word begins words that are there, quoted for the shell', () => {
    expect(searchResults("o'bri", [], plainStyle, { query: "o'bri*", notes: 2 })).toBe("No notes match “o'bri”. 2 notes match `ferry search 'o'\\''bri*'` (the star: words starting with “bri”).\n");
    expect(searchResults('g', [], plainStyle, { query: 'g*', notes: 1000 })).toMatch(/^No notes match “g”\. More than 999 notes match/u);
    expect(searchResults('zzz', [], plainStyle)).toBe('No notes match “zzz”.\n');
    expect(searchResults('zzz', [], plainStyle, null, '#home')).toBe('No notes tagged #home match “zzz”.\n');
    expect(searchResults('-passport', [], plainStyle, null, 'travel')).toBe("“-passport” only leaves notes out: add a word to look for, as in `ferry search WORD '-passport' --tag 'travel'`.\n");
  });

  it('says, instead of “no notes match”, when nothing was looked for: only words to leave out, or no word at all', () => {
    expect(searchResults('-passport', [], plainStyle)).toBe("“-passport” only leaves notes out: add a word to look for, as in `ferry search WORD '-passport'`.\n");
    expect(searchResults('(', [], plainStyle)).toBe('“(” holds no word to look for: search skips punctuation and symbols.\n');
  });
});

