// The desktop window is treated as a web page showing untrusted notes: isolated, sandboxed, no
// Node; it cannot navigate away, open windows, be granted permissions, or load from the network.

import { describe, expect, it } from 'vitest';
import { appOrigin } from './app-protocol.js';
import { guardContents, guardSession, linkDecision, mainWindowOptions, requestAllowed, type GuardedContents, type GuardedSession } from './window-options.js';

describe('the window factory', () => {
  it('isolates the page: context isolation, the sandbox, no Node anywhere, no webviews, web security on', () => {
    const options = mainWindowOptions({ preload: '/app/dist/desktop/preload.cjs', bounds: { width: 900, height: 700 }, backgroundColor: '#ffffff', devTools: false });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/desktop/preload.cjs',
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
      devTools: false,
    });
    // Shown once painted, at the size asked, never smaller than the layout needs.
    expect(options).toMatchObject({ show: false, width: 900, height: 700, title: 'Ferry Notes' });
    expect(options.minWidth).toBeGreaterThan(0);
  });
});

describe('links and navigation', () => {
  it.each([
    [`${appOrigin}/index.html#/notes`, 'stay'],
    ['https://example.com/recipe', 'external'],
    ['http://example.com', 'external'],
    ['mailto:friend@example.com', 'external'],
    ['file:///etc/passwd', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['app://elsewhere/index.html', 'deny'],
    ['ferry-notes://open', 'deny'],
    ['not a url', 'deny'],
  ] as const)('%s → %s', (url, decision) => {
    expect(linkDecision(url, appOrigin)).toBe(decision);
  });

  it('a link clicked in a note opens in the system browser; the window stays on the app', () => {
    const listeners = new Map<string, (event: { preventDefault(): void; url: string }) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    const contents: GuardedContents = {
      on(event: string, listener: (event: { preventDefault(): void; url: string }) => void) {
        listeners.set(event, listener);
      },
      setWindowOpenHandler(handler) {
        openHandler = handler;
      },
    };
    const opened: string[] = [];
    guardContents(contents, appOrigin, (url) => opened.push(url));

    const navigate = (event: string, url: string) => {
      let prevented = false;
      listeners.get(event)!({ url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(navigate('will-navigate', 'https://example.com/recipe')).toBe(true);
    expect(navigate('will-navigate', 'file:///home/me/.ssh/id_rsa')).toBe(true);
    expect(navigate('will-redirect', 'https://tracker.example')).toBe(true);
    expect(navigate('will-navigate', `${appOrigin}/index.html`)).toBe(false);
    expect(navigate('will-attach-webview', 'https://example.com')).toBe(true);
    expect(openHandler!({ url: 'https://example.com/other' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: `${appOrigin}/index.html` })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/recipe', 'https://tracker.example', 'https://example.com/other']);
  });
});

describe('the session', () => {
  it('denies every permission, asked or checked, and loads nothing from the network', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
    let check: ((contents: unknown, permission: string) => boolean) | null = null;
    let beforeRequest: ((details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void) | null = null;
    const session: GuardedSession = {
      setPermissionRequestHandler: (handler) => (request = handler),
      setPermissionCheckHandler: (handler) => (check = handler),
      webRequest: { onBeforeRequest: (listener) => (beforeRequest = listener) },
    };
    guardSession(session, appOrigin);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      request!(null, permission, (answer) => (granted = answer));
      expect({ permission, granted }).toEqual({ permission, granted: false });
      expect(check!(null, permission)).toBe(false);
    }
    const cancelled = (url: string) => {
      let answer: { cancel?: boolean } = {};
      beforeRequest!({ url }, (response) => (answer = response));
      return answer.cancel === true;
    };
    expect(cancelled(`${appOrigin}/assets/app.js`)).toBe(false);
    expect(cancelled('data:image/png;base64,AAAA')).toBe(false);
    expect(cancelled('https://example.com/pixel.png')).toBe(true);
    expect(cancelled('http://127.0.0.1:8080/')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(requestAllowed('ws://evil.example', appOrigin)).toBe(false);
  });
});
