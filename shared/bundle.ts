// A bundle file's header (docs/stream-format.md, B2): what the receiver learns before it opens
// the body, and what `ferry bundle verify` prints.

import type { JournalId, ReplicaId, VersionVector } from './model.js';

export const bundleFormatVersion = 1;

export interface BundleHeader {
  journalId: JournalId;
  /** The replica that wrote the bundle. */
  replicaId: ReplicaId;
  deviceName: string;
  /** ISO-8601. */
  created: string;
  /** What the author held when it wrote the bundle. */
  vector: VersionVector;
  /** What the receiver must already hold: `{}` for a full bundle. */
  basis: VersionVector;
  /** Device names the author knows, by replica. */
  devices: Record<ReplicaId, string>;
  /** Envelopes in the body. */
  versions: number;
  stream: number;
  compression: 'brotli' | 'none';
}
