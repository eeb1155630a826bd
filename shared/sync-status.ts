// What the status bar and the tray say about sync (DESIGN.md, "Sync with a server"): a pure
// function of facts the sync engine keeps, so every place that shows the status shows the same
// thing, and a table test pins down which state wins when several hold.

import type { ErrorData } from './errors.js';

/**
 * `local`: no sync server is set (the journal is only on this device and whatever bundles carry).
 * The others as DESIGN.md names them.
 */
export type SyncState = 'synced' | 'pending' | 'syncing' | 'offline' | 'error' | 'paused' | 'local';

/** How the last sync attempt ended. `auth`: the token was refused, so retrying waits for a new one. */
export type SyncOutcome = 'none' | 'ok' | 'offline' | 'failed' | 'auth';

export interface SyncFacts {
  remote: string | null;
  paused: boolean;
  running: boolean;
  last: SyncOutcome;
  /** Versions written here that the server (or any peer) is not known to hold. */
  pending: number;
  /** Notes in conflict. */
  conflicts: number;
  /** ms of the last sync that worked; null before the first. */
  lastSync: number | null;
  /** ms of the next automatic try after a failure; null when none is planned. */
  nextRetry: number | null;
  lastError: ErrorData | null;
}

/**
 * How the exchange folders stand, for a journal that travels on a USB stick or a synced folder
 * (null when it has none). Kept by the app, which watches them; the sync engine does not know them.
 */
export interface ExchangeStatus {
  folders: number;
  /** ISO-8601: when this device's bundle was last written to one of them (since the app started). */
  lastWrite: string | null;
  /** ISO-8601: when a bundle from another device was last read in one of them (since the app started). */
  lastImport: string | null;
  /** What stops one of them from working now, with its path (a pulled stick, a damaged bundle); null when nothing does. */
  problem: string | null;
  /** The problem is that the folder is not there (a stick pulled out), not what is in it. */
  missing: boolean;
}

export interface SyncStatus {
  state: SyncState;
  remote: string | null;
  pending: number;
  conflicts: number;
  /** ISO-8601. */
  lastSync: string | null;
  nextRetry: string | null;
  lastError: ErrorData | null;
  /** True when automatic retries stopped until the token changes. */
  needsToken: boolean;
  exchange: ExchangeStatus | null;
}

export function syncStatus(facts: SyncFacts): SyncStatus {
  return {
    state: stateOf(facts),
    remote: facts.remote,
    pending: facts.pending,
    conflicts: facts.conflicts,
    lastSync: facts.lastSync === null ? null : new Date(facts.lastSync).toISOString(),
    nextRetry: facts.nextRetry === null || facts.paused ? null : new Date(facts.nextRetry).toISOString(),
    lastError: facts.last === 'ok' ? null : facts.lastError,
    needsToken: facts.last === 'auth',
    exchange: null,
  };
}

function stateOf(facts: SyncFacts): SyncState {
  if (facts.remote === null) return 'local';
  // A sync already under way finishes even when paused; say so until it has.
  if (facts.running) return 'syncing';
  if (facts.paused) return 'paused';
  if (facts.last === 'auth' || facts.last === 'failed') return 'error';
  if (facts.last === 'offline') return 'offline';
  if (facts.pending > 0 || facts.lastSync === null) return 'pending';
  return 'synced';
}
