// How the desktop window loads the built renderer: from `app://ferry/`, a privileged scheme of
// the app's own (Electron's security checklist: not file://, whose pages may read any file), with
// the same Content-Security-Policy and headers as the web host. Paths resolve inside the renderer
// folder only; a page path that is not a file is the app (it routes on the hash); anything else
// is a 404. A plain function of Request → Response, so it is tested without Electron.

import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { appContentSecurityPolicy } from '../host/content-security.js';

export const appScheme = 'app';
export const appHost = 'ferry';
export const appOrigin = `${appScheme}://${appHost}`;
/** The address the window opens. */
export const appEntry = `${appOrigin}/index.html`;

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

const headers = {
  'content-security-policy': appContentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** The file a request names inside `rendererDir`, or null when it names none there. */
export function rendererPath(rendererDir: string, url: string): { file: string; fallback: boolean } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (`${parsed.protocol}//${parsed.host}` !== appOrigin) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const relative = normalize(path).replace(/^[/\\]+/u, '');
  if (relative === '' || relative === '.') return { file: join(rendererDir, 'index.html'), fallback: false };
  const file = join(rendererDir, relative);
  // normalize() has resolved every "..": what is left must still be inside the folder.
  if (!file.startsWith(rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep)) return null;
  // A page path (no extension) that is not a file is the single-page app itself.
  return { file, fallback: extname(relative) === '' };
}

/** The `protocol.handle` handler for app://ferry/, serving `rendererDir`. */
export function serveRenderer(rendererDir: string): (request: Request) => Promise<Response> {
  const dir = normalize(rendererDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Only GET here.');
    const target = rendererPath(dir, request.url);
    if (target === null) return plain(404, 'Not found.');
    const file = (await isFile(target.file)) ? target.file : target.fallback ? join(dir, 'index.html') : null;
    if (file === null) return plain(404, 'Not found.');
    const bytes = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : bytes, {
      status: 200,
      headers: { ...headers, 'content-type': types[extname(file).toLowerCase()] ?? 'application/octet-stream', 'cache-control': 'no-cache' },
    });
  };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
}
