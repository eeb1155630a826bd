// The desktop window and what it may do, as plain data and small decisions a test can reach:
// the BrowserWindow options (context isolation, the sandbox, no Node in the page, no webviews),
// and the rules applied to its contents — navigation and new windows blocked (web links open in
// the system browser), every permission request denied, nothing loaded from the network.
// Note content is untrusted (it arrives from other devices), so the page is treated as a web page.

import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { productName } from '../journal/location.js';

export interface WindowOptionsInput {
  /** The bundled preload (dist/desktop/preload.cjs). */
  preload: string;
  bounds: Partial<Rectangle>;
  /** The window's colour before the page paints (the theme's background), so it does not flash white in the dark. */
  backgroundColor: string;
  /** The window icon (Linux and Windows; macOS takes the app bundle's). */
  icon?: string;
  /** Developer tools (a checkout run with FERRY_DEV=1); off in the installed app. */
  devTools: boolean;
}

export const minimumSize = { width: 640, height: 420 };

export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...input.bounds,
    minWidth: minimumSize.width,
    minHeight: minimumSize.height,
    title: productName,
    backgroundColor: input.backgroundColor,
    // Shown once the page has painted (ready-to-show), so no blank window appears first.
    show: false,
    ...(input.icon === undefined ? {} : { icon: input.icon }),
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools: input.devTools,
    },
  };
}

/** What to do with a navigation or a window.open to `url` from the app's page. */
export type LinkDecision = 'stay' | 'external' | 'deny';

export function linkDecision(url: string, appOrigin: string): LinkDecision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'deny';
  }
  if (`${parsed.protocol}//${parsed.host}` === appOrigin) return 'stay';
  // Links in notes: the system's browser or mail program, never inside the app's window.
  if (parsed.protocol === 'https:' || parsed.protocol === 'http:' || parsed.protocol === 'mailto:') return 'external';
  return 'deny';
}

/** Whether the page may load `url` at all: its own files and inline data, nothing from the network. */
export function requestAllowed(url: string, appOrigin: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (`${parsed.protocol}//${parsed.host}` === appOrigin) return true;
  return parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'devtools:' || parsed.protocol === 'chrome-extension:';
}

/** The parts of webContents the rules use (a fake in tests). */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void; url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
}

/** The parts of a session the rules use. */
export interface GuardedSession {
  setPermissionRequestHandler(handler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((contents: unknown, permission: string) => boolean) | null): void;
  webRequest: { onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void): void };
}

/** Applies the rules to a window's contents; `openExternal` opens a link in the system's browser. */
export function guardContents(contents: GuardedContents, appOrigin: string, openExternal: (url: string) => void): void {
  const onNavigate = (event: { preventDefault(): void; url: string }) => {
    const decision = linkDecision(event.url, appOrigin);
    if (decision === 'stay') return;
    event.preventDefault();
    if (decision === 'external') openExternal(event.url);
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-redirect', onNavigate);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (linkDecision(url, appOrigin) === 'external') openExternal(url);
    return { action: 'deny' };
  });
}

/** Applies the rules to the app's session: no permission is ever granted, nothing is fetched from outside. */
export function guardSession(session: GuardedSession, appOrigin: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !requestAllowed(details.url, appOrigin) }));
}
