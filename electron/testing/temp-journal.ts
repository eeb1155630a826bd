// Test support: journals in temporary folders, with a clock the test moves and a seeded random
// source, so ids and times in a test are the same on every run. Removed when the test ends.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Journal, type CreateOptions } from '../journal/journal.js';

export interface TestClock {
  now: () => number;
  /** Moves the clock forward by `ms` (default one minute). */
  tick: (ms?: number) => void;
  set: (ms: number) => void;
}

export function testClock(start = Date.UTC(2026, 10, 23, 12, 0, 0)): TestClock {
  let t = start;
  return {
    now: () => t,
    tick: (ms = 60_000) => {
      t += ms;
    },
    set: (ms) => {
      t = ms;
    },
  };
}

/** Deterministic bytes from a seed: SHA-256 in counter mode. */
export function seededRandom(seed: string): (size: number) => Uint8Array {
  let counter = 0;
  return (size) => {
    const out = Buffer.alloc(size);
    for (let at = 0; at < size; at += 32) {
      createHash('sha256').update(`${seed}:${counter++}`).digest().copy(out, at);
    }
    return out;
  };
}

export interface TempFolders {
  make: (label?: string) => string;
  cleanup: () => void;
}

export function tempFolders(): TempFolders {
  const made: string[] = [];
  return {
    make: (label = 'ferry-test-') => {
      const dir = mkdtempSync(join(tmpdir(), label));
      made.push(dir);
      return dir;
    },
    cleanup: () => {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function createTestJournal(dir: string, options: CreateOptions & { seed?: string } = {}): Journal {
  const { seed, ...rest } = options;
  return Journal.create(dir, { deviceName: 'test laptop', random: seededRandom(seed ?? dir), ...rest });
}
