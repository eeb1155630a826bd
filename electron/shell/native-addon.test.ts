// better-sqlite3 in two builds side by side: Node's (node_modules, for the tests, the CLI and the
// server) and Electron's (build/native/electron, for the desktop app). The app refuses a build
// made for another Electron with a sentence saying what to run; building one never touches Node's.

import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../testing/dist.js';
import { addonProblem, electronAddonDir, type BuiltFor } from './native-addon.js';

const running: BuiltFor = { electron: '45.6.1', modules: '150', platform: 'linux', arch: 'x64' };

describe('which addon the desktop app loads', () => {
  it('its own Electron build: from the checkout’s build/native/electron, or the installed app’s resources', () => {
    expect(electronAddonDir({ packaged: false, resourcesPath: '/x', appRoot: '/src/ferry' })).toBe('/src/ferry/build/native/electron');
    expect(electronAddonDir({ packaged: true, resourcesPath: '/opt/Ferry Notes/resources', appRoot: '/ignored' })).toBe('/opt/Ferry Notes/resources/native');
  });

  it.each([
    ['none built yet', null, 'has not been built for Electron 45.6.1 yet'],
    ['another Electron', { ...running, electron: '44.0.0', modules: '140' }, 'built for Electron 44.0.0 (ABI 140), and this is Electron 45.6.1 (ABI 150)'],
    ['another platform', { ...running, platform: 'darwin', arch: 'arm64' }, 'built for darwin-arm64, and this is linux-x64'],
  ] as const)('refuses %s, saying what to run', (_case, builtFor, says) => {
    const problem = addonProblem(builtFor, running);
    expect(problem).toContain(says);
    expect(problem).toContain('npm run native:electron');
  });

  it('accepts a build for this Electron', () => {
    expect(addonProblem({ ...running }, running)).toBeNull();
  });
});

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('npm run native:electron', () => {
  it('without Electron’s headers, says so and how to build offline, and leaves Node’s build as it was', { timeout: 60_000 }, async () => {
    const nodeBuild = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    const before = sha256(nodeBuild);
    // A headers server that has none (as for a machine that reaches only the npm registry).
    const server = http.createServer((_request, response) => response.writeHead(404).end('no headers here'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'native-electron.mjs')], {
          env: { ...process.env, FERRY_ELECTRON_HEADERS_URL: `http://127.0.0.1:${port}`, FERRY_ELECTRON_HEADERS: '' },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        child.on('close', (code) => resolve({ code, stderr }));
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Electron's headers could not be downloaded from http://127.0.0.1:${port}`);
      expect(result.stderr).toContain('FERRY_ELECTRON_HEADERS');
      expect(result.stderr).toContain("Node's own build in node_modules is untouched");
    } finally {
      server.close();
    }
    expect(sha256(nodeBuild)).toBe(before);
    // No half-made Electron build is left for the app to load.
    const made = join(repoRoot, 'build', 'native', 'electron', 'built-for.json');
    if (existsSync(made)) expect(JSON.parse(readFileSync(made, 'utf8'))).toHaveProperty('modules');
  });
});
