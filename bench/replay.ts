// Replays a workload into a fresh journal through the engine's public API, one operation per
// call, as the app would: create → createNote, edit → editNote with the full new body, delete →
// trashNote. The workload's times are fed through the journal's clock, so versions carry them;
// each call is timed on its own.

import { performance } from 'node:perf_hooks';
import { Journal } from '../electron/journal/journal.js';
import { seededRandom } from './seeded-random.js';
import type { Operation } from './workload.js';

export interface ReplayResult {
  operations: number;
  /** Versions the journal wrote (an edit that changes nothing writes none). */
  versions: number;
  /** Wall time of the whole replay: the first call to the last, journal creation and close excluded. */
  elapsedMs: number;
  /** Each call's duration, in workload order. */
  createMs: number[];
  editMs: number[];
  deleteMs: number[];
}

export interface ReplayOptions {
  seed: string;
  /** Called every `every` operations with the count done. */
  onProgress?: (done: number) => void;
  every?: number;
}

export function replayWorkload(dir: string, operations: readonly Operation[], options: ReplayOptions): ReplayResult {
  let now = operations[0]?.time ?? 0;
  const journal = Journal.create(dir, { deviceName: 'bench', clock: () => now, random: seededRandom(`ferry-bench:${options.seed}`) });
  const ids = new Map<string, string>();
  const idOf = (op: Operation): string => {
    const id = ids.get(op.note);
    if (id === undefined) throw new Error(`The workload ${op.op}s note ${op.note} (seq ${op.seq}) before creating it.`);
    return id;
  };
  const result: ReplayResult = { operations: 0, versions: 0, elapsedMs: 0, createMs: [], editMs: [], deleteMs: [] };
  const every = options.every ?? 5000;
  try {
    const start = performance.now();
    for (const op of operations) {
      now = op.time;
      switch (op.op) {
        case 'create': {
          const begun = performance.now();
          const note = journal.createNote({ title: op.title, body: op.body, tags: op.tags });
          result.createMs.push(performance.now() - begun);
          ids.set(op.note, note.id);
          result.versions++;
          break;
        }
        case 'edit': {
          const id = idOf(op);
          const begun = performance.now();
          const edit = journal.editNote(id, { body: op.body });
          result.editMs.push(performance.now() - begun);
          if (edit.version !== null) result.versions++;
          break;
        }
        case 'delete': {
          const id = idOf(op);
          const begun = performance.now();
          const trash = journal.trashNote(id);
          result.deleteMs.push(performance.now() - begun);
          if (trash.version !== null) result.versions++;
          break;
        }
      }
      result.operations++;
      if (options.onProgress !== undefined && result.operations % every === 0) options.onProgress(result.operations);
    }
    result.elapsedMs = performance.now() - start;
  } finally {
    journal.close();
  }
  return result;
}
