// What this replica knows of the others (DESIGN.md, "Bundles"): for each replica heard of, its
// device name, the version vector it was last known to hold and where that was learned, and from
// those, how far behind or ahead of us it is. A peer's holdings only grow, so what is learned is
// merged into what was known (a stale bundle found on a stick does not make us forget).

import { FerryError } from '../../shared/errors.js';
import type { ReplicaId, VersionVector } from '../../shared/model.js';
import { toHex } from './ids.js';
import type { ReadStore, WriteStore } from './store.js';

export interface Peer {
  replicaId: ReplicaId;
  deviceName: string | null;
  /** What it was last known to hold; null when nothing was ever learned from it directly. */
  known: VersionVector | null;
  /** When and from where `known` was learned. */
  learned: number | null;
  source: string | null;
  /** Versions we hold that it is not known to hold (null when unknown). */
  behind: number | null;
  /** Versions it holds that we lack. */
  ahead: number | null;
  /** When we last heard from it (a bundle it wrote, a sync). */
  lastHeard: number | null;
}

interface PeerVectorRow {
  rno: number;
  vector: string;
  learned: number;
  source: string;
}

export function knownVector(store: ReadStore, rno: number): VersionVector | undefined {
  const row = store.prepared('SELECT vector FROM peer_vectors WHERE rno = ?').get(rno) as { vector: string } | undefined;
  return row === undefined ? undefined : (JSON.parse(row.vector) as VersionVector);
}

/** Merges `vector` into what `replicaId` is known to hold. */
export function learnVector(store: WriteStore, replicaId: ReplicaId, vector: VersionVector, time: number, source: string): void {
  const rno = store.ensureReplica(replicaId, null).rno;
  const merged = maxVector(knownVector(store, rno) ?? {}, vector);
  store
    .prepared('INSERT INTO peer_vectors (rno, vector, learned, source) VALUES (?, ?, ?, ?) ON CONFLICT (rno) DO UPDATE SET vector = excluded.vector, learned = excluded.learned, source = excluded.source')
    .run(rno, JSON.stringify(sortedVector(merged)), time, source);
  store.prepared('UPDATE replicas SET last_heard = ? WHERE rno = ?').run(time, rno);
}

/** Device names a peer told us (its bundle's header); replicas not heard of before are added. */
export function learnDeviceNames(store: WriteStore, devices: Record<ReplicaId, string>, self: ReplicaId): void {
  for (const [replicaId, name] of Object.entries(devices)) {
    if (replicaId === self || name.trim() === '') continue;
    const row = store.ensureReplica(replicaId, name);
    if (row.device_name !== name) store.setDeviceName(row.rno, name);
  }
}

/** A peer by replica id (or a unique prefix of at least 4 digits) or by its device name, where unique. */
export function findPeer(peers: readonly Peer[], ref: string): Peer {
  const typed = ref.trim();
  const lower = typed.toLowerCase();
  const byName = peers.filter((p) => p.deviceName !== null && p.deviceName.toLowerCase() === lower);
  const byId = /^[0-9a-f]{4,32}$/.test(lower) ? peers.filter((p) => p.replicaId.startsWith(lower)) : [];
  const found = byId.length > 0 ? byId : byName;
  if (found.length === 1) return found[0]!;
  const list = peers.map((p) => `${p.deviceName ?? '(unnamed)'} (${p.replicaId.slice(0, 8)})`).join(', ');
  if (found.length === 0) {
    throw new FerryError(
      'NotFound',
      `No replica of this journal is called "${typed}"${peers.length === 0 ? ': this replica has not heard of any other yet' : `; the ones heard of: ${list}`}. ` +
        'A replica is heard of once one of its bundles is imported here; until then, `--all` makes a bundle any replica can import.',
    );
  }
  throw new FerryError('AmbiguousId', `Several replicas match "${typed}": ${found.map((p) => `${p.deviceName ?? '(unnamed)'} (${p.replicaId.slice(0, 8)})`).join(', ')}; give more of the replica id.`);
}

export function listPeers(store: ReadStore, self: ReplicaId, ours: VersionVector): Peer[] {
  const vectors = new Map((store.prepared('SELECT * FROM peer_vectors').all() as PeerVectorRow[]).map((r) => [r.rno, r]));
  return store
    .replicas()
    .filter((r) => toHex(r.replica_id) !== self)
    .map((r) => {
      const row = vectors.get(r.rno);
      const known = row === undefined ? null : (JSON.parse(row.vector) as VersionVector);
      return {
        replicaId: toHex(r.replica_id),
        deviceName: r.device_name,
        known,
        learned: row?.learned ?? null,
        source: row?.source ?? null,
        behind: known === null ? null : missingFrom(known, ours),
        ahead: known === null ? null : missingFrom(ours, known),
        lastHeard: r.last_heard,
      };
    });
}

/** How many versions `has` holds that `lacks` does not. */
export function missingFrom(lacks: VersionVector, has: VersionVector): number {
  let count = 0;
  for (const [replica, seq] of Object.entries(has)) count += Math.max(0, seq - (lacks[replica] ?? 0));
  return count;
}

export function maxVector(a: VersionVector, b: VersionVector): VersionVector {
  const out: VersionVector = { ...a };
  for (const [replica, seq] of Object.entries(b)) out[replica] = Math.max(out[replica] ?? 0, seq);
  return out;
}

/** The element-wise minimum: what every one of `vectors` holds. */
export function minVector(vectors: readonly VersionVector[]): VersionVector {
  const [first, ...rest] = vectors;
  if (first === undefined) return {};
  const out: VersionVector = {};
  for (const [replica, seq] of Object.entries(first)) {
    const least = Math.min(seq, ...rest.map((v) => v[replica] ?? 0));
    if (least > 0) out[replica] = least;
  }
  return out;
}

export function sortedVector(vector: VersionVector): VersionVector {
  return Object.fromEntries(Object.entries(vector).filter(([, seq]) => seq > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
