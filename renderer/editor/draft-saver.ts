// When what is typed in one note is saved and when it becomes a version (DESIGN.md, "Typing is
// not versioning"): the fields are saved as the note's draft within a fraction of a second of an
// edit, so a crash or a killed window loses nothing, and the draft is committed as a version
// when typing pauses (about two seconds), when the user leaves the note (flush), and on quit
// (the engine commits drafts left behind).
//
// Pure scheduling, no React and no timers of its own: the timer and the clock are passed in,
// so tests move time by hand. One save or commit runs at a time, in order; the newest fields
// replace older unsent ones (each edit carries all the fields). A failed save keeps its fields
// until a later save succeeds: they are retried with the next edit, the next pause or flush, and
// by themselves, sooner at first and then every half minute (a disk freed, an engine back), so
// that words typed into a full disk are saved once there is room without another key pressed.

export type DraftState = 'saved' | 'saving' | 'unsaved' | 'error';

export interface DraftSaverOptions<F, T> {
  /** Saves the fields as the note's draft (durable when it resolves). */
  save(fields: F): Promise<void>;
  /** Commits the saved draft as a version. */
  commit(): Promise<void>;
  /** Runs `run` once after `ms`, like setTimeout; `cancel` stops it. */
  schedule(run: () => void, ms: number): T;
  cancel(timer: T): void;
  /** The time in ms, to tell how long typing has rested. */
  now(): number;
  /** How soon after an edit the draft is saved, however fast typing goes. */
  saveDelayMs?: number;
  /** How long typing must rest before the draft is committed. */
  commitDelayMs?: number;
  /** After a failure, the waits before each try again by itself; the last repeats. */
  retryDelaysMs?: readonly number[];
  /** Told each time the state (or its error) changes. */
  onState?(state: DraftState, error: Error | null): void;
  /** Told of each failed save or commit. */
  onError?(error: Error): void;
}

export interface DraftSaver<F> {
  /** The fields as they are now, after an edit. */
  edited(fields: F): void;
  /**
   * Saves what is unsaved and commits at once (Ctrl+S, leaving the note). Resolves true when
   * everything typed is saved and committed; a failure is reported, not thrown.
   */
  flush(): Promise<boolean>;
  /** What a save under way or to come holds, for a last request as the page closes. */
  unloadFields(): F | null;
  /** What the engine may hold as the draft: the fields of a save on its way, and of the last that succeeded (none: nothing saved from here yet). */
  sentFields(): F[];
  /** Whether something typed is not yet durably saved. */
  hasUnsaved(): boolean;
  /** Whether something typed (saved or not) is not yet committed as a version. */
  hasUncommitted(): boolean;
  /** The note already has a saved draft (left by a crash): commit it on the next pause or flush. */
  adoptDraft(): void;
  state(): DraftState;
  /** Stops the timers (retries included); a save or commit under way finishes, and flush still works. */
  dispose(): void;
}

export function createDraftSaver<F, T>(options: DraftSaverOptions<F, T>): DraftSaver<F> {
  const saveDelayMs = options.saveDelayMs ?? 250;
  const commitDelayMs = options.commitDelayMs ?? 2000;
  const retryDelaysMs = options.retryDelaysMs ?? defaultRetryDelaysMs;

  /** Typed and not yet handed to `save`. */
  let pending: F | null = null;
  /** Handed to `save`, which has not answered yet. */
  let sending: F | null = null;
  /** The last fields `save` took. */
  let saved: F | null = null;
  /** A draft is saved that no commit has taken yet. */
  let uncommitted = false;
  let saveDue = false;
  let commitDue = false;
  let working = false;
  let done: Promise<boolean> = Promise.resolve(true);
  let error: Error | null = null;
  let lastEdit = 0;
  let saveTimer: { timer: T } | null = null;
  let commitTimer: { timer: T } | null = null;
  let retryTimer: { timer: T } | null = null;
  /** Failures in a row, for the wait before the next try. */
  let failures = 0;
  /** A commit was asked for (a pause, a flush) when the failure came: the next try commits too. */
  let retryCommit = false;
  let disposed = false;
  let reported: { state: DraftState; error: Error | null } = { state: 'saved', error: null };

  // A failure is shown until a save succeeds, except while one is being tried again.
  const state = (): DraftState => (sending !== null ? 'saving' : error !== null ? 'error' : pending !== null ? 'unsaved' : 'saved');

  const report = () => {
    const now = state();
    if (now === reported.state && error === reported.error) return;
    reported = { state: now, error };
    options.onState?.(now, error);
  };

  const fail = (cause: unknown, commitWanted: boolean) => {
    retryCommit ||= commitWanted;
    error = cause instanceof Error ? cause : new Error(String(cause));
    saveDue = false;
    commitDue = false;
    options.onError?.(error);
    if (!disposed && retryTimer === null) {
      const wait = retryDelaysMs[Math.min(failures, retryDelaysMs.length - 1)] ?? commitDelayMs;
      failures++;
      retryTimer = { timer: options.schedule(onRetryTimer, wait) };
    }
  };

  const succeeded = () => {
    error = null;
    failures = 0;
    stopRetryTimer();
  };

  /** Runs what is due, one call at a time, until nothing is; started by kick only. */
  const work = async (): Promise<boolean> => {
    try {
      for (;;) {
        if (saveDue && pending !== null) {
          saveDue = false;
          const fields = pending;
          sending = fields;
          pending = null;
          report();
          try {
            await options.save(fields);
            saved = fields;
            uncommitted = true;
            succeeded();
          } catch (cause) {
            // Keep the text: newer fields, if typed meanwhile, already hold everything.
            pending ??= fields;
            fail(cause, commitDue);
            return false;
          } finally {
            sending = null;
            report();
          }
          continue;
        }
        if (commitDue && uncommitted) {
          commitDue = false;
          try {
            await options.commit();
            uncommitted = false;
            retryCommit = false;
            succeeded();
          } catch (cause) {
            fail(cause, true);
            return false;
          } finally {
            report();
          }
          continue;
        }
        saveDue = false;
        commitDue = false;
        return pending === null && !uncommitted;
      }
    } finally {
      working = false;
    }
  };

  const kick = (): Promise<boolean> => {
    if (!working) {
      working = true;
      done = work();
    }
    return done;
  };

  const onSaveTimer = () => {
    saveTimer = null;
    saveDue = true;
    void kick();
  };

  const onCommitTimer = () => {
    commitTimer = null;
    const rested = options.now() - lastEdit;
    // One timer per pause, not one per keystroke: when typing went on, wait for the rest of it.
    if (rested < commitDelayMs) {
      if (!disposed) commitTimer = { timer: options.schedule(onCommitTimer, commitDelayMs - rested) };
      return;
    }
    stopSaveTimer();
    saveDue = true;
    commitDue = true;
    void kick();
  };

  // Tries again what failed: the save, and the commit too when one was asked for or typing has rested.
  const onRetryTimer = () => {
    retryTimer = null;
    if (error === null) return;
    saveDue = true;
    commitDue = retryCommit || options.now() - lastEdit >= commitDelayMs;
    retryCommit = false;
    void kick();
  };

  const stopRetryTimer = () => {
    if (retryTimer !== null) options.cancel(retryTimer.timer);
    retryTimer = null;
  };

  const stopSaveTimer = () => {
    if (saveTimer !== null) options.cancel(saveTimer.timer);
    saveTimer = null;
  };

  const stopCommitTimer = () => {
    if (commitTimer !== null) options.cancel(commitTimer.timer);
    commitTimer = null;
  };

  return {
    edited(fields) {
      pending = fields;
      lastEdit = options.now();
      report();
      if (disposed) return;
      // The save timer is not pushed back by further edits: a draft is saved at most
      // saveDelayMs after the first unsaved edit, even while typing never stops.
      saveTimer ??= { timer: options.schedule(onSaveTimer, saveDelayMs) };
      commitTimer ??= { timer: options.schedule(onCommitTimer, commitDelayMs) };
    },
    flush() {
      stopSaveTimer();
      stopCommitTimer();
      saveDue = true;
      commitDue = true;
      return kick();
    },
    unloadFields: () => pending ?? sending,
    sentFields: () => [sending, saved].filter((f): f is F => f !== null),
    hasUnsaved: () => pending !== null || sending !== null,
    hasUncommitted: () => pending !== null || sending !== null || uncommitted,
    adoptDraft() {
      uncommitted = true;
    },
    state,
    dispose() {
      disposed = true;
      stopSaveTimer();
      stopCommitTimer();
      stopRetryTimer();
    },
  };
}

/** Two seconds, then five, fifteen, and every half minute after that. */
const defaultRetryDelaysMs = [2000, 5000, 15_000, 30_000];
