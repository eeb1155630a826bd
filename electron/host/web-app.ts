// The whole app in a browser (`ferry web`, `npm run web`): the journal, the sync engine and the
// exchange-folder watcher running as they will in the desktop app's main process, served with
// the built renderer by the web host. Closing it commits what was typed, lets a sync in flight
// finish (or stops it between pages, keeping what it stored), and closes the journal.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Journal } from '../journal/journal.js';
import { SyncEngine } from '../sync/engine.js';
import { HttpTransport } from '../sync/http-transport.js';
import { AppService } from './app-service.js';
import { startWebHost, type WebHost } from './web-host.js';

export interface WebAppOptions {
  journal: Journal;
  port?: number;
  /** The built renderer; found beside this checkout's dist/ when not given. */
  rendererDir?: string | null;
  log?: (line: string) => void;
}

export interface WebApp {
  host: WebHost;
  service: AppService;
  sync: SyncEngine;
  close(): Promise<void>;
}

export async function startWebApp(options: WebAppOptions): Promise<WebApp> {
  const { journal } = options;
  const sync = new SyncEngine({ journal, connect: (remote) => new HttpTransport({ url: remote.url, token: remote.token }) });
  const service = new AppService({ journal, sync });
  await service.start();
  sync.start();
  let host: WebHost;
  try {
    host = await startWebHost({
      backend: service,
      rendererDir: options.rendererDir === undefined ? builtRendererDir() : options.rendererDir,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
  } catch (error) {
    await sync.stop();
    await service.close();
    throw error;
  }
  return {
    host,
    service,
    sync,
    async close() {
      await host.close();
      await sync.stop();
      await service.close();
      journal.commitAllDrafts();
    },
  };
}

/** dist/renderer of this checkout (or installed package), when `npm run build` has made it. */
export function builtRendererDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'ferry-notes') {
      const renderer = join(dir, 'dist', 'renderer');
      return existsSync(join(renderer, 'index.html')) ? renderer : null;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
