// What the app says about sync, in the renderer's status bar and the desktop tray alike: a pure
// function of the engine's sync status, whether the engine can be reached at all, and the time
// now, so every state's words are pinned down by a table test and the bar and the tray only lay
// them out. Shared so that the two cannot drift apart. (The state itself is chosen by the engine,
// shared/sync-status.ts; this only puts it in words.)

import type { CallResult } from './app-contract.js';
import { count } from './count.js';
import { ago, until } from './relative-time.js';

type SyncStatus = CallResult<'syncStatus'>;

/**
 * Whether the engine can be reached: the web app's socket to the host may be opening or down.
 * The tray lives in the same process as the engine, so it is always 'connected'.
 */
export type EngineReach = 'connecting' | 'connected' | 'unreachable';

/** ok: all is held elsewhere; busy: work under way or about to be; warn: waiting on the network;
 * error: needs a person; muted: nothing is meant to happen. */
export type StatusTone = 'ok' | 'busy' | 'warn' | 'error' | 'muted';

export interface StatusWords {
  tone: StatusTone;
  label: string;
  detail: string | null;
  /** "2 notes in conflict", or null when none is. */
  conflicts: string | null;
  /**
   * An exchange folder's problem, said beside a server's state (a stick pulled out while a server
   * is set too); null otherwise. With no server the label says it already.
   */
  folders: string | null;
}

/** `status` is null until the first answer from the engine. */
export function statusWords(status: SyncStatus | null, reach: EngineReach, now: number): StatusWords {
  const words = stateWords(status, reach, now);
  const exchange = status?.exchange ?? null;
  const beside = reach !== 'unreachable' && status !== null && status.state !== 'local' && exchange !== null && exchange.problem !== null;
  return { ...words, folders: beside ? `${folderTrouble(exchange)}: ${exchange.problem}` : null };
}

function stateWords(status: SyncStatus | null, reach: EngineReach, now: number): Omit<StatusWords, 'folders'> {
  const conflicts = status === null ? null : conflictWords(status.conflicts);
  // Nothing is saved while the engine is gone, whatever it said last: that wins over every state.
  if (reach === 'unreachable') {
    return { tone: 'error', label: 'Ferry’s engine is not running — changes are not being saved', detail: 'trying to reach it again', conflicts };
  }
  if (status === null) {
    return { tone: 'muted', label: reach === 'connecting' ? 'Connecting to Ferry’s engine…' : 'Reading the sync status…', detail: null, conflicts: null };
  }
  const lastSync = lastSyncWords(status, now);
  const retry = retryWords(status, now);
  switch (status.state) {
    case 'synced':
      return { tone: 'ok', label: 'Synced', detail: lastSync, conflicts };
    case 'pending':
      return {
        tone: 'busy',
        label: status.pending > 0 ? `${count(status.pending, 'change')} to sync` : 'Not synced yet',
        detail: lastSync ?? 'never synced with the server yet',
        conflicts,
      };
    case 'syncing':
      return { tone: 'busy', label: 'Syncing…', detail: status.pending > 0 ? `${count(status.pending, 'change')} to send` : null, conflicts };
    case 'offline':
      return {
        tone: 'warn',
        label: status.pending > 0 ? `Offline — ${count(status.pending, 'change')} ${status.pending === 1 ? 'waits' : 'wait'}` : 'Offline',
        // Offline for hours on a train, how old this device's last sync is matters as much as the next try.
        detail: joined(lastSync, retry),
        conflicts,
      };
    case 'error':
      if (status.lastError?.code === 'Forbidden') {
        // A good token, for another journal (its message says which, and what to do).
        return { tone: 'error', label: 'The token opens another journal: set one for this journal in Settings', detail: null, conflicts };
      }
      if (status.needsToken || status.lastError?.code === 'AuthRejected') {
        // Retrying cannot help until the token changes, so no retry time is promised.
        return { tone: 'error', label: 'The server refused the token: set a new one in Settings', detail: null, conflicts };
      }
      return { tone: 'error', label: status.lastError?.message ?? 'Sync failed', detail: retry, conflicts };
    case 'paused':
      return {
        tone: 'muted',
        label: 'Sync paused',
        detail: joined(status.pending > 0 ? `${count(status.pending, 'change')} ${status.pending === 1 ? 'waits' : 'wait'}` : null, lastSync),
        conflicts,
      };
    case 'local':
      if (status.exchange !== null) return exchangeWords(status, status.exchange, now, conflicts);
      // The journal works in full without a server; only nothing leaves this device by itself.
      return {
        tone: 'muted',
        label: 'Not syncing: no server set',
        detail: status.pending > 0 ? `${count(status.pending, 'change')} not synced yet` : 'notes are saved on this device',
        conflicts,
      };
  }
}

/**
 * No server, but exchange folders (a USB stick, a synced folder): the notes do travel, by bundle.
 * `pending` counts what no other device is known to hold yet, as it does for a server.
 */
function exchangeWords(status: SyncStatus, exchange: NonNullable<SyncStatus['exchange']>, now: number, conflicts: string | null): Omit<StatusWords, 'folders'> {
  const folder = exchange.folders === 1 ? 'the exchange folder' : 'the exchange folders';
  if (exchange.problem !== null) {
    const waiting = status.pending > 0 ? ` — ${count(status.pending, 'change')} ${status.pending === 1 ? 'waits' : 'wait'}` : '';
    return { tone: 'warn', label: `${folderTrouble(exchange)}${waiting}`, detail: exchange.problem, conflicts };
  }
  const written = parseTime(exchange.lastWrite);
  const read = parseTime(exchange.lastImport);
  if (status.pending > 0) {
    return {
      tone: 'busy',
      label: `${count(status.pending, 'change')} not on another device yet`,
      detail: written === null ? `carried by ${folder}` : `this device’s bundle written ${ago(written, now)}`,
      conflicts,
    };
  }
  return { tone: 'ok', label: `Synced through ${folder}`, detail: read === null ? null : `another device’s bundle read ${ago(read, now)}`, conflicts };
}

/** What is wrong with the exchange folders, in two words: a stick pulled out, or something in a folder. */
function folderTrouble(exchange: NonNullable<SyncStatus['exchange']>): string {
  return exchange.missing ? 'Exchange folder unavailable' : 'Exchange folder problem';
}

/** The details that are known, one after the other; null when none is. */
function joined(...parts: (string | null)[]): string | null {
  const known = parts.filter((part): part is string => part !== null);
  return known.length === 0 ? null : known.join(' · ');
}

export function conflictWords(conflicts: number): string | null {
  return conflicts > 0 ? `${count(conflicts, 'note')} in conflict` : null;
}

function lastSyncWords(status: SyncStatus, now: number): string | null {
  const time = parseTime(status.lastSync);
  return time === null ? null : `last synced ${ago(time, now)}`;
}

function retryWords(status: SyncStatus, now: number): string | null {
  const time = parseTime(status.nextRetry);
  return time === null ? null : `retrying ${until(time, now)}`;
}

/** An ISO time as ms, or null when there is none (or it cannot be read). */
export function parseTime(iso: string | null): number | null {
  if (iso === null) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : time;
}
