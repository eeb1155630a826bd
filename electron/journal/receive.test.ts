// Versions from another replica, and the copied database: a laptop's journal file is copied to a
// second laptop and both keep writing as the same replica. When their versions meet, the replica
// that finds its own id on a version it did not write stops writing and says so.
import { copyFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Version } from '../../shared/model.js';
import { createTestJournal, tempFolders, testClock } from '../testing/temp-journal.js';
import { Journal } from './journal.js';
import { versionId } from './version-id.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

/** Everything `from` holds, oldest first (parents before children), as a bundle would carry it. */
function everything(from: Journal): Version[] {
  return from.log(1_000_000).reverse();
}

function copyJournal(from: string): string {
  const to = folders.make();
  copyFileSync(Journal.fileIn(from), Journal.fileIn(to));
  return to;
}

describe('receiving versions from another replica', () => {
  it('stores versions that check out and ignores the ones already held', () => {
    const clock = testClock();
    const dirA = folders.make();
    const a = createTestJournal(dirA, { clock: clock.now });
    const note = a.createNote({ title: 'Shared', body: 'one' });
    a.close();
    // Another replica's edit, made by hand (bundles and clone arrive with the next issue).
    const reopenedA = Journal.open(dirA, { clock: clock.now });
    const otherReplica = 'f'.repeat(32);
    const fields = {
      noteId: note.id,
      parents: [note.heads[0]!],
      replicaId: otherReplica,
      seq: 1,
      time: clock.now() + 1000,
      title: 'Shared',
      body: 'one\ntwo from the other laptop',
      tags: [],
      deleted: false,
    };
    const incoming: Version = { id: versionId(reopenedA.journalId, fields), ...fields };
    const result = reopenedA.receive([incoming]);
    expect(result).toEqual({ stored: [incoming.id], alreadyHeld: 0, notes: [note.id] });
    expect(reopenedA.note(note.id)).toMatchObject({ body: 'one\ntwo from the other laptop', heads: [incoming.id] });
    expect(reopenedA.vector()).toEqual({ [reopenedA.replicaId]: 1, [otherReplica]: 1 });
    expect(reopenedA.receive([incoming])).toEqual({ stored: [], alreadyHeld: 1, notes: [] });
    expect(reopenedA.fsck().ok).toBe(true);
    reopenedA.close();
  });

  it('refuses a batch with a forged version, a gap or a missing parent, and stores none of it', () => {
    const clock = testClock();
    const a = createTestJournal(folders.make(), { clock: clock.now });
    const note = a.createNote({ title: 'Target', body: 'original' });
    const other = 'e'.repeat(32);
    const make = (seq: number, parents: string[], body: string): Version => {
      const fields = { noteId: note.id, parents, replicaId: other, seq, time: clock.now(), title: 'Target', body, tags: [], deleted: false };
      return { id: versionId(a.journalId, fields), ...fields };
    };
    const good = make(1, [note.heads[0]!], 'fine');
    const forged = { ...make(2, [good.id], 'x'), body: 'tampered in transit' };
    const gap = make(3, [good.id], 'skips seq 2');
    const orphan = make(2, ['9'.repeat(64)], 'parent never seen');
    for (const [batch, why] of [
      [[good, forged], /does not match its content/],
      [[good, gap], /2–2 of replica eeeeeeee are missing/],
      [[good, orphan], /parent this journal does not hold/],
    ] as const) {
      expect(() => a.receive(batch)).toThrow(why);
      expect(a.note(note.id)).toMatchObject({ body: 'original', heads: note.heads });
      expect(a.vector()).toEqual({ [a.replicaId]: 1 });
    }
    expect(a.fsck().ok).toBe(true);
    a.close();
  });
});

describe('a copied database', () => {
  it('is detected when the copy wrote as this replica: writing stops, reading goes on, and it stays stopped', () => {
    const clock = testClock();
    const dirA = folders.make();
    const original = createTestJournal(dirA, { clock: clock.now });
    const note = original.createNote({ title: 'Diary', body: 'Monday' });
    original.close();

    // The file is copied to another laptop; both copies keep writing as the same replica.
    const dirCopy = copyJournal(dirA);
    const laptop = Journal.open(dirA, { clock: clock.now });
    const openedBefore = Journal.open(dirA, { clock: clock.now });
    const copy = Journal.open(dirCopy, { clock: clock.now });
    clock.tick();
    laptop.editNote(note.id, { body: 'Monday\nTuesday on the laptop' });
    clock.tick();
    copy.editNote(note.id, { body: 'Monday\nTuesday on the copy' });

    // The copy's versions reach the laptop (by bundle or sync): seq 2 of "its own" replica differs.
    expect(() => laptop.receive(everything(copy))).toThrow(
      expect.objectContaining({ code: 'ReplicaCopied', message: expect.stringContaining('database file was copied') }),
    );
    expect(laptop.note(note.id).body).toBe('Monday\nTuesday on the laptop');
    expect(laptop.status().copied).toMatch(/copied/);
    expect(() => laptop.createNote({ title: 'after' })).toThrow(expect.objectContaining({ code: 'ReplicaCopied' }));
    expect(() => laptop.editNote(note.id, { body: 'more' })).toThrow(expect.objectContaining({ code: 'ReplicaCopied' }));
    expect(() => laptop.saveDraft(note.id, { title: 'Diary', body: 'typing', tags: [] })).toThrow(expect.objectContaining({ code: 'ReplicaCopied' }));
    expect(laptop.search('laptop').map((h) => h.note.id)).toEqual([note.id]);
    laptop.close();

    const reopened = Journal.open(dirA, { clock: clock.now });
    expect(() => reopened.createNote({ title: 'still stopped' })).toThrow(expect.objectContaining({ code: 'ReplicaCopied' }));
    // A process that had the journal open before the copy was found stops writing too.
    expect(() => openedBefore.editNote(note.id, { body: 'from another window' })).toThrow(expect.objectContaining({ code: 'ReplicaCopied' }));
    openedBefore.close();
    expect(reopened.history(note.id)).toHaveLength(2);
    expect(reopened.fsck().ok).toBe(true);
    reopened.close();
    copy.close();
  });

  it('is detected when the copy wrote further than this replica ever did', () => {
    const clock = testClock();
    const dirA = folders.make();
    const original = createTestJournal(dirA, { clock: clock.now });
    original.createNote({ title: 'One' });
    original.close();
    const copy = Journal.open(copyJournal(dirA), { clock: clock.now });
    copy.createNote({ title: 'Written only on the copy' });
    const laptop = Journal.open(dirA, { clock: clock.now });
    expect(() => laptop.receive(everything(copy))).toThrow(expect.objectContaining({ code: 'ReplicaCopied' }));
    expect(laptop.notes().map((n) => n.title)).toEqual(['One']);
    laptop.close();
    copy.close();
  });

  it('is not confused with receiving its own versions back from a peer', () => {
    const clock = testClock();
    const dirA = folders.make();
    const a = createTestJournal(dirA, { clock: clock.now });
    a.createNote({ title: 'Round trip' });
    expect(a.receive(everything(a))).toEqual({ stored: [], alreadyHeld: 1, notes: [] });
    expect(a.status().copied).toBeNull();
    a.createNote({ title: 'still writing' });
    a.close();
  });
});
