// A journal file copied to a second laptop (instead of cloned) and used on both: the two copies
// write as one replica. When their bundles meet, the fork is detected and refused with a sentence
// saying what happened and what to do, and nothing of the bundle is imported.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../journal/journal.js';
import { everyNote, useLaptops } from '../testing/replicas.js';
import { createBundle } from './create-bundle.js';
import { importBundle } from './import-bundle.js';

const { machines, clock, folders } = useLaptops();

/** A byte-for-byte copy of `journal`'s file, opened as if on another laptop. */
function copyOf(journal: Journal): Journal {
  const dir = join(folders.make(), 'copied');
  mkdirSync(dir);
  journal.close();
  copyFileSync(Journal.fileIn(journal.path), Journal.fileIn(dir));
  return Journal.open(dir, { clock: clock.now });
}

describe('a copied journal file', () => {
  it('is refused when its two copies wrote different versions under one number, naming the device and what to do', async () => {
    const home = machines.first('home desktop');
    const note = home.createNote({ title: 'Plans', body: 'one\n' });
    const work = await machines.cloneOf(home, 'work laptop');
    const workDir = work.path;
    const copy = copyOf(work);
    const original = Journal.open(workDir, { clock: clock.now });
    original.editNote(note.id, { body: 'one\nfrom the original\n' });
    copy.editNote(note.id, { body: 'one\nfrom the copy\n' });

    const fromOriginal = machines.stickFile('original.ferry');
    await createBundle(original, fromOriginal, { all: true }, clock.now);
    await importBundle(home, fromOriginal);
    const before = everyNote(home);
    const fromCopy = machines.stickFile('copy.ferry');
    await createBundle(copy, fromCopy, { all: true }, clock.now);

    await expect(importBundle(home, fromCopy)).rejects.toThrow(
      expect.objectContaining({
        code: 'ReplicaForked',
        message: expect.stringMatching(/^Two different versions claim to be change 1 of the device “work laptop”.*copied to a second device and both copies were used.*Nothing was imported\..*`ferry clone`/s),
      }),
    );
    expect(everyNote(home)).toEqual(before);
    expect(home.fsck().problems).toEqual([]);
    original.close();
    copy.close();
  });

  it('stops this replica writing when a bundle brings back versions it never wrote under its own name', async () => {
    const home = machines.first('home desktop');
    home.createNote({ title: 'Plans' });
    const copy = copyOf(home);
    const reopened = Journal.open(home.path, { clock: clock.now });
    copy.createNote({ title: 'Written on the copy' });
    const file = machines.stickFile('copy.ferry');
    await createBundle(copy, file, { all: true }, clock.now);

    await expect(importBundle(reopened, file)).rejects.toThrow(expect.objectContaining({ code: 'ReplicaCopied', message: expect.stringContaining('copied') }));
    expect(() => reopened.createNote({ title: 'After' })).toThrow(expect.objectContaining({ code: 'ReplicaCopied' }));
    expect(reopened.notes().map((n) => n.title)).toEqual(['Plans']);
    reopened.close();
    copy.close();
  });
});
