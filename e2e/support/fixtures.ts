// The stories' cast: devices (each a journal with `ferry web` serving the app for it), a sync
// server when a story needs one, and a place for screenshots. Everything lives in a temporary
// folder per test and is stopped when the test ends.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { ferry, startFerry, startSlowLink, tempFolder, type Running } from './processes.js';

export interface Device {
  name: string;
  dir: string;
  /** The journal's id when the device was made (a device made by its first start may join another journal later). */
  journalId: string;
  /** The address `ferry web` printed (with its session key); null while stopped. */
  url: string | null;
  /** Starts `ferry web` for this journal (again). */
  start(): Promise<string>;
  /** Stops `ferry web` (SIGTERM: drafts are committed). */
  stop(): Promise<void>;
  /** Opens the app for this device in the page and waits until it shows. */
  open(page: Page): Promise<void>;
  /** A one-shot `ferry` command on this journal (while the host runs, the journal is shared safely). */
  ferry(args: readonly string[]): string;
}

export interface SyncServer {
  url: string;
  token: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

interface Cast {
  home: string;
  /**
   * A device with a journal of its own, its app host started: new (`ferry init`), cloned from a
   * sync server or a full bundle file, or, with `firstStart`, made by the app host itself as the
   * app's first start makes it (empty, named after the machine).
   */
  device: (name: string, options?: { cloneFrom?: SyncServer | string; firstStart?: boolean }) => Promise<Device>;
  /** A sync server holding the journal of `first`, which is set to sync with it; with `latencyMs`, devices reach it through a link that slow each way. */
  server: (first: Device, options?: { latencyMs?: number }) => Promise<SyncServer>;
  snap: (page: Page, name: string) => Promise<void>;
  /** Another browser (its own cookies and storage), as on another machine; closed when the test ends. */
  newPage: () => Promise<Page>;
}

export const test = base.extend<Cast>({
  home: async ({}, use) => {
    const folder = tempFolder('ferry-e2e-');
    await use(folder.path);
    folder.remove();
  },
  device: async ({ home }, use, testInfo) => {
    const hosts: (Running & { name: string })[] = [];
    await use(async (name, options = {}) => {
      const dir = join(home, name);
      const from = options.cloneFrom;
      if (options.firstStart === true) {
        // Nothing here: `ferry web` makes the journal as it starts.
      } else if (typeof from === 'string') {
        ferry(['--journal', dir, 'clone', from, '--name', name], home);
      } else if (from !== undefined) {
        ferry(['--journal', dir, 'clone', from.url, '--token', from.token, '--name', name], home);
      } else {
        ferry(['--journal', dir, 'init', '--name', name], home);
      }
      let host: Running | null = null;
      const device: Device = {
        name,
        dir,
        journalId: '',
        url: null,
        async start() {
          host = await startFerry(['--journal', dir, '--json', 'web', '--port', '0'], /\{"url":"([^"]+)"/u, home);
          hosts.push({ ...host, name });
          device.url = host.match[1]!;
          return device.url;
        },
        async stop() {
          await host?.stop();
          host = null;
          device.url = null;
        },
        async open(page) {
          if (device.url === null) throw new Error(`${name}: the app host is not running.`);
          await page.goto(device.url);
          await expect(page.getByRole('navigation', { name: 'Places' })).toBeVisible();
        },
        ferry: (args) => ferry(['--journal', dir, ...args], home),
      };
      await device.start();
      device.journalId = (JSON.parse(ferry(['--journal', dir, '--json', 'status'], home)) as { journalId: string }).journalId;
      return device;
    });
    await Promise.all(hosts.map((h) => h.stop()));
    // What the hosts said goes with a failed story: the engine's side of it.
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const [i, h] of hosts.entries()) await testInfo.attach(`ferry web (${h.name}, start ${i + 1})`, { body: `${h.stdout()}\n--- stderr ---\n${h.stderr()}`, contentType: 'text/plain' });
    }
  },
  server: async ({ home }, use) => {
    const servers: Running[] = [];
    const links: Running[] = [];
    await use(async (first, options = {}) => {
      const data = join(home, 'server');
      const made = JSON.parse(ferry(['--json', 'serve', 'token', 'create', '--data', data, '--journal-id', first.journalId], home)) as { token: string };
      let running: Running | null = null;
      let link: Running | null = null;
      let port = '0';
      const server: SyncServer = {
        url: '',
        token: made.token,
        async start() {
          // Again on the same port, so devices (and the slow link) find it where they left it.
          running = await startFerry(['serve', '--port', port, '--data', data], /listening on (http:\/\/127\.0\.0\.1:(\d+))/u, home);
          servers.push(running);
          port = running.match[2]!;
          if (link === null) server.url = running.match[1]!;
        },
        async stop() {
          await running?.stop();
          running = null;
        },
      };
      await server.start();
      if (options.latencyMs !== undefined) {
        link = await startSlowLink(server.url, options.latencyMs);
        links.push(link);
        server.url = link.match[1]!;
      }
      // The host's sync engine reads the remote when it starts: set it with the host stopped.
      const wasRunning = first.url !== null;
      await first.stop();
      first.ferry(['remote', 'set', server.url, '--token', server.token]);
      first.ferry(['sync']);
      if (wasRunning) await first.start();
      return server;
    });
    await Promise.all(links.map((l) => l.stop()));
    await Promise.all(servers.map((s) => s.stop()));
  },
  newPage: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const context = await browser.newContext();
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
  snap: async ({}, use, testInfo) => {
    const dir = join(testInfo.config.rootDir, '..', 'test-results', 'screens');
    mkdirSync(dir, { recursive: true });
    await use(async (page, name) => {
      const path = join(dir, `${name}.png`);
      await page.screenshot({ path });
      await testInfo.attach(name, { path, contentType: 'image/png' });
    });
  },
});

export { expect };
