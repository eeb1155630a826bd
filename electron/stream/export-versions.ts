// Turning stored versions into the stream (docs/stream-format.md, T2): the versions a receiver
// lacks given the vector it holds (its basis), in the order they arrived here, which puts every
// parent before its children, each as an envelope whose payload is rebuilt from the journal.
// A body stored as a delta against its first parent (the usual case) is sent as that delta,
// without being decoded or diffed again.

import type { Envelope } from '../../shared/stream.js';
import type { VersionVector } from '../../shared/model.js';
import { storedDelta } from '../journal/body-codec.js';
import { toHex, unpackIds } from '../journal/ids.js';
import { parseTags, type ReadStore, type VersionMeta, type VersionRow } from '../journal/store.js';
import { bodyPart, encodePayload, type BodyPart, type PayloadFormat } from './payload.js';

/** Versions held here that a replica holding `basis` lacks, parents first. */
export function versionsBeyond(store: ReadStore, basis: VersionVector): VersionRow[] {
  const floors = new Map<number, number>();
  // Rows arrive in order, so nothing the basis lacks comes before the first missing seq of some
  // replica: read from there (nothing at all when the basis holds everything, as in most syncs).
  let from = Infinity;
  for (const replica of store.replicas()) {
    const floor = basis[toHex(replica.replica_id)] ?? 0;
    floors.set(replica.rno, floor);
    if (replica.max_seq > floor) from = Math.min(from, store.versionAt(replica.rno, floor + 1)?.vno ?? 1);
  }
  if (from === Infinity) return [];
  return store.versionRowsFrom(from).filter((meta) => meta.seq > (floors.get(meta.rno) ?? 0));
}

/** The envelopes of `versions` (in the order given, made as they are read), payloads compressed with `compression`. */
export function* envelopesOf(store: ReadStore, versions: readonly VersionRow[], compression?: PayloadFormat): Generator<Envelope> {
  const replicaIds = new Map(store.replicas().map((r) => [r.rno, toHex(r.replica_id)]));
  const noteIds = store.noteIds();
  const sending = new Map<string, VersionMeta>();
  for (const meta of versions) {
    const id = toHex(meta.id);
    sending.set(id, meta);
    const parents = unpackIds(meta.parents, 32);
    const firstId = parents[0];
    const first = firstId === undefined ? undefined : (sending.get(firstId) ?? store.versionMetaById(firstId));
    let body: BodyPart;
    if (first === undefined) body = { delta: false, bytes: store.bodyBytes(meta.vno) };
    else {
      const delta = meta.base === first.vno ? storedDelta(meta.body) : null;
      body = delta === null ? bodyPart(store.bodyBytes(meta.vno), store.bodyBytes(first.vno)) : { delta: true, bytes: delta };
    }
    const payload = encodePayload(
      { noteId: noteIds.get(meta.nno)!, time: meta.time, title: meta.title, tags: parseTags(meta.tags), deleted: meta.deleted === 1 },
      body,
      first === undefined ? null : { title: first.title, tags: parseTags(first.tags) },
      compression,
    );
    yield { id, replicaId: replicaIds.get(meta.rno)!, seq: meta.seq, parents, payload };
  }
}
