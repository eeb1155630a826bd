// The desktop window loads the app from app://ferry/: its own files only, with the app's
// Content-Security-Policy, never a file outside the renderer folder.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempFolders } from '../testing/temp-journal.js';
import { appEntry, appOrigin, rendererPath, serveRenderer } from './app-protocol.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

function renderer(): string {
  const root = folders.make('ferry-app-protocol-');
  const dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Ferry</title>');
  writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(dir, 'assets', 'app-1234.css'), 'body{}');
  // A secret beside the renderer folder, which no app:// address may reach.
  writeFileSync(join(root, 'journal.db'), 'notes');
  return dir;
}

describe('app://ferry serves the built renderer', () => {
  it('serves index.html at the entry and the root, and assets with their types and the CSP', async () => {
    const serve = serveRenderer(renderer());
    for (const url of [appEntry, `${appOrigin}/`]) {
      const page = await serve(new Request(url));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('<title>Ferry</title>');
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const script = await serve(new Request(`${appOrigin}/assets/app-1234.js`));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await serve(new Request(`${appOrigin}/assets/app-1234.css`))).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('a page path is the app itself; a missing file is a 404', async () => {
    const serve = serveRenderer(renderer());
    expect(await (await serve(new Request(`${appOrigin}/notes/abc`))).text()).toContain('<title>Ferry</title>');
    expect((await serve(new Request(`${appOrigin}/assets/missing.js`))).status).toBe(404);
  });

  it('never reaches outside the renderer folder, however the path is spelled', async () => {
    const dir = renderer();
    const serve = serveRenderer(dir);
    for (const path of ['/../journal.db', '/%2e%2e/journal.db', '/assets/..%2f..%2fjournal.db', '/..%5cjournal.db', '/%00index.html', '/%E0%A4%A']) {
      const answer = await serve(new Request(`${appOrigin}${path}`));
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
    expect(rendererPath(dir, 'app://elsewhere/index.html')).toBeNull();
    expect(rendererPath(dir, 'https://ferry/index.html')).toBeNull();
  });

  it('answers only reads', async () => {
    const serve = serveRenderer(renderer());
    expect((await serve(new Request(appEntry, { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await serve(new Request(appEntry, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
