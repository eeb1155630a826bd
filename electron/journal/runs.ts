// Runs (DESIGN.md, "Bundles"): every import is recorded, inside its own transaction, with the
// versions it brought (a contiguous range of rows) and, for each note it changed, the heads before
// and after and what changed in the view. `undo` (journal.ts) uses the heads to put each note back
// as it was, and to leave alone any note edited since.

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
