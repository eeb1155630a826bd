// Adding one version to the journal, inside the caller's transaction: the version row (its body
// stored as a delta against its first parent), the version vector, the note's heads and view,
// and the search index. Used for versions authored here and versions received from elsewhere,
// so both paths keep the same caches (DESIGN.md: "The materialised notes table and the FTS5 index
// are caches of this view, updated in the same transaction that inserts versions").

import type { Version } from '../../shared/model.js';
import type { NoteFields } from './authoring.js';
import { encodeBody } from './body-codec.js';
import { dailyDayOf } from './daily.js';
import { packIds, toBlob, unpackIds } from './ids.js';
import type { NoteRow, ReadStore, WriteStore } from './store.js';
import { parseTags } from './store.js';
import { nextHeads, viewOfHeads, type HeadMerger, type HeadVersion, type NoteHistory } from './view.js';

export interface ApplyContext {
  store: WriteStore;
  journalId: string;
  merge: HeadMerger;
}

/** Stores `version` (already checked) and updates the view; returns its row number. */
export function applyVersion(ctx: ApplyContext, version: Version): number {
  const { vno, nno } = storeVersion(ctx, version);
  refreshNote(ctx, ctx.store.noteByNno(nno));
  return vno;
}

/**
 * Stores `version` and moves its note's heads and times, leaving the rest of the view (title,
 * body, index) to `refreshNote`, which must run before the transaction ends. A batch of versions
 * (an import) refreshes each note once, after its last version, rather than once per version.
 */
export function storeVersion(ctx: ApplyContext, version: Version, bodyDelta?: Uint8Array): { vno: number; nno: number } {
  const { store } = ctx;
  const replica = store.ensureReplica(version.replicaId, null);
  const firstParent = version.parents[0] === undefined ? undefined : store.versionMetaById(version.parents[0]);
  const body = encodeBody(version.body, firstParent === undefined ? null : store.bodyBase(firstParent.vno), firstParent === undefined ? undefined : bodyDelta);

  let note = store.noteById(version.noteId);
  if (note === undefined) {
    const nno = store.insertNote({
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
      day: dailyDayOf(ctx.journalId, version.noteId, version),
    });
    note = store.noteByNno(nno);
  }

  const vno = store.insertVersion({
    id: toBlob(version.id),
    nno: note.nno,
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
  });
  store.rememberBody(vno, body.bytes);
  if (version.seq > replica.max_seq) store.setMaxSeq(replica.rno, version.seq);

  const heads = nextHeads(unpackIds(note.heads, 32), version);
  store.updateHeads(note.nno, packIds(heads), Math.min(note.created, version.time), Math.max(note.updated, version.time));
  return { vno, nno: note.nno };
}

/** Recomputes a note's row (all but its heads and times) and its index entry from its heads. */
export function refreshNote(ctx: ApplyContext, note: NoteRow): void {
  const { store } = ctx;
  const heads = unpackIds(note.heads, 32);
  const view = viewOfHeads(loadHeads(store, heads), ctx.merge, noteHistory(store, note));
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
  store.updateNote(row);
  store.indexNote(note.nno, view.title, view.body ?? store.bodyText(shown.vno), view.tags);
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

/** The note's versions as a merger reads them (parents remembered: ancestry walks ask again). */
export function noteHistory(store: ReadStore, note: Pick<NoteRow, 'day'>): NoteHistory {
  const parents = new Map<string, readonly string[]>();
  return {
    daily: note.day !== null,
    parentsOf: (id) => {
      let found = parents.get(id);
      if (found === undefined) {
        const meta = store.versionMetaById(id);
        if (meta === undefined) throw new Error(`Version ${id} is not stored`);
        found = unpackIds(meta.parents, 32);
        parents.set(id, found);
      }
      return found;
    },
    version: (id) => loadVersion(store, id),
  };
}

/** The fields the view would show for `heads` of `note` (heads it had earlier, say, for an undo). */
export function fieldsOfHeads(ctx: ApplyContext, note: NoteRow, heads: readonly string[]): NoteFields {
  const view = viewOfHeads(loadHeads(ctx.store, heads), ctx.merge, noteHistory(ctx.store, note));
  const shown = ctx.store.versionMetaById(view.shown)!;
  return { title: view.title, body: view.body ?? ctx.store.bodyText(shown.vno), tags: view.tags, deleted: view.deleted };
}
