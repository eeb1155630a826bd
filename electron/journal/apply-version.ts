// Adding versions to the journal, inside the caller's transaction: each version's row (its body
// stored as a delta against its first parent), the version vector, the notes' heads and views,
// and the search index, each replica and note written once per batch (VersionBatch). Used for versions authored here and versions received from elsewhere,
// so both paths keep the same caches (DESIGN.md: "The materialised notes table and the FTS5 index
// are caches of this view, updated in the same transaction that inserts versions").

import type { Version } from '../../shared/model.js';
import type { NoteFields } from './authoring.js';
import { encodeBody } from './body-codec.js';
import { dailyDayOf } from './daily.js';
import { packIds, toBlob, unpackIds } from './ids.js';
import type { NoteRow, ReadStore, ReplicaRow, VersionRow, WriteStore } from './store.js';
import { parseTags, previewOf } from './store.js';
import { nextHeads, viewOfHeads, type HeadMerger, type HeadsView, type HeadVersion, type NoteHistory } from './view.js';
import type { KnownBases } from '../merge/merge-heads.js';

export interface ApplyContext {
  store: WriteStore;
  journalId: string;
  merge: HeadMerger;
  /** Merge bases built before (versions never change, so they stay right). */
  bases?: KnownBases;
}

/** Stores `version` (already checked) and updates the view; returns its row number. */
export function applyVersion(ctx: ApplyContext, version: Version): number {
  const batch = new VersionBatch(ctx);
  const { vno } = batch.store(version);
  batch.finish();
  return vno;
}

/** A version to store, with what the stream already had at hand for it. */
export interface VersionToStore extends Version {
  /** Its body's delta against its first parent's body, when one arrived with it. */
  bodyDelta?: Uint8Array;
  /** Its body as UTF-8, when already encoded. */
  bodyBytes?: Uint8Array;
}

interface NoteState {
  row: NoteRow;
  heads: string[];
  /** First stored by this batch: it has no search index entry yet. */
  fresh: boolean;
}

/**
 * Versions stored in one transaction. Each replica's and note's row is read once and written
 * once (in `finish`), however many versions touch it, and each note's view and index entry are
 * recomputed once, from its final heads, rather than once per version. `finish` must run before
 * the transaction ends; until it has, the replicas' seqs and the notes' heads in the database
 * are those from before the batch, and `replica` and `note` tell what the batch has made them.
 */
export class VersionBatch {
  private readonly replicas = new Map<string, ReplicaRow | undefined>();
  private readonly notes = new Map<string, NoteState | undefined>();
  private readonly movedReplicas = new Set<ReplicaRow>();
  private readonly touched = new Set<NoteState>();

  constructor(private readonly ctx: ApplyContext) {}

  /** The replica's row as it stands in this batch (max_seq included); undefined when never heard of. */
  replica(replicaId: string): ReplicaRow | undefined {
    if (!this.replicas.has(replicaId)) this.replicas.set(replicaId, this.ctx.store.replicaById(replicaId));
    return this.replicas.get(replicaId);
  }

  /** The note's row number; undefined when the journal has no version of it yet. */
  noteRow(noteId: string): number | undefined {
    return this.noteState(noteId)?.row.nno;
  }

  /** Stores `version` (already checked) and moves its note's heads and times in memory. */
  store(version: VersionToStore): { vno: number; nno: number } {
    const { store } = this.ctx;
    const replica = this.replica(version.replicaId) ?? this.newReplica(version.replicaId);
    const firstParent = version.parents[0] === undefined ? undefined : store.versionMetaById(version.parents[0]);
    const base = firstParent === undefined ? null : { vno: firstParent.vno, chain: firstParent.chain, bytes: store.bodyBytes(firstParent.vno) };
    const body = encodeBody(version.body, base, firstParent === undefined ? undefined : version.bodyDelta, version.bodyBytes);
    const note = this.noteState(version.noteId) ?? this.newNote(version);

    const row: Omit<VersionRow, 'vno'> = {
      id: toBlob(version.id),
      nno: note.row.nno,
      rno: replica.rno,
      seq: version.seq,
      time: version.time,
      parents: packIds(version.parents),
      title: version.title,
      tags: JSON.stringify(version.tags),
      deleted: version.deleted ? 1 : 0,
      base: body.base,
      chain: body.chain,
      body: body.blob,
    };
    const vno = store.insertVersion(row);
    const { body: _stored, ...meta } = row;
    store.rememberVersion(version.id, { vno, ...meta }, body.bytes);
    if (version.seq > replica.max_seq) {
      replica.max_seq = version.seq;
      this.movedReplicas.add(replica);
    }
    note.heads = nextHeads(note.heads, version);
    note.row.created = Math.min(note.row.created, version.time);
    note.row.updated = Math.max(note.row.updated, version.time);
    this.touched.add(note);
    return { vno, nno: note.row.nno };
  }

  /** Writes the replicas' seqs and refreshes every touched note's row and index entry; returns their row numbers. */
  finish(): number[] {
    for (const replica of this.movedReplicas) this.ctx.store.setMaxSeq(replica.rno, replica.max_seq);
    const nnos: number[] = [];
    for (const note of this.touched) {
      refreshNote(this.ctx, { ...note.row, heads: packIds(note.heads) }, !note.fresh);
      nnos.push(note.row.nno);
    }
    this.movedReplicas.clear();
    this.touched.clear();
    this.notes.clear();
    return nnos;
  }

  private noteState(noteId: string): NoteState | undefined {
    if (!this.notes.has(noteId)) {
      const row = this.ctx.store.noteById(noteId);
      this.notes.set(noteId, row === undefined ? undefined : { row, heads: unpackIds(row.heads, 32), fresh: false });
    }
    return this.notes.get(noteId);
  }

  private newReplica(replicaId: string): ReplicaRow {
    const row = this.ctx.store.ensureReplica(replicaId, null);
    this.replicas.set(replicaId, row);
    return row;
  }

  private newNote(version: Version): NoteState {
    const fields: Omit<NoteRow, 'nno'> = {
      note_id: toBlob(version.noteId),
      title: version.title,
      tags: JSON.stringify(version.tags),
      deleted: version.deleted ? 1 : 0,
      conflict: 0,
      heads: Buffer.alloc(0),
      shown: 0,
      body: null,
      created: version.time,
      updated: version.time,
      day: dailyDayOf(this.ctx.journalId, version.noteId, version),
    };
    const state = { row: { nno: this.ctx.store.insertNote(fields), ...fields }, heads: [], fresh: true };
    this.notes.set(version.noteId, state);
    return state;
  }
}

/** Recomputes a note's row (all but its heads and times) and its index entry from its heads; `indexed`: it may have an entry already. */
export function refreshNote(ctx: ApplyContext, note: NoteRow, indexed: boolean): void {
  const { store } = ctx;
  const heads = unpackIds(note.heads, 32);
  const view = viewOfHeads(loadHeads(store, heads), ctx.merge, noteHistory(store, note, ctx.bases));
  const shown = store.versionMetaById(view.shown)!;
  const row: NoteRow = {
    ...note,
    title: view.title,
    tags: JSON.stringify(view.tags),
    deleted: view.deleted ? 1 : 0,
    conflict: view.conflict ? 1 : 0,
    shown: shown.vno,
    body: view.body,
  };
  const body = view.body ?? store.bodyText(shown.vno);
  store.updateNote(row, previewOf(view.title, body));
  store.indexNote(note.nno, view.title, body, view.tags, indexed);
}

export function loadHeads(store: ReadStore, heads: readonly string[]): HeadVersion[] {
  return heads.map((id) => loadVersion(store, id));
}

function loadVersion(store: ReadStore, id: string): HeadVersion {
  const meta = store.versionMetaById(id);
  if (meta === undefined) throw new Error(`Version ${id} is not stored`);
  return {
    id,
    time: meta.time,
    title: meta.title,
    tags: parseTags(meta.tags),
    deleted: meta.deleted === 1,
    body: () => store.bodyText(meta.vno),
  };
}

/**
 * The note's versions as a merger reads them: parents remembered (ancestry walks ask again), and
 * each version's row number as the order they were stored in, parents first.
 */
export function noteHistory(store: ReadStore, note: Pick<NoteRow, 'day'>, bases?: KnownBases): NoteHistory {
  const links = new Map<string, { parents: readonly string[]; vno: number }>();
  const link = (id: string) => {
    let found = links.get(id);
    if (found === undefined) {
      const meta = store.versionMetaById(id);
      if (meta === undefined) throw new Error(`Version ${id} is not stored`);
      found = { parents: unpackIds(meta.parents, 32), vno: meta.vno };
      links.set(id, found);
    }
    return found;
  };
  return {
    ...(bases === undefined ? {} : { bases }),
    daily: note.day !== null,
    parentsOf: (id) => link(id).parents,
    orderOf: (id) => link(id).vno,
    version: (id) => loadVersion(store, id),
  };
}

/**
 * What a version was written on, to say what its author changed: nothing (a note's first version);
 * its one parent; its parents as the view merged them (what the author saw, when they merged
 * cleanly); or, for a version that ended a conflict, its first parent.
 */
export type VersionBasis = { kind: 'nothing'; fields: null } | { kind: 'parent' | 'merge' | 'conflict'; fields: NoteFields };

export function basisOf(ctx: ApplyContext, note: NoteRow, parents: readonly string[]): VersionBasis {
  const [first] = parents;
  if (first === undefined) return { kind: 'nothing', fields: null };
  if (parents.length === 1) return { kind: 'parent', fields: fieldsOfHeads(ctx, note, parents) };
  const view = viewOfHeads(loadHeads(ctx.store, parents), ctx.merge, noteHistory(ctx.store, note, ctx.bases));
  if (view.conflict) return { kind: 'conflict', fields: fieldsOfHeads(ctx, note, [first]) };
  return { kind: 'merge', fields: viewFields(ctx.store, view) };
}

/** The fields the view would show for `heads` of `note` (heads it had earlier, say, for an undo). */
export function fieldsOfHeads(ctx: ApplyContext, note: NoteRow, heads: readonly string[]): NoteFields {
  return viewFields(ctx.store, viewOfHeads(loadHeads(ctx.store, heads), ctx.merge, noteHistory(ctx.store, note, ctx.bases)));
}

/** A view's fields, its body read from the shown head when the view has no merged one. */
function viewFields(store: ReadStore, view: HeadsView): NoteFields {
  return { title: view.title, body: view.body ?? store.bodyText(store.versionMetaById(view.shown)!.vno), tags: view.tags, deleted: view.deleted };
}
