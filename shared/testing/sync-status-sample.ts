// Test support: a moment and a sync status "synced five minutes before it", the starting point
// the status bar's and the tray's tables change one field at a time.
import type { CallResult } from '../app-contract.js';

export type SyncStatus = CallResult<'syncStatus'>;

export const now = new Date(2026, 11, 6, 15, 30).getTime();
export const iso = (ms: number) => new Date(ms).toISOString();

export const syncedStatus: SyncStatus = {
  state: 'synced',
  remote: 'https://sync.example.org',
  pending: 0,
  conflicts: 0,
  lastSync: iso(now - 5 * 60_000),
  nextRetry: null,
  lastError: null,
  needsToken: false,
  exchange: null,
};
