// The desktop app itself, through Playwright's Electron driver: it starts with one secure window
// on the journal in FERRY_HOME; "Sync now" (the action the tray's and the menu's items run) syncs
// with a server; a .ferry file opened from a file manager is imported after the confirmation.
// These need the Electron binary and its build of the database module (`npm run
// native:electron`); where either is missing they are skipped, and say so. The web-host stories
// beside them cover the renderer everywhere.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { notesList, statusBar, writeNote } from '../support/app.js';
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { ferry, startFerry, tempFolder, type Running } from '../support/processes.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const binary = electronBinary();
const addonBuilt = existsSync(join(root, 'build', 'native', 'electron', 'better_sqlite3.node'));
const why = binary === null ? 'skipped: no Electron binary' : !addonBuilt ? 'skipped: no Electron build of the database module (run `npm run native:electron`)' : null;
if (why !== null) console.log(`Electron specs ${why}.`);

test.describe('the desktop app', () => {
  test.skip(why !== null, why ?? '');

  let home: { path: string; remove(): void };
  const apps: ElectronApplication[] = [];
  const servers: Running[] = [];
  test.beforeEach(() => {
    home = tempFolder('ferry-electron-');
  });
  test.afterEach(async () => {
    for (const app of apps.splice(0)) await app.close().catch(() => undefined);
    for (const server of servers.splice(0)) await server.stop();
    home.remove();
  });

  async function launch(journal: string, args: string[] = []): Promise<ElectronApplication> {
    const app = await electron.launch({
      executablePath: binary!,
      args: [root, ...args],
      env: { ...process.env, FERRY_HOME: journal, HOME: home.path, XDG_CONFIG_HOME: join(home.path, '.config') },
    });
    apps.push(app);
    return app;
  }

  test('starts with one secure window on the journal, and what is written is in the journal after quitting', async () => {
    const journal = join(home.path, 'journal');
    const app = await launch(journal);
    const page = await app.firstWindow();
    await expect(page.getByRole('navigation', { name: 'Places' })).toBeVisible();
    expect(await page.title()).toContain('Ferry');
    expect(page.url()).toBe('app://ferry/index.html');
    // The page has the bridge and nothing of Node.
    expect(await page.evaluate(() => [typeof (window as { require?: unknown }).require, typeof (window as { process?: unknown }).process, typeof (window as { ferryBridge?: unknown }).ferryBridge])).toEqual(['undefined', 'undefined', 'object']);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

    await writeNote(page, 'Written on the desktop', 'first words');
    await app.evaluate(({ app: electronApp }) => electronApp.quit());
    await app.waitForEvent('close');
    apps.splice(0);
    expect(ferry(['--journal', journal, 'list'], home.path)).toContain('Written on the desktop');
  });

  test('Sync now, as the tray and the menu run it, syncs with the server and the status says synced', async () => {
    const journal = join(home.path, 'journal');
    ferry(['--journal', journal, 'init', '--name', 'desktop'], home.path);
    const { journalId } = JSON.parse(ferry(['--journal', journal, '--json', 'status'], home.path)) as { journalId: string };
    const data = join(home.path, 'server');
    const { token } = JSON.parse(ferry(['--json', 'serve', 'token', 'create', '--data', data, '--journal-id', journalId], home.path)) as { token: string };
    const server = await startFerry(['serve', '--port', '0', '--data', data], /listening on (http:\/\/127\.0\.0\.1:\d+)/u, home.path);
    servers.push(server);
    ferry(['--journal', journal, 'remote', 'set', server.match[1]!, '--token', token], home.path);
    ferry(['--journal', journal, 'new', '--title', 'Before the app started'], home.path);

    const app = await launch(journal);
    const page = await app.firstWindow();
    await expect(page.getByRole('navigation', { name: 'Places' })).toBeVisible();
    await app.evaluate(({ Menu }) => {
      Menu.getApplicationMenu()?.getMenuItemById('syncNow')?.click();
    });
    await expect(statusBar(page)).toContainText('Synced');
    ferry(['--journal', join(home.path, 'clone'), 'clone', server.match[1]!, '--token', token], home.path);
    expect(ferry(['--journal', join(home.path, 'clone'), 'list'], home.path)).toContain('Before the app started');
  });

  test('a .ferry file opened while the app runs is imported after the person confirms', async () => {
    const laptop = join(home.path, 'laptop');
    ferry(['--journal', laptop, 'init', '--name', 'laptop'], home.path);
    ferry(['--journal', laptop, 'new', '--title', 'Carried on a stick'], home.path);
    const bundle = join(home.path, 'laptop.ferry');
    ferry(['--journal', laptop, 'bundle', 'create', bundle, '--all'], home.path);
    const desktop = join(home.path, 'desktop');
    ferry(['--journal', desktop, 'clone', bundle, '--name', 'desktop'], home.path);
    ferry(['--journal', laptop, 'new', '--title', 'Written after the clone'], home.path);
    ferry(['--journal', laptop, 'bundle', 'create', bundle, '--all'], home.path);

    const app = await launch(desktop);
    const page = await app.firstWindow();
    await expect(page.getByRole('navigation', { name: 'Places' })).toBeVisible();
    // Native dialogs cannot be clicked by Playwright: the person's answers are given in the main process.
    await app.evaluate(({ dialog }) => {
      const asked: string[] = [];
      (globalThis as { asked?: string[] }).asked = asked;
      dialog.showMessageBox = (...args: unknown[]) => {
        const options = args.at(-1) as { message: string };
        asked.push(options.message);
        return Promise.resolve({ response: 0, checkboxChecked: false });
      };
    });
    // A second start with the file, as a file manager does: the running app gets it.
    const second = spawn(binary!, [root, bundle], { env: { ...process.env, FERRY_HOME: desktop, HOME: home.path, XDG_CONFIG_HOME: join(home.path, '.config') }, stdio: 'ignore' });
    await new Promise((resolve) => second.once('exit', resolve));
    await expect(notesList(page).getByText('Written after the clone')).toBeVisible();
    const asked = await app.evaluate(() => (globalThis as { asked?: string[] }).asked ?? []);
    expect(asked).toEqual(['Import the notes in “laptop.ferry”?', 'Imported “laptop.ferry”.']);
  });
});
