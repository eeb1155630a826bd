// Runs (DESIGN.md, "Bundles"): every import is recorded, inside its own transaction, with the
// versions it brought (a contiguous range of rows) and, for each note it changed, the heads before
// and after and what changed in the view. A sync stores each page in a transaction of its own;
// each page extends the run the first one began, as long as nothing else was stored in between.
// `undo` (journal.ts) uses the heads to put each note back as it was, and to leave alone any note
// edited since.

import type { ReplicaId, VersionId } from '../../shared/model.js';
import { toHex } from './ids.js';
import type { NoteRow, ReadStore, WriteStore } from './store.js';

export type RunKind = 'bundle' | 'clone' | 'sync';
export type RunChange = 'created' | 'edited' | 'deleted' | 'restored' | 'conflicted';

export interface RunSource {
  kind: RunKind;
  /** The bundle file or server the versions came from. */
  source: string;
  /** The replica that sent them (a bundle's author), when known. */
  peer: ReplicaId | null;
}

export interface RunNote {
  noteId: string;
  title: string;
  change: RunChange;
}

export interface Run {
  run: number;
  time: number;
  kind: RunKind;
  source: string;
  peer: ReplicaId | null;
  peerName: string | null;
  /** Ids of the versions the run stored, in order. */
  versions: VersionId[];
  notes: RunNote[];
  undone: number | null;
}

export interface RunNoteRow {
  run: number;
  nno: number;
  change: RunChange;
  before: Buffer;
  after: Buffer;
}

interface RunRow {
  run: number;
  time: number;
  kind: RunKind;
  source: string;
  peer: number | null;
  first_vno: number;
  last_vno: number;
  undone: number | null;
}

/** The notes' rows before a run, for the comparison after it. */
export function rowsBefore(store: ReadStore, noteIds: Iterable<string>): Map<string, NoteRow | undefined> {
  const rows = new Map<string, NoteRow | undefined>();
  for (const id of noteIds) if (!rows.has(id)) rows.set(id, store.noteById(id));
  return rows;
}

function changeOf(before: NoteRow | undefined, after: NoteRow): RunChange {
  if (before === undefined) return 'created';
  if (after.conflict === 1 && before.conflict === 0) return 'conflicted';
  if (after.deleted === 1 && before.deleted === 0) return 'deleted';
  if (after.deleted === 0 && before.deleted === 1) return 'restored';
  return 'edited';
}

/**
 * What a note's change is over two parts of one run: the first part's change, then the second's
 * (each against the note as that part found it). A note new to the run stays created; one that
 * came into conflict is conflicted while it still is; a deletion and a restore cancel out.
 */
export function combinedChange(first: RunChange, then: RunChange, conflictNow: boolean): RunChange {
  if (first === 'created') return 'created';
  if (then === 'conflicted') return 'conflicted';
  if (first === 'conflicted') return conflictNow ? 'conflicted' : 'edited';
  if ((first === 'deleted' && then === 'restored') || (first === 'restored' && then === 'deleted')) return 'edited';
  if (then === 'edited' && (first === 'deleted' || first === 'restored')) return first;
  return then;
}

/**
 * Adds the rows `firstVno..lastVno` to `run` when they follow its last row directly (nothing else
 * was stored since, so no edit made here in between can be swept into it) and it came from the
 * same place and is not undone: each note keeps its heads from before the run and takes its heads
 * from now. Returns false, changing nothing, when the rows must be a run of their own.
 */
export function extendRun(store: WriteStore, run: number, source: RunSource, firstVno: number, lastVno: number, before: Map<string, NoteRow | undefined>): boolean {
  const row = runRow(store, run);
  if (row === undefined || row.undone !== null || row.kind !== source.kind || row.source !== source.source || row.last_vno + 1 !== firstVno) return false;
  store.prepared('UPDATE runs SET last_vno = ? WHERE run = ?').run(lastVno, run);
  const insert = store.prepared('INSERT INTO run_notes (run, nno, change, before, after) VALUES (?, ?, ?, ?, ?)');
  const update = store.prepared('UPDATE run_notes SET change = ?, after = ? WHERE run = ? AND nno = ?');
  for (const [noteId, old] of before) {
    const now = store.noteById(noteId);
    if (now === undefined) continue;
    if (old !== undefined && old.heads.equals(now.heads)) continue;
    const change = changeOf(old, now);
    const had = runNoteChange(store, run, now.nno);
    if (had === undefined) insert.run(run, now.nno, change, old?.heads ?? Buffer.alloc(0), now.heads);
    else update.run(combinedChange(had, change, now.conflict === 1), now.heads, run, now.nno);
  }
  return true;
}

/** Records a run that stored the rows `firstVno..lastVno`; returns its number. */
export function recordRun(store: WriteStore, source: RunSource, time: number, firstVno: number, lastVno: number, before: Map<string, NoteRow | undefined>): number {
  const peer = source.peer === null ? null : store.ensureReplica(source.peer, null).rno;
  const run = Number(
    store
      .prepared('INSERT INTO runs (time, kind, source, peer, first_vno, last_vno) VALUES (?, ?, ?, ?, ?, ?)')
      .run(time, source.kind, source.source, peer, firstVno, lastVno).lastInsertRowid,
  );
  const insert = store.prepared('INSERT INTO run_notes (run, nno, change, before, after) VALUES (?, ?, ?, ?, ?)');
  for (const [noteId, old] of before) {
    const now = store.noteById(noteId);
    if (now === undefined) continue;
    if (old !== undefined && old.heads.equals(now.heads)) continue;
    insert.run(run, now.nno, changeOf(old, now), old?.heads ?? Buffer.alloc(0), now.heads);
  }
  return run;
}

export function runRow(store: ReadStore, run: number): RunRow | undefined {
  return store.prepared('SELECT * FROM runs WHERE run = ?').get(run) as RunRow | undefined;
}

export function runNoteRows(store: ReadStore, run: number): RunNoteRow[] {
  return store.prepared('SELECT * FROM run_notes WHERE run = ? ORDER BY nno').all(run) as RunNoteRow[];
}

export function markUndone(store: WriteStore, run: number, time: number): void {
  store.prepared('UPDATE runs SET undone = ? WHERE run = ?').run(time, run);
}

/** Runs, newest first. */
export function listRuns(store: ReadStore, limit: number): Run[] {
  const rows = store.prepared('SELECT * FROM runs ORDER BY run DESC LIMIT ?').all(limit) as RunRow[];
  return rows.map((row) => describeRun(store, row));
}

/** The notes a run changed, and how. */
export function runNotes(store: ReadStore, run: number): RunNote[] {
  return runNoteRows(store, run).map((n) => {
    const note = store.noteByNno(n.nno);
    return { noteId: toHex(note.note_id), title: note.title, change: n.change };
  });
}

/** Of `noteIds`, those the run changed, and how over the whole run: what a page that extended it reports, without listing every note the run holds again. */
export function runNotesAmong(store: ReadStore, run: number, noteIds: readonly string[]): RunNote[] {
  const notes: RunNote[] = [];
  for (const noteId of noteIds) {
    const note = store.noteById(noteId);
    const change = note === undefined ? undefined : runNoteChange(store, run, note.nno);
    if (note !== undefined && change !== undefined) notes.push({ noteId, title: note.title, change });
  }
  return notes;
}

/** How the run changed the note, or undefined when it did not. */
function runNoteChange(store: ReadStore, run: number, nno: number): RunChange | undefined {
  return store.prepared('SELECT change FROM run_notes WHERE run = ? AND nno = ?').pluck().get(run, nno) as RunChange | undefined;
}

export function describeRun(store: ReadStore, row: RunRow): Run {
  const peer = row.peer === null ? null : store.replicaByRno(row.peer);
  const versions = (store.prepared('SELECT id FROM versions WHERE vno BETWEEN ? AND ? ORDER BY vno').pluck().all(row.first_vno, row.last_vno) as Buffer[]).map(toHex);
  return {
    run: row.run,
    time: row.time,
    kind: row.kind,
    source: row.source,
    peer: peer === null ? null : toHex(peer.replica_id),
    peerName: peer?.device_name ?? null,
    versions,
    notes: runNotes(store, row.run),
    undone: row.undone,
  };
}
