// The status bar across the bottom of the app: how sync stands (live, from the engine's
// syncStatus events), the notes in conflict, the last error in words, and the few actions a
// person may want right there (sync now, pause or resume, set up sync). The words come from
// shared/status-words.ts (the tray says the same); this file only lays them out and runs the calls.

import { useCallback, useEffect, useRef, useState } from 'react';
import { useEvent, useFerry } from '../api/ferry-context.js';
import type { SyncStatus } from '../api/types.js';
import type { HostState } from '../api/web-transport.js';
import { fullTime } from '../ui/time.js';
import { parseTime, statusWords } from '../../shared/status-words.js';
import './status.css';
import { errorWords } from '../ui/error-words.js';
import { useNow } from '../ui/use-now.js';

/** How often relative times ("5 min ago", "retrying in 40 s") are worked out again. */
const tick = 10_000;

export function StatusBar(props: { hostState: HostState; onOpenConflicts(): void; onOpenSettings(): void }) {
  const { hostState } = props;
  const api = useFerry();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [acting, setActing] = useState(false);
  const now = useNow(tick);
  // Bumped by every status that arrives, so an older answer never replaces a newer one.
  const received = useRef(0);

  const take = useCallback((next: SyncStatus) => {
    received.current++;
    setStatus(next);
    setLoadError(null);
  }, []);

  useEvent('syncStatus', take);

  // Loaded at first, and again whenever the engine can be reached again (events were missed meanwhile).
  useEffect(() => {
    if (hostState === 'unreachable') return;
    const before = received.current;
    let live = true;
    api.syncStatus().then(
      (loaded) => {
        if (live && received.current === before) take(loaded);
      },
      (error: unknown) => {
        if (live) setLoadError(errorWords(error));
      },
    );
    return () => {
      live = false;
    };
  }, [api, hostState, take]);

  const act = (call: () => Promise<SyncStatus>) => {
    setActing(true);
    setActionError(null);
    void call()
      .then(take, (error: unknown) => setActionError(errorWords(error)))
      .finally(() => setActing(false));
  };

  const words = statusWords(status, hostState, now);
  const engineGone = hostState === 'unreachable';
  const local = status?.state === 'local';
  const lastSync = parseTime(status?.lastSync ?? null);
  // In the error state the label already is the error; elsewhere (offline, paused after a failure) it is said beside it.
  const lastError = status !== null && status.state !== 'error' && !engineGone ? (status.lastError?.message ?? null) : null;

  return (
    <footer className="status-bar sync-status" role="status" aria-live="polite" aria-label="Sync status" data-tone={words.tone}>
      <span className="sync-status-dot" data-tone={words.tone} aria-hidden="true" />
      <span className="sync-status-label" title={lastSync === null ? undefined : `Last synced ${fullTime(lastSync)}`}>
        {words.label}
      </span>
      {words.detail !== null && (
        // Not read out as it changes: "retrying in 25 s", "in 15 s"… would speak every ten seconds.
        // The state it belongs to is announced when it changes, and the detail is there to be read.
        <span className="sync-status-detail muted" title={words.detail} aria-live="off">
          {words.detail}
        </span>
      )}
      {words.conflicts !== null && (
        <button type="button" className="sync-status-conflicts" onClick={() => props.onOpenConflicts()}>
          {words.conflicts}
        </button>
      )}
      {words.folders !== null && (
        <span className="sync-status-error error-text" title={words.folders}>
          {words.folders}
        </span>
      )}
      {lastError !== null && (
        <span className="sync-status-error error-text" title={lastError}>
          {lastError}
        </span>
      )}
      {loadError !== null && status === null && !engineGone && (
        <span className="sync-status-error error-text" title={loadError}>
          {loadError}
        </span>
      )}
      {actionError !== null && (
        <span className="sync-status-error error-text" role="alert" title={actionError}>
          {actionError}
        </span>
      )}
      <span className="sync-status-actions">
        {status?.needsToken === true && !local && (
          <button type="button" onClick={() => props.onOpenSettings()}>
            Set a new token
          </button>
        )}
        {local ? (
          <button type="button" onClick={() => props.onOpenSettings()} title="Choose a sync server to keep this journal on other devices too">
            Set up sync
          </button>
        ) : (
          status !== null && (
            <>
              <button type="button" disabled={acting || engineGone || status.state === 'syncing'} onClick={() => act(() => api.syncNow())}>
                Sync now
              </button>
              {status.state === 'paused' ? (
                <button type="button" disabled={acting || engineGone} onClick={() => act(() => api.resumeSync())}>
                  Resume sync
                </button>
              ) : (
                <button type="button" disabled={acting || engineGone} onClick={() => act(() => api.pauseSync())}>
                  Pause sync
                </button>
              )}
            </>
          )
        )}
      </span>
    </footer>
  );
}
