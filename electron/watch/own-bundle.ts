// This replica's bundle in an exchange folder (DESIGN.md, "Bundles"): one file per replica, named
// for the device and its replica id, holding what every peer heard of lacks (the basis is what all
// of them are known to hold), so whichever device finds the stick can take what it needs.

import type { VersionVector } from '../../shared/model.js';
import type { Journal } from '../journal/journal.js';
import { minVector } from '../journal/peers.js';

/** `work-laptop-3f2a9c1b.ferry`: the device name, made safe for any file system, and the replica. */
export function ownBundleName(deviceName: string, replicaId: string): string {
  const slug = deviceName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug === '' ? 'ferry' : slug}-${replicaId.slice(0, 8)}.ferry`;
}

/** Whether a file name is one this replica's bundle could have had (under another device name). */
export function isOwnBundleName(name: string, replicaId: string): boolean {
  return name.endsWith(`-${replicaId.slice(0, 8)}.ferry`);
}

/**
 * What every peer is known to hold: the basis of a bundle any of them can import. A peer whose
 * holdings are unknown, or no peer at all (a device still to come), makes it a full bundle.
 */
export function basisForEveryPeer(journal: Journal): VersionVector {
  const peers = journal.peers();
  if (peers.length === 0 || peers.some((p) => p.known === null)) return {};
  return minVector(peers.map((p) => p.known!));
}
