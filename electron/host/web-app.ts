// The whole app in a browser (`ferry web`, `npm run web`): the journal, the sync engine and the
// exchange-folder watcher running as they will in the desktop app's main process, served with
// the built renderer by the web host. Closing it commits what was typed, lets a sync in flight
// finish (or stops it between pages, keeping what it stored), and closes the journal.

import type { Journal } from '../journal/journal.js';
import type { SyncEngine } from '../sync/engine.js';
import { startAppEngine } from './app-engine.js';
import { builtRendererDir } from './renderer-dir.js';
import type { AppService } from './app-service.js';
import { startWebHost, type WebHost, type WebHostTiming } from './web-host.js';

export interface WebAppOptions {
  journal: Journal;
  port?: number;
  /** The built renderer; found beside this checkout's dist/ when not given. */
  rendererDir?: string | null;
  log?: (line: string) => void;
  /** The host's timings (tests shorten them). */
  hostTiming?: WebHostTiming;
}

export interface WebApp {
  host: WebHost;
  service: AppService;
  sync: SyncEngine;
  close(): Promise<void>;
}

export async function startWebApp(options: WebAppOptions): Promise<WebApp> {
  const engine = await startAppEngine(options.journal);
  let host: WebHost;
  try {
    host = await startWebHost({
      backend: engine.service,
      // A browser killed or crashed sends no last request: what its pages typed is committed here.
      onPagesGone: () => engine.service.commitLeftDrafts(),
      rendererDir: options.rendererDir === undefined ? builtRendererDir() : options.rendererDir,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.log === undefined ? {} : { log: options.log }),
    }, options.hostTiming);
  } catch (error) {
    await engine.close();
    throw error;
  }
  return {
    host,
    service: engine.service,
    sync: engine.sync,
    async close() {
      await host.close();
      await engine.close();
    },
  };
}
