// Test support for stories with several replicas of one journal: laptops made from one another by
// cloning a full bundle, and `carry`, which takes a bundle from one to another the way a USB stick
// does (written for the receiver as a peer, then imported).

import { join } from 'node:path';
import type { NoteView } from '../../shared/model.js';
import { createBundle, type BundleTarget } from '../bundle/create-bundle.js';
import { cloneFromBundle, importBundle, type ImportedBundle } from '../bundle/import-bundle.js';
import type { Journal } from '../journal/journal.js';
import { afterEach } from 'vitest';
import { createTestJournal, seededRandom as seededBytes, tempFolders, testClock, type TempFolders, type TestClock } from './temp-journal.js';

export interface Laptops {
  /** The first replica: a new journal. */
  first(name: string): Journal;
  /** Another replica of `from`'s journal, cloned from a full bundle. */
  cloneOf(from: Journal, name: string): Promise<Journal>;
  /** A bundle from `from` for `to` (a full one if `from` never heard of `to`, or as `target` says), imported into `to`. */
  carry(from: Journal, to: Journal, target?: BundleTarget): Promise<ImportedBundle>;
  /** A bundle file path in the shared stick folder (a new folder after `closeAll`). */
  stickFile(name: string): string;
  closeAll(): void;
}

export function laptops(folders: TempFolders, clock: TestClock): Laptops {
  const open: Journal[] = [];
  let stickFolder: string | null = null;
  const stick = (): string => (stickFolder ??= folders.make('ferry-stick-'));
  let counter = 0;
  return {
    first(name) {
      const journal = createTestJournal(folders.make(), { clock: clock.now, deviceName: name, seed: `${name}:${counter++}` });
      open.push(journal);
      return journal;
    },
    async cloneOf(from, name) {
      const file = join(stick(), `clone-${counter++}.ferry`);
      await createBundle(from, file, { all: true }, clock.now);
      const { journal } = await cloneFromBundle(file, folders.make(), { clock: clock.now, deviceName: name, random: seededBytes(`${name}:${counter++}`) });
      open.push(journal);
      return journal;
    },
    async carry(from, to, target) {
      const file = join(stick(), `carry-${counter++}.ferry`);
      const knowsPeer = from.peers().some((p) => p.replicaId === to.replicaId);
      await createBundle(from, file, target ?? (knowsPeer ? { for: to.replicaId } : { all: true }), clock.now);
      return importBundle(to, file);
    },
    stickFile: (name) => join(stick(), name),
    closeAll() {
      for (const j of open.splice(0)) j.close();
      stickFolder = null;
    },
  };
}

/** What a person sees of every note (live and trash), in a stable order: for comparing replicas. */
export function everyNote(journal: Journal): NoteView[] {
  return [...journal.notes(), ...journal.notes({ trash: true })].map((n) => journal.note(n.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Laptops for one test file: a clock, temporary folders, and everything closed and removed after each test. */
export function useLaptops(): { machines: Laptops; clock: TestClock; folders: TempFolders } {
  const folders = tempFolders();
  const clock = testClock();
  const machines = laptops(folders, clock);
  afterEach(() => {
    machines.closeAll();
    folders.cleanup();
  });
  return { machines, clock, folders };
}
