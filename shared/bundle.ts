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

/**
 * The file name a save dialog proposes for a bundle: who wrote it, on which day, and for whom
 * (`laptop-2026-12-07-for-desk.ferry`), the names reduced to letters, digits and dashes so the
 * name is valid on any file system, a USB stick's FAT included.
 */
export function proposedBundleName(deviceName: string, day: string, forDevice?: string): string {
  return `${fileSafe(deviceName, 'ferry')}-${day}${forDevice === undefined ? '' : `-for-${fileSafe(forDevice, 'device')}`}.ferry`;
}

function fileSafe(name: string, fallback: string): string {
  const cleaned = name.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/gu, '');
  return cleaned === '' ? fallback : cleaned.slice(0, 40).replace(/-+$/u, '');
}
