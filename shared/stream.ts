// The version stream's shapes (docs/stream-format.md): what bundles carry in their body and sync
// pages carry on the wire. An envelope's header is readable by anyone who stores or forwards it
// (the server checks seqs and parents with it); its payload is opaque to them.

import type { ReplicaId, VersionId } from './model.js';

/** The stream format these types describe; a container (bundle header, sync request) names it. */
export const streamFormatVersion = 1;

export interface EnvelopeHeader {
  id: VersionId;
  replicaId: ReplicaId;
  seq: number;
  /** In the author's order: the first is the one the payload's body delta is against. */
  parents: VersionId[];
}

export interface Envelope extends EnvelopeHeader {
  /** The rest of the version, compressed; only a receiver that rebuilds the version reads it. */
  payload: Uint8Array;
}
