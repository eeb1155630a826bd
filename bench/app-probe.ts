// What the app bench runs inside the page (installed before the app's own scripts): it notes
// when each keystroke happened and when the page first showed what the user waits for, to the
// frame after it (a requestAnimationFrame, then a task: the frame that shows the change has been
// produced by then). Times are the page's own (performance.now(), 0 at navigation start), so the
// round trips between the bench and the browser are not in the figures.
//
// Serialised by Playwright (addInitScript) and run in the page: it must not use anything from
// outside its own body.

export interface AppProbe {
  /** Times since navigation start: the first note row shown, and the open note's editor shown. */
  opened: Promise<{ listMs: number; editorMs: number }>;
  /** The note in the editor (null while none is loaded). */
  shownNote(): string | null;
  /** Waits for `what` to be true after the next keystroke; resolves to keystroke → frame, in ms. */
  arm(what: ProbeCondition): void;
  /** The armed wait's latency (rejects after 10 s with what was waited for). */
  armed(): Promise<number>;
}

export type ProbeCondition =
  /** The search field holds `query` and the results shown answer it. */
  | { kind: 'search'; query: string }
  /** Another note than `from` is open in the editor. */
  | { kind: 'switch'; from: string }
  /** The editor's last line ends with `tail`. */
  | { kind: 'typed'; tail: string };

export function installAppProbe(): void {
  const frameAfter = () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));

  /** The time of the frame after `test` first holds, checked now and on every change to the document. */
  const when = (test: () => boolean, what: string, timeoutMs: number): Promise<number> =>
    new Promise((resolve, reject) => {
      let timer = 0;
      const observer = new MutationObserver(() => check());
      const check = (): void => {
        if (!test()) return;
        observer.disconnect();
        clearTimeout(timer);
        void frameAfter().then(resolve);
      };
      timer = window.setTimeout(() => {
        observer.disconnect();
        reject(new Error(`the page did not show ${what} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      check();
    });

  const hashNote = (): string | null => /note=([0-9a-f]{32})/u.exec(location.hash)?.[1] ?? null;
  const editorShows = (noteId: string | null): boolean => noteId !== null && document.querySelector(`.note-editor[data-note-id="${noteId}"]:not([aria-busy="true"]) .cm-content`) !== null;
  /** The note in the editor, once loaded (the address follows a moment later). */
  const editorNote = (): string | null => document.querySelector('.note-editor[data-note-id]:not([aria-busy="true"])')?.getAttribute('data-note-id') ?? null;

  const tests = {
    search: (query: string) => () => {
      const field = document.querySelector<HTMLInputElement>('input[type="search"]');
      const answered = document.querySelector(`[data-query]`);
      return field !== null && field.value.trim() === query && answered?.getAttribute('data-query') === query && answered.getAttribute('aria-busy') !== 'true';
    },
    switch: (from: string) => () => {
      const id = editorNote();
      return id !== from && editorShows(id);
    },
    typed: (tail: string) => () => {
      const lines = document.querySelectorAll('.cm-content .cm-line');
      return lines.length > 0 && lines[lines.length - 1]!.textContent.endsWith(tail);
    },
  };

  let keyAt = Number.NaN;
  addEventListener('keydown', (event) => (keyAt = event.timeStamp), { capture: true });
  let waiting: Promise<number> | null = null;

  const probe: AppProbe = {
    opened: Promise.all([
      when(() => document.querySelector('[role="listbox"] [role="option"]') !== null, 'a note in the list', 60_000),
      when(() => editorShows(hashNote()), 'the open note in the editor', 60_000),
    ]).then(([listMs, editorMs]) => ({ listMs, editorMs })),
    shownNote: editorNote,
    arm(what) {
      keyAt = Number.NaN;
      const test = what.kind === 'search' ? tests.search(what.query) : what.kind === 'switch' ? tests.switch(what.from) : tests.typed(what.tail);
      // A keystroke must come first: a condition already true before it measures nothing.
      const afterKey = () => !Number.isNaN(keyAt) && test();
      waiting = when(afterKey, JSON.stringify(what), 10_000).then((at) => at - keyAt);
    },
    armed() {
      if (waiting === null) return Promise.reject(new Error('nothing was armed'));
      return waiting;
    },
  };
  (window as unknown as { ferryProbe: AppProbe }).ferryProbe = probe;
}
