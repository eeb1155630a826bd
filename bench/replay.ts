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
  /** The workload's note names (n0001, …) → the journal's note ids, for applying a later phase with applyOperation. */
  noteIds: Map<string, string>;
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
  const result: ReplayResult = { operations: 0, versions: 0, elapsedMs: 0, createMs: [], editMs: [], deleteMs: [], noteIds: new Map() };
  const every = options.every ?? 5000;
  try {
    const start = performance.now();
    const times = { create: result.createMs, edit: result.editMs, delete: result.deleteMs };
    for (const op of operations) {
      now = op.time;
      const begun = performance.now();
      const wrote = applyOperation(journal, op, result.noteIds);
      times[op.op].push(performance.now() - begun);
      if (wrote) result.versions++;
      result.operations++;
      if (options.onProgress !== undefined && result.operations % every === 0) options.onProgress(result.operations);
    }
    result.elapsedMs = performance.now() - start;
  } finally {
    journal.close();
  }
  return result;
}

/**
 * One operation through the journal's API (set the journal's clock to `op.time` first): create →
 * createNote, edit → editNote with the full new body, delete → trashNote. `ids` maps the
 * workload's note names to the journal's note ids; a create adds to it. Whether a version was written.
 */
export function applyOperation(journal: Journal, op: Operation, ids: Map<string, string>): boolean {
  if (op.op === 'create') {
    ids.set(op.note, journal.createNote({ title: op.title, body: op.body, tags: op.tags }).id);
    return true;
  }
  const id = ids.get(op.note);
  if (id === undefined) throw new Error(`The workload ${op.op}s note ${op.note} (seq ${op.seq}) before creating it.`);
  return (op.op === 'edit' ? journal.editNote(id, { body: op.body }) : journal.trashNote(id)).version !== null;
}
