// Watching exchange folders (DESIGN.md, "Bundles"): chokidar reports bundles that appear or change
// (only once their size has settled, so a file still being copied is not read half-way), and a
// slow timer notices what chokidar cannot: a folder that vanished with its stick and came back,
// and versions written to the journal by another process (this replica's bundle must follow them).
// Scans run one at a time, in the order asked. The CLI's `watch` and the app's main process use it.

import { watch, type FSWatcher } from 'chokidar';
import { dirname } from 'node:path';
import type { Journal } from '../journal/journal.js';
import { bundleExtension } from '../bundle/bundle-file.js';
import { Exchange, type ExchangeEvent } from './exchange.js';

export interface WatchOptions {
  onEvent?: (event: ExchangeEvent) => void;
  /** How often folders' presence and the journal's vector are checked. */
  pollMs?: number;
  /** How long a file's size must stay the same before it is read. */
  settleMs?: number;
  clock?: () => number;
}

export interface ExchangeWatch {
  /** Resolves when every scan asked for so far is done (tests and `--once` wait on it). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function watchExchangeFolders(journal: Journal, folders: readonly string[], options: WatchOptions = {}): Promise<ExchangeWatch> {
  // chokidar stops watching a folder that disappears: when the exchange sees it come back (in
  // a scan or on the timer), it is watched afresh and scanned.
  const onEvent = (event: ExchangeEvent) => {
    if (event.kind === 'back') {
      void watcher.unwatch(event.folder);
      watcher.add(event.folder);
      schedule(event.folder);
    }
    options.onEvent?.(event);
  };
  const exchange = new Exchange(journal, { onEvent, ...(options.clock === undefined ? {} : { clock: options.clock }) });
  let queue: Promise<void> = Promise.resolve();
  const pending = new Set<string>();
  const schedule = (folder: string) => {
    if (pending.has(folder)) return;
    pending.add(folder);
    queue = queue.then(async () => {
      pending.delete(folder);
      await exchange.scan(folder);
    });
  };

  const watcher: FSWatcher = watch([...folders], {
    ignoreInitial: true,
    depth: 0,
    awaitWriteFinish: { stabilityThreshold: options.settleMs ?? 500, pollInterval: 100 },
    ignored: (path, stats) => stats?.isFile() === true && !path.endsWith(bundleExtension),
  });
  const onFile = (path: string) => {
    const folder = folders.find((f) => f === dirname(path));
    if (folder !== undefined) schedule(folder);
  };
  watcher.on('add', onFile).on('change', onFile);
  watcher.on('error', (error) => options.onEvent?.({ kind: 'failed', folder: '', file: null, code: 'Internal', message: `The folder watcher failed: ${(error as Error).message}` }));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  for (const folder of folders) exchange.folderIsThere(folder);
  let lastVector = JSON.stringify(journal.vector());
  const timer = setInterval(() => {
    for (const folder of folders) exchange.folderIsThere(folder);
    const vector = JSON.stringify(journal.vector());
    if (vector !== lastVector) {
      lastVector = vector;
      for (const folder of folders) schedule(folder);
    }
  }, options.pollMs ?? 2000);

  for (const folder of folders) schedule(folder);
  return {
    idle: async () => {
      let seen: Promise<void> | undefined;
      while (seen !== queue) {
        seen = queue;
        await queue;
      }
    },
    close: async () => {
      clearInterval(timer);
      await watcher.close();
      await queue;
    },
  };
}
