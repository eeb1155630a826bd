// What the status bar and the tray say in each sync state, and that an unreachable engine wins over all.
import { describe, expect, it } from 'vitest';
import { conflictWords, statusWords, type StatusWords } from './status-words.js';
import { iso, now, syncedStatus, type SyncStatus } from './testing/sync-status-sample.js';

const base = syncedStatus;

const offlineError = { code: 'Offline', message: 'https://sync.example.org could not be reached.' } as const;

describe('status words for each sync state', () => {
  it.each<[string, Partial<SyncStatus>, Omit<StatusWords, 'conflicts' | 'folders'> & { folders?: string }]>([
    ['synced', {}, { tone: 'ok', label: 'Synced', detail: 'last synced 5 min ago' }],
    ['synced just now', { lastSync: iso(now - 3000) }, { tone: 'ok', label: 'Synced', detail: 'last synced just now' }],
    ['pending, several', { state: 'pending', pending: 3 }, { tone: 'busy', label: '3 changes to sync', detail: 'last synced 5 min ago' }],
    ['pending, one', { state: 'pending', pending: 1 }, { tone: 'busy', label: '1 change to sync', detail: 'last synced 5 min ago' }],
    ['pending, never synced', { state: 'pending', pending: 0, lastSync: null }, { tone: 'busy', label: 'Not synced yet', detail: 'never synced with the server yet' }],
    ['syncing', { state: 'syncing' }, { tone: 'busy', label: 'Syncing…', detail: null }],
    ['syncing with changes to send', { state: 'syncing', pending: 2 }, { tone: 'busy', label: 'Syncing…', detail: '2 changes to send' }],
    [
      'offline with a retry planned',
      { state: 'offline', pending: 2, nextRetry: iso(now + 40_000), lastError: offlineError },
      { tone: 'warn', label: 'Offline — 2 changes wait', detail: 'last synced 5 min ago · retrying in 40 s' },
    ],
    ['offline, one change', { state: 'offline', pending: 1, nextRetry: iso(now + 150_000) }, { tone: 'warn', label: 'Offline — 1 change waits', detail: 'last synced 5 min ago · retrying in 3 min' }],
    ['offline, never synced', { state: 'offline', pending: 1, lastSync: null, nextRetry: iso(now + 150_000) }, { tone: 'warn', label: 'Offline — 1 change waits', detail: 'retrying in 3 min' }],
    ['offline, nothing waiting, no retry', { state: 'offline', pending: 0 }, { tone: 'warn', label: 'Offline', detail: 'last synced 5 min ago' }],
    [
      'error: the message, and when it is tried again',
      { state: 'error', lastError: { code: 'ServerError', message: 'The sync server failed (500).' }, nextRetry: iso(now + 10_000) },
      { tone: 'error', label: 'The sync server failed (500).', detail: 'retrying in 10 s' },
    ],
    ['error without a message', { state: 'error' }, { tone: 'error', label: 'Sync failed', detail: null }],
    [
      'error: the token refused, and no retry',
      { state: 'error', needsToken: true, lastError: { code: 'AuthRejected', message: 'The server refused the token.' }, nextRetry: iso(now + 10_000) },
      { tone: 'error', label: 'The server refused the token: set a new one in Settings', detail: null },
    ],
    [
      'error: a good token, for another journal',
      { state: 'error', needsToken: true, lastError: { code: 'Forbidden', message: 'The token opens journal 01234567 on http://sync.example, not this device’s journal (b7ac3982), …' } },
      { tone: 'error', label: 'The token opens another journal: set one for this journal in Settings', detail: null },
    ],
    ['paused', { state: 'paused' }, { tone: 'muted', label: 'Sync paused', detail: 'last synced 5 min ago' }],
    ['paused with changes waiting', { state: 'paused', pending: 4 }, { tone: 'muted', label: 'Sync paused', detail: '4 changes wait · last synced 5 min ago' }],
    ['local', { state: 'local', remote: null, lastSync: null }, { tone: 'muted', label: 'Not syncing: no server set', detail: 'notes are saved on this device' }],
    ['local with changes', { state: 'local', remote: null, pending: 7 }, { tone: 'muted', label: 'Not syncing: no server set', detail: '7 changes not synced yet' }],
    // No server, but a USB stick or a synced folder carries bundles: the notes do travel.
    [
      'exchange folder: everything on another device',
      { state: 'local', remote: null, lastSync: null, exchange: { folders: 1, lastWrite: iso(now - 60_000), lastImport: iso(now - 5 * 60_000), problem: null, missing: false } },
      { tone: 'ok', label: 'Synced through the exchange folder', detail: 'another device’s bundle read 5 min ago' },
    ],
    [
      'exchange folders, nothing read from them yet',
      { state: 'local', remote: null, lastSync: null, exchange: { folders: 2, lastWrite: null, lastImport: null, problem: null, missing: false } },
      { tone: 'ok', label: 'Synced through the exchange folders', detail: null },
    ],
    [
      'exchange folder: changes in this device’s bundle, not yet on another device',
      { state: 'local', remote: null, lastSync: null, pending: 2, exchange: { folders: 1, lastWrite: iso(now - 3000), lastImport: null, problem: null, missing: false } },
      { tone: 'busy', label: '2 changes not on another device yet', detail: 'this device’s bundle written just now' },
    ],
    [
      'exchange folder: changes, no bundle written yet',
      { state: 'local', remote: null, lastSync: null, pending: 1, exchange: { folders: 1, lastWrite: null, lastImport: null, problem: null, missing: false } },
      { tone: 'busy', label: '1 change not on another device yet', detail: 'carried by the exchange folder' },
    ],
    [
      'exchange folder gone with its stick',
      { state: 'local', remote: null, lastSync: null, pending: 4, exchange: { folders: 1, lastWrite: null, lastImport: null, problem: '/media/usb/ferry: The folder is not there.', missing: true } },
      { tone: 'warn', label: 'Exchange folder unavailable — 4 changes wait', detail: '/media/usb/ferry: The folder is not there.' },
    ],
    [
      'exchange folder: a bundle there that cannot be read',
      { state: 'local', remote: null, lastSync: null, exchange: { folders: 1, lastWrite: null, lastImport: null, problem: '/media/usb/ferry: desk.ferry is damaged.', missing: false } },
      { tone: 'warn', label: 'Exchange folder problem', detail: '/media/usb/ferry: desk.ferry is damaged.' },
    ],
    [
      'a server set too: the server’s words, and a folder’s problem beside them',
      { state: 'pending', pending: 1, exchange: { folders: 1, lastWrite: null, lastImport: null, problem: '/media/usb/ferry: gone', missing: true } },
      { tone: 'busy', label: '1 change to sync', detail: 'last synced 5 min ago', folders: 'Exchange folder unavailable: /media/usb/ferry: gone' },
    ],
    [
      'a server set too, its folders working: nothing beside its words',
      { state: 'synced', exchange: { folders: 1, lastWrite: null, lastImport: null, problem: null, missing: false } },
      { tone: 'ok', label: 'Synced', detail: 'last synced 5 min ago' },
    ],
  ])('%s', (_story, change, expected) => {
    expect(statusWords({ ...base, ...change }, 'connected', now)).toEqual({ folders: null, ...expected, conflicts: null });
  });

  it('counts notes in conflict beside any state', () => {
    expect(statusWords({ ...base, conflicts: 1 }, 'connected', now).conflicts).toBe('1 note in conflict');
    expect(statusWords({ ...base, state: 'offline', conflicts: 3 }, 'connected', now).conflicts).toBe('3 notes in conflict');
    expect(conflictWords(0)).toBeNull();
  });

  it('says the engine is gone whatever state it last told, keeping the conflicts known', () => {
    for (const state of ['synced', 'pending', 'syncing', 'offline', 'error', 'paused', 'local'] as const) {
      const gone = { folders: 1, lastWrite: null, lastImport: null, problem: '/media/usb: gone', missing: true };
      expect(statusWords({ ...base, state, conflicts: 2, exchange: gone }, 'unreachable', now)).toEqual({
        tone: 'error',
        label: 'Ferry’s engine is not running — changes are not being saved',
        detail: 'trying to reach it again',
        conflicts: '2 notes in conflict',
        folders: null,
      });
    }
    expect(statusWords(null, 'unreachable', now).tone).toBe('error');
  });

  it('says it is still finding out before the first answer', () => {
    expect(statusWords(null, 'connecting', now)).toEqual({ tone: 'muted', label: 'Connecting to Ferry’s engine…', detail: null, conflicts: null, folders: null });
    expect(statusWords(null, 'connected', now).label).toBe('Reading the sync status…');
  });

  it('treats a time it cannot read as no time', () => {
    expect(statusWords({ ...base, lastSync: 'not a time' }, 'connected', now).detail).toBeNull();
  });
});
