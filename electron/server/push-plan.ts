// What a push may store (docs/sync-protocol.md, S3), decided without I/O: given what the journal
// holds, each envelope is either already held, new and acceptable, or a reason to refuse the
// whole push. Both storages ask the database what lookupsFor names, then call planPush inside the
// transaction that stores the result.

import { FerryError } from '../../shared/errors.js';
import type { VersionVector } from '../../shared/model.js';
import type { Envelope } from '../../shared/stream.js';

export interface PushLookups {
  /** Seqs at or below the stored vector, whose stored ids decide "already held" or "forked". */
  seqs: { replicaId: string; seq: number }[];
  /** Every parent and every envelope id: which of them the journal holds. */
  ids: string[];
}

export interface StoredFacts {
  vector: VersionVector;
  /** `replicaId:seq` → the id stored there, for the seqs asked about. */
  idAt: ReadonlyMap<string, string>;
  /** Of the ids asked about, those the journal holds. */
  held: ReadonlySet<string>;
}

export interface PushPlan {
  insert: Envelope[];
  alreadyHeld: number;
  /** The journal's vector once `insert` is stored. */
  vector: VersionVector;
}

export function seqKey(replicaId: string, seq: number): string {
  return `${replicaId}:${seq}`;
}

export function lookupsFor(envelopes: readonly Envelope[], vector: VersionVector): PushLookups {
  const seqs: PushLookups['seqs'] = [];
  const ids = new Set<string>();
  for (const envelope of envelopes) {
    if (envelope.seq <= (vector[envelope.replicaId] ?? 0)) seqs.push({ replicaId: envelope.replicaId, seq: envelope.seq });
    ids.add(envelope.id);
    for (const parent of envelope.parents) ids.add(parent);
  }
  return { seqs, ids: [...ids] };
}

/** Throws InvalidVersion or ReplicaForked, naming the first envelope that cannot be stored. */
export function planPush(envelopes: readonly Envelope[], stored: StoredFacts): PushPlan {
  const vector: VersionVector = { ...stored.vector };
  const planned = new Map<string, string>();
  const plannedIds = new Set<string>();
  const insert: Envelope[] = [];
  let alreadyHeld = 0;
  envelopes.forEach((envelope, index) => {
    const { replicaId, seq, id } = envelope;
    const which = `Envelope ${index + 1} (version ${id.slice(0, 12)}, seq ${seq} of replica ${replicaId.slice(0, 8)})`;
    if (seq <= (vector[replicaId] ?? 0)) {
      const there = planned.get(seqKey(replicaId, seq)) ?? stored.idAt.get(seqKey(replicaId, seq));
      if (there === id) {
        alreadyHeld += 1;
        return;
      }
      throw new FerryError(
        'ReplicaForked',
        `${which} claims a seq the server already holds another version for (${there?.slice(0, 12) ?? 'unknown'}): two copies of one replica's journal both wrote. Keep one copy; make the other a new replica with \`ferry clone\`.`,
      );
    }
    const expected = (vector[replicaId] ?? 0) + 1;
    if (seq !== expected) throw new FerryError('InvalidVersion', `${which} arrives before seq ${expected} of its replica: seqs must come without gaps.`);
    if (stored.held.has(id) || plannedIds.has(id)) throw new FerryError('InvalidVersion', `${which} repeats an id the server holds at another seq.`);
    for (const parent of envelope.parents) {
      if (!stored.held.has(parent) && !plannedIds.has(parent)) {
        throw new FerryError('InvalidVersion', `${which} names parent ${parent.slice(0, 12)}, which the server does not hold and the push does not bring before it.`);
      }
    }
    insert.push(envelope);
    planned.set(seqKey(replicaId, seq), id);
    plannedIds.add(id);
    vector[replicaId] = seq;
  });
  return { insert, alreadyHeld, vector };
}
