// Test support: a stand-in for the `electron` module, so the desktop main process (the bundled
// dist/desktop/main.mjs) can be run in plain Node where the Electron binary cannot be installed.
// It keeps what the app did — the window's options and address, the page the app:// protocol
// served, the IPC channels, the tray and the menu — and answers as Electron would: `quit` emits
// before-quit (which may be prevented), closing a window emits close and closed. The page is
// played by a few calls made through the registered IPC handlers, as the preload would make them.
// With FAKE_ELECTRON_UNSAVED=stay-then-quit, the page refuses to unload (as one whose words the
// engine refused does) and the person answers the app's question with its first button (stay),
// quits again a few seconds later, and then answers with the second (leave anyway).
// When the process exits, the record is written to FAKE_ELECTRON_REPORT as JSON.
//
// Only tests load this (electron/testing/electron-hooks.mjs maps `electron` to it).

import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';

interface Record_ {
  paths: Record<string, string>;
  windows: { options: unknown; url: string | null; page: { status: number; type: string | null; text: string } | null }[];
  channels: string[];
  answers: Record<string, unknown>;
  tray: { image: string | null; tooltip: string | null; menu: string[] } | null;
  menu: string[];
  errors: string[];
  quit: string[];
  /** Each message box shown synchronously: its message and buttons, and the answer given. */
  asked: { message: string; buttons: string[]; answer: number }[];
  guarded: { permissions: boolean; requests: boolean; navigation: boolean };
}

// What Electron gives the main process: where the installed app's resources are.
(process as { resourcesPath?: string }).resourcesPath = process.env.FAKE_ELECTRON_RESOURCES ?? '/nonexistent';

const record: Record_ = { paths: {}, windows: [], channels: [], answers: {}, tray: null, menu: [], errors: [], quit: [], asked: [], guarded: { permissions: false, requests: false, navigation: false } };
const report = process.env.FAKE_ELECTRON_REPORT;
process.on('exit', () => {
  if (report !== undefined) writeFileSync(report, JSON.stringify(record, null, 2));
});

type Handler = (event: unknown, ...args: unknown[]) => unknown;
const handlers = new Map<string, Handler>();
const syncListeners = new Map<string, (event: { senderFrame: { url: string }; returnValue: unknown }) => void>();
let protocolHandler: ((request: Request) => Promise<Response>) | null = null;

class FakeApp extends EventEmitter {
  isPackaged = process.env.FAKE_ELECTRON_PACKAGED === '1';
  private ready = Promise.resolve();
  setName(name: string) {
    record.paths.name = name;
  }
  setPath(name: string, path: string) {
    record.paths[name] = path;
  }
  getPath(name: string) {
    return record.paths[name] ?? `/tmp/fake-electron-${name}`;
  }
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return this.ready;
  }
  showAboutPanel() {}
  quit() {
    const event = { prevented: false, preventDefault: () => (event.prevented = true) };
    this.emit('before-quit', event);
    record.quit.push(event.prevented ? 'before-quit prevented' : 'quit');
    if (!event.prevented) setImmediate(() => process.exit(0));
  }
  exit(code = 0) {
    record.quit.push(`exit ${code}`);
    process.exit(code);
  }
}

export const app = new FakeApp();

export const protocol = {
  registerSchemesAsPrivileged() {},
  handle(_scheme: string, handler: (request: Request) => Promise<Response>) {
    protocolHandler = handler;
  },
};

export const ipcMain = {
  handle(channel: string, handler: Handler) {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, handler);
    record.channels.push(channel);
  },
  removeHandler(channel: string) {
    handlers.delete(channel);
  },
  on(channel: string, listener: (event: { senderFrame: { url: string }; returnValue: unknown }) => void) {
    syncListeners.set(channel, listener);
  },
  removeListener(channel: string) {
    syncListeners.delete(channel);
  },
};

class FakeContents extends EventEmitter {
  private destroyed = false;
  setWindowOpenHandler() {
    record.guarded.navigation = true;
  }
  send() {}
  isLoading() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
}

const windows: BrowserWindow[] = [];

export class BrowserWindow extends EventEmitter {
  readonly webContents = new FakeContents();
  private destroyed = false;
  private readonly index: number;
  constructor(options: unknown) {
    super();
    this.index = record.windows.push({ options, url: null, page: null }) - 1;
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows() {
    return windows.filter((w) => !w.isDestroyed());
  }
  async loadURL(url: string) {
    const entry = record.windows[this.index]!;
    entry.url = url;
    if (protocolHandler !== null) {
      const response = await protocolHandler(new Request(url));
      entry.page = { status: response.status, type: response.headers.get('content-type'), text: (await response.text()).slice(0, 200) };
    }
    // The preload asks which calls there are; the page starts and makes its first calls.
    const asked = { senderFrame: { url }, returnValue: undefined as unknown };
    syncListeners.get('ferry:calls')?.(asked);
    record.answers.callNames = asked.returnValue;
    for (const name of ['settings', 'listNotes', 'syncStatus']) {
      const handler = handlers.get(`ferry:call:${name}`);
      record.answers[name] = handler === undefined ? 'no handler' : await handler({ senderFrame: { url } }, {});
    }
    const stranger = handlers.get('ferry:call:listNotes');
    record.answers.fromElsewhere = stranger === undefined ? 'no handler' : await stranger({ senderFrame: { url: 'https://evil.example/' } }, {});
    // A person writes a note; what they type is saved as a draft, not yet committed as a version.
    const call = (name: string, args: unknown) => handlers.get(`ferry:call:${name}`)!({ senderFrame: { url } }, args) as Promise<{ ok: boolean; value: { id: string } }>;
    const made = await call('createNote', { title: 'Typed in the desktop app' });
    record.answers.saveDraft = await call('saveDraft', { noteId: made.value.id, title: 'Typed in the desktop app', body: 'the last words before quitting\n', tags: [] });
    this.emit('ready-to-show');
    this.webContents.emit('did-finish-load');
    process.stdout.write('fake-electron: the page is loaded\n');
  }
  show() {}
  hide() {}
  focus() {}
  restore() {}
  maximize() {}
  isMaximized() {
    return false;
  }
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1000, height: 700 };
  }
  close() {
    const event = { prevented: false, preventDefault: () => (event.prevented = true) };
    this.emit('close', event);
    if (event.prevented) return;
    if (process.env.FAKE_ELECTRON_UNSAVED === 'stay-then-quit') {
      // The page's beforeunload refused: Electron asks the app, whose preventDefault lets the page go.
      const unload = { prevented: false, preventDefault: () => (unload.prevented = true) };
      this.webContents.emit('will-prevent-unload', unload);
      if (!unload.prevented) return;
    }
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}

export const screen = {
  getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1440, height: 870 } }),
  getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1440, height: 870 } }],
};

export const nativeTheme = { shouldUseDarkColors: false };
export const shell = { openExternal: () => Promise.resolve() };
export const net = { isOnline: () => true };
export const powerMonitor = new EventEmitter();

export const session = {
  defaultSession: {
    setPermissionRequestHandler() {
      record.guarded.permissions = true;
    },
    setPermissionCheckHandler() {},
    webRequest: {
      onBeforeRequest() {
        record.guarded.requests = true;
      },
    },
  },
};

interface FakeMenu {
  labels: string[];
}

function labelsOf(template: { label?: string; submenu?: unknown }[]): string[] {
  return template.flatMap((item) => [...(item.label === undefined ? [] : [item.label]), ...(Array.isArray(item.submenu) ? labelsOf(item.submenu as { label?: string }[]) : [])]);
}

let applicationMenu: FakeMenu | null = null;
export const Menu = {
  buildFromTemplate: (template: { label?: string; submenu?: unknown }[]): FakeMenu => ({ labels: labelsOf(template) }),
  setApplicationMenu(menu: FakeMenu) {
    applicationMenu = menu;
    record.menu = menu.labels;
  },
  getApplicationMenu: () => applicationMenu,
};

export const nativeImage = {
  createFromPath: (path: string) => ({ path, setTemplateImage() {} }),
};

export class Tray extends EventEmitter {
  constructor(image: { path: string }) {
    super();
    record.tray = { image: image.path, tooltip: null, menu: [] };
  }
  setImage(image: { path: string }) {
    record.tray!.image = image.path;
  }
  setToolTip(tooltip: string) {
    record.tray!.tooltip = tooltip;
  }
  setContextMenu(menu: FakeMenu) {
    record.tray!.menu = menu.labels;
  }
  destroy() {}
}

export class Notification extends EventEmitter {
  static isSupported() {
    return false;
  }
  show() {}
}

export const dialog = {
  showErrorBox(title: string, content: string) {
    record.errors.push(`${title}: ${content}`);
  },
  showMessageBox: () => Promise.resolve({ response: 1, checkboxChecked: false }),
  showMessageBoxSync(_window: unknown, options: { message: string; buttons: string[] }) {
    const answer = record.asked.length === 0 ? 0 : 1;
    record.asked.push({ message: options.message, buttons: options.buttons, answer });
    // Having stayed, the person quits again a little later.
    if (answer === 0) setTimeout(() => app.quit(), 4000);
    return answer;
  },
  showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
  showSaveDialog: () => Promise.resolve({ canceled: true, filePath: '' }),
};

export default { app, protocol, ipcMain, BrowserWindow, screen, nativeTheme, shell, net, powerMonitor, session, Menu, nativeImage, Tray, Notification, dialog };
