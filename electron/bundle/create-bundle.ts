// `ferry bundle create`: the versions a peer lacks (or all of them), as a bundle file written
// atomically (docs/stream-format.md, B1–B6). The basis for a peer is what it was last known to
// hold, capped by what we hold. Envelopes are made on this thread while brotli compresses the
// ones before them on libuv's pool, so the two halves of the work overlap.

import { once } from 'node:events';
import { createBrotliCompress, constants as zlib } from 'node:zlib';
import type { BundleHeader } from '../../shared/bundle.js';
import type { VersionVector } from '../../shared/model.js';
import type { Envelope } from '../../shared/stream.js';
import { streamFormatVersion } from '../../shared/stream.js';
import type { Journal } from '../journal/journal.js';
import { minVector, sortedVector } from '../journal/peers.js';
import { encodeStream } from '../stream/envelope.js';
import { writeFileAtomic } from '../files/atomic-file.js';
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
  const body = await compressStream(envelopes);
  const parts = encodeBundle(header, body);
  writeFileAtomic(file, parts);
  return { file, header, bytes: parts.reduce((sum, p) => sum + p.length, 0), peer };
}

/** Brotli at quality 5 with a 16 MiB window: measured in docs/stream-format.md ("Choices"). */
async function compressStream(envelopes: Iterable<Envelope>): Promise<Buffer[]> {
  const compressor = createBrotliCompress({
    params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_LGWIN]: 24, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_GENERIC },
  });
  const chunks: Buffer[] = [];
  compressor.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(compressor, 'end');
  let batch: Envelope[] = [];
  let batchBytes = 0;
  for (const envelope of envelopes) {
    batch.push(envelope);
    batchBytes += envelope.payload.length + 100;
    if (batchBytes >= 256 * 1024) {
      compressor.write(encodeStream(batch));
      batch = [];
      batchBytes = 0;
      // Let the compressor pick up what was written while the next batch is made.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  compressor.end(encodeStream(batch));
  await ended;
  return chunks;
}
