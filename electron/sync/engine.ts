// The sync engine (docs/sync-protocol.md, C6–C9): decides when to sync and says how it is going.
// Triggers: local edits (debounced), a timer, the network coming back, the server's notices and
// "Sync now"; never two syncs at once (a trigger during a sync runs one more after it). Failures
// back off with full jitter (backoff.ts); a refused token stops retrying until the token changes.
// Status is the pure model of shared/sync-status.ts, pushed to listeners on every change. The
// clock, the random source and the timers are given, so tests drive time themselves.

import { toErrorData, type ErrorData } from '../../shared/errors.js';
import type { MovedNotice } from '../../shared/sync-protocol.js';
import { syncStatus, type SyncOutcome, type SyncStatus } from '../../shared/sync-status.js';
import type { Journal } from '../journal/journal.js';
import type { Remote } from '../journal/remote.js';
import { defaultBackoff, retryDelay, type BackoffPolicy } from './backoff.js';
import { syncOnce, type SyncReport } from './sync-once.js';
import type { SyncTransport } from './transport.js';

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (run, ms) => {
    const handle = setTimeout(run, ms);
    handle.unref();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export type Trigger = 'start' | 'edit' | 'timer' | 'retry' | 'online' | 'notice' | 'now' | 'again' | 'remote';

export interface SyncMetrics {
  syncs: number;
  failures: number;
  /** Durations of the last syncs that worked, newest last (at most 50). */
  durationsMs: number[];
  requests: number;
  bytesUp: number;
  bytesDown: number;
  versionsUp: number;
  versionsDown: number;
}

export interface SyncEngineOptions {
  journal: Journal;
  /** A transport for the remote as it is set now (HTTP in the app, in memory in tests). */
  connect: (remote: Remote) => SyncTransport;
  clock?: () => number;
  /** Uniform in [0, 1): the backoff's jitter. */
  random?: () => number;
  timers?: Timers;
  /** Quiet time after a local edit before it is synced. */
  debounceMs?: number;
  /** Time between syncs while all is well (server notices make this a fallback). */
  intervalMs?: number;
  backoff?: BackoffPolicy;
  pageBytes?: number;
}

export class SyncEngine {
  private readonly journal: Journal;
  private readonly clock: () => number;
  private readonly random: () => number;
  private readonly timers: Timers;
  private readonly debounceMs: number;
  private readonly intervalMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly statusListeners = new Set<(status: SyncStatus) => void>();
  private readonly syncedListeners = new Set<(report: SyncReport) => void>();
  private transport: { key: string; transport: SyncTransport } | null = null;
  private stopListening: (() => void) | null = null;
  private nextTimer: unknown = null;
  private debounceTimer: unknown = null;
  private running: Promise<SyncReport | null> | null = null;
  private abort: AbortController | null = null;
  private again = false;
  private started = false;
  private paused = false;
  private failures = 0;
  private last: SyncOutcome = 'none';
  private lastError: ErrorData | null = null;
  private nextRetry: number | null = null;
  private readonly stats: SyncMetrics = { syncs: 0, failures: 0, durationsMs: [], requests: 0, bytesUp: 0, bytesDown: 0, versionsUp: 0, versionsDown: 0 };

  constructor(private readonly options: SyncEngineOptions) {
    this.journal = options.journal;
    this.clock = options.clock ?? Date.now;
    this.random = options.random ?? Math.random;
    this.timers = options.timers ?? realTimers;
    this.debounceMs = options.debounceMs ?? 1500;
    this.intervalMs = options.intervalMs ?? 5 * 60_000;
    this.backoff = options.backoff ?? defaultBackoff;
    const remembered = this.journal.remote()?.lastError ?? null;
    if (remembered !== null) {
      this.lastError = remembered;
      this.last = outcomeOf(remembered.code);
    }
  }

  /** Begins: a first sync now, then as triggers say. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.trigger('start');
  }

  /** Stops every timer and the events channel, and abandons a sync under way (what it stored stays). */
  async stop(): Promise<void> {
    this.started = false;
    this.clearTimers();
    this.stopEvents();
    this.abort?.abort();
    await this.running?.catch(() => undefined);
    this.transport?.transport.close();
    this.transport = null;
  }

  /** "Sync now": runs at once, or after the sync under way (never two at once), even after a refused token. */
  async syncNow(): Promise<SyncReport | null> {
    for (;;) {
      // Checked and started in one step: no other caller can start a sync in between.
      if (this.running === null) return this.run('now');
      await this.running.catch(() => undefined);
    }
  }

  /** A local edit: syncs once edits pause for the debounce time. */
  localEdit(): void {
    this.emit();
    if (!this.started || this.paused) return;
    if (this.debounceTimer !== null) this.timers.clear(this.debounceTimer);
    this.debounceTimer = this.timers.set(() => {
      this.debounceTimer = null;
      this.trigger('edit');
    }, this.debounceMs);
  }

  /** The operating system says the network came back (true) or went away (false). */
  networkChanged(online: boolean): void {
    if (online) {
      this.trigger('online');
      return;
    }
    this.stopEvents();
    if (this.last !== 'auth') {
      this.last = 'offline';
      this.emit();
    }
  }

  pause(): void {
    this.paused = true;
    this.clearTimers();
    this.stopEvents();
    this.emit();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.trigger('now');
  }

  /** The remote's URL or token changed (`remote set`, settings): a refused token may work now. */
  remoteChanged(): void {
    this.stopEvents();
    this.transport?.transport.close();
    this.transport = null;
    this.failures = 0;
    if (this.last === 'auth') this.last = 'none';
    this.trigger('remote');
  }

  status(): SyncStatus {
    const journal = this.journal.status();
    return syncStatus({
      remote: journal.remote,
      paused: this.paused,
      running: this.running !== null,
      last: this.last,
      pending: journal.pending,
      conflicts: journal.conflicts,
      lastSync: journal.lastSync === null ? null : Date.parse(journal.lastSync),
      nextRetry: this.nextRetry,
      lastError: this.lastError,
    });
  }

  /** Resolves once no sync is under way and none is about to start because of one that ended. */
  async settled(): Promise<void> {
    while (this.running !== null) await this.running.catch(() => undefined);
  }

  metrics(): SyncMetrics {
    return { ...this.stats, durationsMs: [...this.stats.durationsMs] };
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Told after every sync that worked, with what moved (views refresh when it brought versions). */
  onSynced(listener: (report: SyncReport) => void): () => void {
    this.syncedListeners.add(listener);
    return () => this.syncedListeners.delete(listener);
  }

  private trigger(reason: Trigger): void {
    if (!this.started || this.paused) return;
    if (this.running !== null) {
      this.again = true;
      return;
    }
    if (this.last === 'auth' && reason !== 'now' && reason !== 'remote') return;
    void this.run(reason).catch(() => undefined);
  }

  private run(reason: Trigger): Promise<SyncReport | null> {
    const running = this.attempt(reason).finally(() => {
      this.running = null;
      this.abort = null;
      this.emit();
      if (this.again) {
        this.again = false;
        this.trigger('again');
      }
    });
    this.running = running;
    this.emit();
    return running;
  }

  private async attempt(_reason: Trigger): Promise<SyncReport | null> {
    const remote = this.journal.remote();
    if (remote === null) return null;
    if (this.nextTimer !== null) this.timers.clear(this.nextTimer);
    this.nextTimer = null;
    this.nextRetry = null;
    const abort = new AbortController();
    this.abort = abort;
    try {
      const report = await syncOnce(this.journal, this.transportFor(remote), {
        signal: abort.signal,
        clock: this.clock,
        ...(this.options.pageBytes === undefined ? {} : { pageBytes: this.options.pageBytes }),
      });
      this.succeeded(report);
      return report;
    } catch (error) {
      this.failed(error);
      throw error;
    }
  }

  private succeeded(report: SyncReport): void {
    this.failures = 0;
    this.last = 'ok';
    this.lastError = null;
    const s = this.stats;
    s.syncs += 1;
    s.durationsMs.push(report.ms);
    if (s.durationsMs.length > 50) s.durationsMs.shift();
    s.requests += report.wire.requests;
    s.bytesUp += report.wire.bytesUp;
    s.bytesDown += report.wire.bytesDown;
    s.versionsUp += report.pushed;
    s.versionsDown += report.pulled;
    // A device that joined another journal in this sync listens for that journal's notices.
    if (report.joined !== null) this.stopEvents();
    this.listenForNotices();
    this.schedule(this.intervalMs, 'timer');
    for (const listener of this.syncedListeners) listener(report);
  }

  private failed(error: unknown): void {
    const data = toErrorData(error);
    this.stats.failures += 1;
    this.failures += 1;
    this.lastError = data;
    this.last = outcomeOf(data.code);
    if (this.last === 'auth' || !this.started || this.paused) return;
    const wait = retryDelay(this.failures, this.random(), this.backoff);
    this.nextRetry = this.clock() + wait;
    this.schedule(wait, 'retry');
  }

  private schedule(ms: number, reason: Trigger): void {
    if (!this.started || this.paused) return;
    if (this.nextTimer !== null) this.timers.clear(this.nextTimer);
    this.nextTimer = this.timers.set(() => {
      this.nextTimer = null;
      this.trigger(reason);
    }, ms);
  }

  private transportFor(remote: Remote): SyncTransport {
    const key = `${remote.url}\n${remote.token}`;
    if (this.transport?.key !== key) {
      this.transport?.transport.close();
      this.transport = { key, transport: this.options.connect(remote) };
    }
    return this.transport.transport;
  }

  /** Opens the events channel if it is not open; a notice of versions this replica lacks syncs at once. */
  private listenForNotices(): void {
    if (this.stopListening !== null || !this.started || this.paused || this.transport === null) return;
    // A transport may report the channel closed before listen returns (an offline one does).
    const state = { closed: false };
    const stop = this.transport.transport.listen(this.journal.journalId, {
      onMoved: (notice) => {
        if (this.isNews(notice)) this.trigger('notice');
      },
      onClosed: () => {
        state.closed = true;
        if (this.stopListening === stop) this.stopListening = null;
      },
    });
    if (!state.closed) this.stopListening = stop;
  }

  private isNews(notice: MovedNotice): boolean {
    if (notice.journalId !== this.journal.journalId) return false;
    const ours = this.journal.vector();
    return Object.entries(notice.vector).some(([replica, seq]) => seq > (ours[replica] ?? 0));
  }

  private stopEvents(): void {
    const stop = this.stopListening;
    this.stopListening = null;
    stop?.();
  }

  private clearTimers(): void {
    if (this.nextTimer !== null) this.timers.clear(this.nextTimer);
    if (this.debounceTimer !== null) this.timers.clear(this.debounceTimer);
    this.nextTimer = null;
    this.debounceTimer = null;
    this.nextRetry = null;
  }

  private emit(): void {
    if (this.statusListeners.size === 0) return;
    const status = this.status();
    for (const listener of this.statusListeners) listener(status);
  }
}

function outcomeOf(code: ErrorData['code']): SyncOutcome {
  if (code === 'AuthRejected' || code === 'Forbidden') return 'auth';
  if (code === 'Offline') return 'offline';
  return 'failed';
}
