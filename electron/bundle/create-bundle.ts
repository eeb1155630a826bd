// `ferry bundle create`: the versions a peer lacks (or all of them), as a bundle file written
// atomically (docs/stream-format.md, B1–B6). The basis for a peer is what it was last known to
// hold, capped by what we hold. The body is compressed in blocks (bundle-body.ts).

import type { BundleHeader } from '../../shared/bundle.js';
import type { VersionVector } from '../../shared/model.js';
import { streamFormatVersion } from '../../shared/stream.js';
import type { Journal } from '../journal/journal.js';
import { minVector, sortedVector } from '../journal/peers.js';
import { writeFileAtomic } from '../files/atomic-file.js';
import { compressBody } from './bundle-body.js';
import { encodeBundle } from './bundle-file.js';

export type BundleTarget = { all: true } | { for: string } | { basis: VersionVector };

export interface CreatedBundle {
  file: string;
  header: BundleHeader;
  bytes: number;
  /** The peer it was made for (device name or replica id), when made for one. */
  peer: string | null;
}

/** The basis a target implies: `{}` for everything, a peer's known vector capped by ours, or as given. */
export function basisFor(journal: Journal, target: BundleTarget): { basis: VersionVector; peer: string | null } {
  if ('all' in target) return { basis: {}, peer: null };
  const ours = journal.vector();
  if ('basis' in target) return { basis: sortedVector(minVector([target.basis, ours])), peer: null };
  const peer = journal.resolvePeer(target.for);
  const known = journal.knownVectorOf(peer.replicaId) ?? {};
  return { basis: sortedVector(minVector([known, ours])), peer: peer.deviceName ?? peer.replicaId };
}

export async function createBundle(journal: Journal, file: string, target: BundleTarget, clock: () => number = Date.now): Promise<CreatedBundle> {
  const { basis, peer } = basisFor(journal, target);
  const { count, envelopes } = journal.envelopesBeyond(basis);
  const header: BundleHeader = {
    journalId: journal.journalId,
    replicaId: journal.replicaId,
    deviceName: journal.deviceName,
    created: new Date(clock()).toISOString(),
    vector: sortedVector(journal.vector()),
    basis,
    devices: journal.deviceNames(),
    versions: count,
    stream: streamFormatVersion,
    compression: 'brotli',
  };
  const body = await compressBody(envelopes);
  const parts = encodeBundle(header, body);
  writeFileAtomic(file, parts);
  return { file, header, bytes: parts.reduce((sum, p) => sum + p.length, 0), peer };
}
