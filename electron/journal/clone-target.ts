// Where `ferry clone` puts the new replica: a new journal in the folder, or, when the folder holds
// a journal with nothing of its own yet (the app's first start made it, and nothing was written),
// that journal, which the clone joins (joining.ts). A clone that fails removes a journal it made,
// and leaves one it found as it was.

import { existsSync, rmSync } from 'node:fs';
import { FerryError } from '../../shared/errors.js';
import { Journal } from './journal.js';
import type { CreateOptions } from './journal-types.js';

export interface CloneTarget {
  journal: Journal;
  /** Whether the clone made the journal (and so removes it if it fails). */
  made: boolean;
}

/** `journalId`: the journal cloned; a journal made here gets it at once, one found here joins it as the versions arrive. */
export function cloneTarget(dir: string, journalId: string, options: CreateOptions): CloneTarget {
  if (!existsSync(Journal.fileIn(dir))) return { journal: Journal.create(dir, { ...options, journalId }), made: true };
  const { deviceName, ...deps } = options;
  const journal = Journal.open(dir, deps);
  const held = journal.heldOfItsOwn();
  if (held !== null) {
    journal.close();
    throw new FerryError('JournalExists', `There is already a journal in ${dir}, with ${held}; clone into another folder with --journal, or use that one.`);
  }
  try {
    if (deviceName !== undefined) journal.setDeviceName(deviceName);
  } catch (error) {
    journal.close();
    throw error;
  }
  return { journal, made: false };
}

/** A clone that failed: the journal is closed, and removed if the clone made it. */
export function discardClone({ journal, made }: CloneTarget): void {
  journal.close();
  if (!made) return;
  for (const suffix of ['', '-wal', '-shm']) {
    const path = Journal.fileIn(journal.path) + suffix;
    if (existsSync(path)) rmSync(path, { force: true });
  }
}
