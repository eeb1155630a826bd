// The desktop app's main process (DESIGN.md, "The three worlds"): one instance; the journal in
// the OS app-data folder (or FERRY_HOME), shared with the CLI; the engine, the sync engine and the
// exchange-folder watcher running here (host/app-engine.ts, as `ferry web` runs them); the
// contract served over IPC (ipc-main.ts); one secure window loading app://ferry; the tray and the
// menus. Quitting commits what was typed and lets a sync finish or stop between pages.
// Every decision is in a pure module beside this one; this file only wires Electron to them.

import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, net, Notification, powerMonitor, protocol, session, shell, type MessageBoxOptions } from 'electron';
import type { PageCommand } from '../../shared/app-contract.js';
import { toErrorData } from '../../shared/errors.js';
import { startAppEngine, type AppEngine } from '../host/app-engine.js';
import { builtRendererDir } from '../host/renderer-dir.js';
import { useSqliteAddon } from '../journal/database.js';
import { localDay } from '../journal/ids.js';
import { Journal } from '../journal/journal.js';
import { defaultJournalDir, productName } from '../journal/location.js';
import { appId } from './app-id.js';
import { appOrigin, appScheme, serveRenderer } from './app-protocol.js';
import { bundleFilesIn } from './bundle-arguments.js';
import { BundleActions, type Dialogs } from './bundle-actions.js';
import { unsavedOnCloseWords } from './dialog-words.js';
import { dialogPathChooser } from './path-chooser.js';
import { conflictNotice } from './conflict-notice.js';
import { watchConnectivity } from './connectivity.js';
import { DesktopSettingsStore } from './desktop-settings.js';
import { eventChannel } from './ipc-channels.js';
import { forwardEvents, serveContractOverIpc } from './ipc-main.js';
import { setAppMenu } from './menus.js';
import { appMenu, type MenuCommand } from './menu-model.js';
import { addonFile, addonProblem, builtForFile, electronAddonDir, type BuiltFor } from './native-addon.js';
import { AppTray } from './tray.js';
import { trayModel, type SyncStatus, type TrayCommand } from './tray-model.js';
import { createMainWindow, showWindow } from './window.js';
import { guardContents, guardSession } from './window-options.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The checkout or the app's archive: where package.json is (dist/desktop/main.mjs is two levels down). */
const appRoot = join(here, '..', '..');
const dev = !app.isPackaged && process.env.FERRY_DEV === '1';

// Before `ready`: app://ferry is a standard, secure scheme (fetch, relative URLs and storage work as on https).
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.setName(productName);
// Windows shows notifications only for an app with this id (the installer's appId).
if (process.platform === 'win32') app.setAppUserModelId(appId);
// Every webContents, the window's and any other (devtools, a page a bug might open), gets the
// rules: no navigation away, no new windows, web links to the system browser.
app.on('web-contents-created', (_event, contents) => guardContents(contents, appOrigin, (url) => void shell.openExternal(url)));
// Chromium's own files: in the app-data folder named for the product (also when FERRY_HOME puts
// the journal elsewhere), in a folder of their own beside a journal kept there.
const userData = defaultJournalDir({ ...process.env, FERRY_HOME: '' });
app.setPath('userData', userData);
app.setPath('sessionData', join(userData, 'Session'));
// Ctrl-C in the terminal of `npm start`, or a system shutdown: quit cleanly, committing what was typed.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

/** Bundles handed over before the app was ready (macOS sends open-file that early). */
const waitingBundles: string[] = bundleFilesIn(process.argv.slice(app.isPackaged ? 1 : 2), process.cwd());
let openBundle: ((path: string) => void) | null = null;
app.on('open-file', (event, path) => {
  event.preventDefault();
  if (openBundle === null) waitingBundles.push(path);
  else openBundle(path);
});

if (!app.requestSingleInstanceLock()) {
  // Another Ferry is running: it gets this command line (and any bundle in it) and shows itself.
  app.quit();
} else {
  void app.whenReady().then(start).catch((error: unknown) => fatal('Ferry could not start.', error));
}

async function start(): Promise<void> {
  const dir = defaultJournalDir();
  loadDatabaseModule();
  const journal = existsSync(Journal.fileIn(dir)) ? Journal.open(dir) : Journal.create(dir, { deviceName: hostname() });
  let window: BrowserWindow | null = null;
  const dialogs = electronDialogs(() => (window === null || window.isDestroyed() ? null : window));
  const engine = await startAppEngine(journal, dialogPathChooser(dialogs));
  const { service, sync } = engine;

  const rendererDir = builtRendererDir();
  if (rendererDir === null) throw new Error('The interface is not built: run `npm run build` in the Ferry folder.');
  protocol.handle(appScheme, serveRenderer(rendererDir));
  guardSession(session.defaultSession, appOrigin);

  const stopIpc = serveContractOverIpc(ipcMain, service, { appOrigin });
  const stopEvents = forwardEvents(service, () => BrowserWindow.getAllWindows().map((w) => w.webContents));

  const desktopSettings = new DesktopSettingsStore(dir);
  let quitting = false;
  /** The person chose to stay when a page had words not saved: the quit under way stops. */
  let stayed = false;
  window = makeWindow();
  function makeWindow(): BrowserWindow {
    const made = createMainWindow({
      settings: desktopSettings,
      preload: join(here, 'preload.cjs'),
      devTools: dev,
      quitting: () => quitting,
      ...(process.platform === 'linux' ? { icon: join(resourceDir('icons'), '512x512.png') } : {}),
    });
    // A page that crashed or was killed sent no last request: what it typed becomes versions now.
    made.webContents.on('render-process-gone', () => service.commitLeftDrafts());
    // The page refuses to unload while the engine refuses what was typed (NoteEditor): ask, as a
    // browser would. Electron otherwise keeps the window without a word.
    made.webContents.on('will-prevent-unload', (event) => {
      const words = unsavedOnCloseWords(quitting);
      const answer = dialog.showMessageBoxSync(made, { type: 'warning', title: words.title, message: words.message, detail: words.detail, buttons: words.buttons, defaultId: 0, cancelId: 0, noLink: true });
      if (answer === 1) event.preventDefault();
      else stayed = true;
    });
    return made;
  }
  function visibleWindow(): BrowserWindow {
    if (window === null || window.isDestroyed()) window = makeWindow();
    showWindow(window);
    return window;
  }
  function tellPage(name: PageCommand): void {
    const target = visibleWindow();
    const send = () => target.webContents.send(eventChannel, 'command', { name });
    if (target.webContents.isLoading()) target.webContents.once('did-finish-load', send);
    else send();
  }

  const bundles = new BundleActions(service.handlers, dialogs);
  openBundle = (path) => {
    visibleWindow();
    void bundles.openedFromOutside(path);
  };
  for (const path of waitingBundles.splice(0)) openBundle(path);
  app.on('second-instance', (_event, argv, cwd) => {
    visibleWindow();
    for (const path of bundleFilesIn(argv.slice(1), cwd)) openBundle?.(path);
  });

  // The tray and the menus follow the sync status.
  let status: SyncStatus = await service.handlers.syncStatus({});
  // Conflicts already there at start are shown by the tray, not announced.
  let conflictMark = status.conflicts;
  const tray = new AppTray(resourceDir('tray'), (command) => void act(command), trayModel(status, Date.now(), { closeToTray: desktopSettings.get().closeToTray }));
  let menuShown = '';
  const refresh = () => {
    const closeToTray = desktopSettings.get().closeToTray;
    tray.show(trayModel(status, Date.now(), { closeToTray }));
    // Rebuilt only when it changes: a menu rebuilt while open closes under the person's pointer.
    const menu = appMenu(process.platform, { paused: status.state === 'paused', syncAvailable: status.state !== 'local', closeToTray, dev });
    const key = JSON.stringify(menu);
    if (key === menuShown) return;
    menuShown = key;
    setAppMenu(menu, (command) => void act(command));
  };
  refresh();
  const clock = setInterval(refresh, 30_000); // "last synced 2 minutes ago" moves on
  const stopStatus = service.subscribe((name, payload) => {
    if (name !== 'syncStatus') return;
    status = payload as SyncStatus;
    const step = conflictNotice(conflictMark, status.conflicts);
    conflictMark = step.mark;
    if (step.notice !== null && Notification.isSupported()) {
      const notification = new Notification({ title: step.notice.title, body: step.notice.body });
      notification.on('click', () => tellPage('conflicts'));
      notification.show();
    }
    refresh();
  });

  const stopConnectivity = watchConnectivity({ isOnline: () => net.isOnline(), onChange: (online) => sync.networkChanged(online) });
  powerMonitor.on('resume', () => sync.networkChanged(true));

  async function act(command: MenuCommand | TrayCommand): Promise<void> {
    try {
      switch (command) {
        case 'open':
          visibleWindow();
          break;
        case 'status':
          break;
        case 'syncNow':
          await service.handlers.syncNow({});
          break;
        case 'pause':
        case 'pauseSync':
          await service.handlers.pauseSync({});
          break;
        case 'resume':
        case 'resumeSync':
          await service.handlers.resumeSync({});
          break;
        case 'closeToTray':
          desktopSettings.update({ closeToTray: !desktopSettings.get().closeToTray });
          refresh();
          break;
        case 'importBundle':
          visibleWindow();
          await bundles.chooseAndImport();
          break;
        case 'exportBundle':
          visibleWindow();
          await bundles.chooseAndExport(localDay(Date.now()));
          break;
        case 'about':
          app.showAboutPanel();
          break;
        case 'quit':
          app.quit();
          break;
        default:
          tellPage(command);
      }
    } catch (error) {
      dialog.showErrorBox(productName, toErrorData(error).message);
    }
  }

  app.on('activate', () => visibleWindow());
  app.on('window-all-closed', () => {
    // Without the tray setting, closing the window quits (macOS apps stay open, by convention).
    if (process.platform !== 'darwin' && !desktopSettings.get().closeToTray) app.quit();
  });

  // Quitting: the windows close first, so a page's last save (sent as it unloads) reaches the
  // engine; then the engine stops and every draft is committed.
  let closed = false;
  let closing = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    stayed = false;
    void closeWindows()
      .then(async () => {
        if (stayed) {
          // Words not saved, and the person stays with them: Ferry keeps running.
          quitting = false;
          closing = false;
          return;
        }
        try {
          await shutdown(engine, journal, [stopIpc, stopEvents, stopStatus, stopConnectivity, () => clearInterval(clock), () => tray.destroy()]);
        } finally {
          closed = true;
          app.quit();
        }
      });
  });
}

/** Closes every window (their pages unload and send what they still hold) and waits a moment for those last calls. */
async function closeWindows(): Promise<void> {
  await Promise.all(
    BrowserWindow.getAllWindows().map(
      (window) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 3000);
          window.once('closed', () => {
            clearTimeout(timer);
            resolve();
          });
          window.close();
        }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/** Stops everything in order; a sync or an import that does not finish in 10 s is abandoned (what was stored stays stored). */
async function shutdown(engine: AppEngine, journal: Journal, stops: (() => void)[]): Promise<void> {
  for (const stop of stops) stop();
  await Promise.race([engine.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  try {
    journal.commitAllDrafts();
  } finally {
    journal.close();
  }
}

/** The Electron build of better-sqlite3 (native-addon.ts): checked before the journal is opened. */
function loadDatabaseModule(): void {
  const addonDir = electronAddonDir({ packaged: app.isPackaged, resourcesPath: process.resourcesPath, appRoot });
  const running: BuiltFor = { electron: process.versions.electron, modules: process.versions.modules, platform: process.platform, arch: process.arch };
  const builtFor = readBuiltFor(join(addonDir, builtForFile));
  const problem = addonProblem(existsSync(join(addonDir, addonFile)) ? builtFor : null, running);
  if (problem !== null) throw new Error(problem);
  useSqliteAddon(join(addonDir, addonFile));
}

function readBuiltFor(file: string): BuiltFor | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as BuiltFor;
  } catch {
    return null;
  }
}

/** build/<name> in a checkout; resources/<name> in the installed app. */
function resourceDir(name: 'tray' | 'icons'): string {
  return app.isPackaged ? join(process.resourcesPath, name) : join(appRoot, 'build', name);
}

function electronDialogs(parent: () => BrowserWindow | null): Dialogs {
  return {
    async ask(words) {
      const options: MessageBoxOptions = { type: words.kind, title: words.title, message: words.message, detail: words.detail, buttons: words.buttons, defaultId: 0, cancelId: words.buttons.length - 1, noLink: true };
      const owner = parent();
      const answer = owner === null ? await dialog.showMessageBox(options) : await dialog.showMessageBox(owner, options);
      return answer.response;
    },
    async openFolder(options) {
      const owner = parent();
      const properties: ('openDirectory' | 'createDirectory')[] = ['openDirectory', 'createDirectory'];
      const chosen = owner === null ? await dialog.showOpenDialog({ ...options, properties }) : await dialog.showOpenDialog(owner, { ...options, properties });
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    },
    async openFile(options) {
      const owner = parent();
      const chosen = owner === null ? await dialog.showOpenDialog({ ...options, properties: ['openFile'] }) : await dialog.showOpenDialog(owner, { ...options, properties: ['openFile'] });
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    },
    async saveFile(options) {
      const owner = parent();
      const chosen = owner === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(owner, options);
      return chosen.canceled || chosen.filePath === '' ? null : chosen.filePath;
    },
  };
}

function fatal(what: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox(productName, `${what}\n\n${message}`);
  app.exit(1);
}
