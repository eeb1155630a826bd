// The engine as both hosts run it (the web host for `ferry web`, the Electron main process for the
// desktop app): the app service over the journal, the sync engine started, and the exchange-folder
// watcher. Closing lets a sync in flight finish (or stops it between pages, keeping what it
// stored), stops the watcher, and commits what was typed; the caller closes the journal.

import type { Journal } from '../journal/journal.js';
import { SyncEngine } from '../sync/engine.js';
import { HttpTransport } from '../sync/http-transport.js';
import { AppService, type PathChooser } from './app-service.js';

export interface AppEngine {
  service: AppService;
  sync: SyncEngine;
  close(): Promise<void>;
}

/** `chooser`: the system's file dialogs, where there are some (the desktop app). */
export async function startAppEngine(journal: Journal, chooser: PathChooser | null = null): Promise<AppEngine> {
  // The app starts: no page of it has typed yet, so every draft is left over (DESIGN.md: a draft left by a crash is committed at the next start).
  journal.commitAllDrafts();
  const sync = new SyncEngine({ journal, connect: (remote) => new HttpTransport({ url: remote.url, token: remote.token }) });
  const service = new AppService({ journal, sync, chooser });
  await service.start();
  sync.start();
  return {
    service,
    sync,
    async close() {
      await sync.stop();
      await service.close();
      journal.commitAllDrafts();
    },
  };
}
