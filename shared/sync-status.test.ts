import { describe, expect, it } from 'vitest';
import { syncStatus, type SyncFacts } from './sync-status.js';

const base: SyncFacts = { remote: 'http://sync.home:8123', paused: false, running: false, last: 'ok', pending: 0, conflicts: 0, lastSync: 1_000, nextRetry: null, lastError: null };
const refused = { code: 'AuthRejected' as const, message: 'The server does not accept this token.' };
const unreachable = { code: 'Offline' as const, message: 'The server cannot be reached.' };

describe('sync status: which state a person is shown', () => {
  it.each<[string, Partial<SyncFacts>, string]>([
    ['everything held by the server', {}, 'synced'],
    ['edits the server lacks', { pending: 3 }, 'pending'],
    ['a server set but never synced with', { last: 'none', lastSync: null }, 'pending'],
    ['a sync under way', { running: true, pending: 3 }, 'syncing'],
    ['a sync under way while paused', { running: true, paused: true }, 'syncing'],
    ['paused with edits waiting', { paused: true, pending: 2 }, 'paused'],
    ['paused after a failure', { paused: true, last: 'failed' }, 'paused'],
    ['the server unreachable', { last: 'offline', lastError: unreachable, pending: 1 }, 'offline'],
    ['the server failing', { last: 'failed', pending: 1 }, 'error'],
    ['the token refused', { last: 'auth', lastError: refused }, 'error'],
    ['no server set', { remote: null, pending: 5 }, 'local'],
    ['no server set, even while paused', { remote: null, paused: true }, 'local'],
  ])('%s → %s', (_story, facts, state) => {
    expect(syncStatus({ ...base, ...facts }).state).toBe(state);
  });

  it('carries the counts, times in ISO-8601 and the last error in words', () => {
    const status = syncStatus({ ...base, last: 'offline', pending: 4, conflicts: 2, lastSync: Date.UTC(2026, 10, 23, 9), nextRetry: Date.UTC(2026, 10, 23, 9, 0, 30), lastError: unreachable });
    expect(status).toEqual({
      state: 'offline',
      remote: 'http://sync.home:8123',
      pending: 4,
      conflicts: 2,
      lastSync: '2026-11-23T09:00:00.000Z',
      nextRetry: '2026-11-23T09:00:30.000Z',
      lastError: unreachable,
      needsToken: false,
      exchange: null,
    });
  });

  it('a refused token says a new one is needed; a good sync clears the last error', () => {
    expect(syncStatus({ ...base, last: 'auth', lastError: refused }).needsToken).toBe(true);
    expect(syncStatus({ ...base, last: 'ok', lastError: refused }).lastError).toBeNull();
  });

  it('no retry time is shown while paused', () => {
    expect(syncStatus({ ...base, paused: true, last: 'offline', nextRetry: 5_000 }).nextRetry).toBeNull();
  });
});
