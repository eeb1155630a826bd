// The desktop main process as it runs (the bundled dist/desktop/main.mjs), with a stand-in for
// the electron module (testing/fake-electron.ts), since the Electron binary cannot be installed
// everywhere the tests run: it opens the journal in FERRY_HOME with its own build of the database
// module, serves the page from app://ferry, registers every call of the contract over IPC (and
// refuses other origins), shows a truthful tray and the menus, and quitting commits what was
// typed. Without its build of the database module it says what to run, and opens nothing.

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { callNames } from '../../shared/app-contract.js';
import { repoRoot } from '../testing/dist.js';
import { tempFolders } from '../testing/temp-journal.js';
import { callChannel } from './ipc-channels.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

interface Report {
  paths: Record<string, string>;
  windows: { options: { webPreferences: Record<string, unknown> }; url: string | null; page: { status: number; type: string | null; text: string } | null }[];
  channels: string[];
  answers: Record<string, unknown>;
  tray: { image: string; tooltip: string; menu: string[] } | null;
  menu: string[];
  errors: string[];
  quit: string[];
  asked: { message: string; buttons: string[]; answer: number }[];
  guarded: { permissions: boolean; requests: boolean; navigation: boolean };
}

/** An installed app's resources folder: the database module's build for this runtime, the tray and app icons. */
function resources(withAddon: boolean): string {
  const dir = folders.make('ferry-resources-');
  if (withAddon) {
    mkdirSync(join(dir, 'native'));
    cpSync(createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node'), join(dir, 'native', 'better_sqlite3.node'));
    writeFileSync(join(dir, 'native', 'built-for.json'), JSON.stringify({ electron: 'none (Node)', modules: process.versions.modules, platform: process.platform, arch: process.arch }));
  }
  cpSync(join(repoRoot, 'build', 'tray'), join(dir, 'tray'), { recursive: true });
  cpSync(join(repoRoot, 'build', 'icons'), join(dir, 'icons'), { recursive: true });
  return dir;
}

async function runMainProcess(options: { withAddon: boolean; unsaved?: 'stay-then-quit' }): Promise<{ code: number | null; report: Report; journal: string; home: string; stderr: string }> {
  const home = folders.make('ferry-desktop-');
  const journal = join(home, 'journal');
  const reportFile = join(home, 'report.json');
  const hooks = pathToFileURL(join(repoRoot, 'electron', 'testing', 'electron-hooks.mjs')).href;
  const child = spawn(process.execPath, ['--import', `data:text/javascript,import { register } from 'node:module'; register(${JSON.stringify(hooks)});`, join(repoRoot, 'dist', 'desktop', 'main.mjs')], {
    env: {
      PATH: process.env.PATH,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      FERRY_HOME: journal,
      FAKE_ELECTRON_URL: pathToFileURL(join(repoRoot, 'dist', 'electron', 'testing', 'fake-electron.js')).href,
      FAKE_ELECTRON_REPORT: reportFile,
      FAKE_ELECTRON_PACKAGED: '1',
      FAKE_ELECTRON_RESOURCES: resources(options.withAddon),
      ...(options.unsaved === undefined ? {} : { FAKE_ELECTRON_UNSAVED: options.unsaved }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // Once the page has loaded and typed, the system asks the app to quit (as a logout would).
  child.stdout.on('data', (chunk: Buffer) => {
    if (chunk.toString('utf8').includes('the page is loaded')) child.kill('SIGTERM');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', (exit) => resolve(exit)));
  if (!existsSync(reportFile)) throw new Error(`The main process left no report (exit ${code}): ${stderr}`);
  return { code, report: JSON.parse(readFileSync(reportFile, 'utf8')) as Report, journal, home, stderr };
}

describe('the desktop main process', () => {
  it('opens the journal, serves the page, the contract over IPC, the tray and the menus, and commits what was typed when it quits', { timeout: 60_000 }, async () => {
    const { code, report, journal, home, stderr } = await runMainProcess({ withAddon: true });
    expect({ code, errors: report.errors, stderr }).toEqual({ code: 0, errors: [], stderr: '' });

    // One window, isolated and sandboxed, on app://ferry, whose page the protocol served.
    expect(report.windows).toHaveLength(1);
    const [window] = report.windows;
    expect(window!.url).toBe('app://ferry/index.html');
    expect(window!.page).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(window!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: join(repoRoot, 'dist', 'desktop', 'preload.cjs') });
    expect(report.guarded).toEqual({ permissions: true, requests: true, navigation: true });

    // Every call of the contract has its channel; the page's calls are answered, a stranger's refused.
    expect(report.channels.sort()).toEqual(callNames.map(callChannel).sort());
    expect(report.answers.callNames).toEqual(callNames);
    expect(report.answers.settings).toMatchObject({ ok: true, value: { deviceName: expect.any(String) } });
    expect(report.answers.listNotes).toEqual({ ok: true, value: [] });
    expect(report.answers.fromElsewhere).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    expect(report.answers.saveDraft).toMatchObject({ ok: true });

    // No server set: the tray says so, and its menu offers what can be done.
    expect(report.tray!.image.endsWith(join('tray', 'local.png'))).toBe(true);
    expect(report.tray!.tooltip).toBe('Ferry Notes — Not syncing: no server set · 1 change not synced yet');
    expect(report.tray!.menu).toEqual(expect.arrayContaining(['Open Ferry Notes', 'Sync now', 'Quit Ferry Notes']));
    expect(report.menu).toEqual(expect.arrayContaining(['New note', 'Today', 'Import bundle…', 'Export bundle…', 'Sync now', 'Pause sync']));

    // Chromium's files stay out of the journal's way; the window's place is remembered.
    expect(report.paths.sessionData).toBe(join(home, '.config', 'Ferry Notes', 'Session'));
    expect(JSON.parse(readFileSync(join(journal, 'desktop.json'), 'utf8'))).toMatchObject({ window: { bounds: { width: 1000, height: 700 } } });

    // What was typed was committed as a version when the app quit (read without opening it as a journal, which would commit it too).
    const db = new Database(join(journal, 'journal.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM drafts').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM versions').get()).toEqual({ n: 2 });
    } finally {
      db.close();
    }
  });

  it('asks before quitting while the page has words not saved, and keeps running when the person stays', { timeout: 60_000 }, async () => {
    const { code, report, journal, stderr } = await runMainProcess({ withAddon: true, unsaved: 'stay-then-quit' });
    expect({ code, errors: report.errors, stderr }).toEqual({ code: 0, errors: [], stderr: '' });
    // Asked at the first quit (stay), and again at the second (quit anyway): the app had kept running.
    expect(report.asked).toEqual([
      { message: 'Some of what you typed is not saved yet.', buttons: ['Stay', 'Quit anyway'], answer: 0 },
      { message: 'Some of what you typed is not saved yet.', buttons: ['Stay', 'Quit anyway'], answer: 1 },
    ]);
    expect(report.quit.at(-1)).toBe('quit');
    // Quitting in the end still commits what the engine did save.
    const db = new Database(join(journal, 'journal.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM drafts').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('without its build of the database module, says what to run and opens nothing', { timeout: 60_000 }, async () => {
    const { code, report, journal } = await runMainProcess({ withAddon: false });
    expect(code).toBe(1);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toContain('npm run native:electron');
    expect(report.windows).toEqual([]);
    expect(existsSync(join(journal, 'journal.db'))).toBe(false);
  });
});
