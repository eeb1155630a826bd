// The sync server a replica syncs with (migration 0003): its URL and token as `ferry remote set`
// left them, and the checkpoint each sync moves — what the server held, the replica news seen,
// when it last worked and why it last failed. Store functions; journal.ts wraps them.

import type { ErrorData } from '../../shared/errors.js';
import type { VersionVector } from '../../shared/model.js';
import { sortedVector } from './peers.js';
import type { ReadStore, WriteStore } from './store.js';

export interface Remote {
  url: string;
  token: string;
  serverVector: VersionVector;
  replicasRev: number;
  /** ms; null before the first good sync. */
  lastSync: number | null;
  lastAttempt: number | null;
  lastError: ErrorData | null;
}

/** Where a sync got to; stored with the versions it brought. */
export interface SyncCheckpoint {
  serverVector: VersionVector;
  replicasRev: number;
}

interface RemoteRow {
  url: string;
  token: string;
  server_vector: string;
  replicas_rev: number;
  last_sync: number | null;
  last_attempt: number | null;
  last_error: string | null;
}

export function readRemote(store: ReadStore): Remote | null {
  const row = store.prepared('SELECT url, token, server_vector, replicas_rev, last_sync, last_attempt, last_error FROM remote WHERE one = 1').get() as RemoteRow | undefined;
  if (row === undefined) return null;
  return {
    url: row.url,
    token: row.token,
    serverVector: JSON.parse(row.server_vector) as VersionVector,
    replicasRev: row.replicas_rev,
    lastSync: row.last_sync,
    lastAttempt: row.last_attempt,
    lastError: row.last_error === null ? null : (JSON.parse(row.last_error) as ErrorData),
  };
}

/** Sets the server; another server starts from nothing known, the same one keeps its checkpoint. */
export function writeRemote(store: WriteStore, url: string, token: string): void {
  const before = readRemote(store);
  if (before !== null && before.url === url) {
    store.prepared('UPDATE remote SET token = ?, last_error = NULL WHERE one = 1').run(token);
    return;
  }
  store.prepared('DELETE FROM remote').run();
  store.prepared('INSERT INTO remote (one, url, token) VALUES (1, ?, ?)').run(url, token);
}

export function removeRemote(store: WriteStore): boolean {
  return store.prepared('DELETE FROM remote').run().changes > 0;
}

export function writeCheckpoint(store: WriteStore, checkpoint: SyncCheckpoint): void {
  store.prepared('UPDATE remote SET server_vector = ?, replicas_rev = ? WHERE one = 1').run(JSON.stringify(sortedVector(checkpoint.serverVector)), checkpoint.replicasRev);
}

/** A sync ended: well (error null) or not; a good one clears the last error. */
export function writeSyncOutcome(store: WriteStore, at: number, error: ErrorData | null): void {
  if (error === null) store.prepared('UPDATE remote SET last_sync = ?, last_attempt = ?, last_error = NULL WHERE one = 1').run(at, at);
  else store.prepared('UPDATE remote SET last_attempt = ?, last_error = ? WHERE one = 1').run(at, JSON.stringify(error));
}
