// electron-builder's configuration (electron-builder.yml) is valid by electron-builder's own
// schema, and everything it names is there: icons of the sizes each platform needs, the tray
// icons, the macOS entitlements, the deb scripts, the CLI shipped beside the app; the `.ferry`
// association matches the bundles the app makes; and it never rebuilds node_modules for Electron.

import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../testing/dist.js';
import { productName } from '../journal/location.js';
import { appId } from './app-id.js';
import { bundleExtension } from './bundle-arguments.js';
import { pngSize } from './png-size.js';
import { trayIconFiles, trayIconNames } from './tray-icons.js';

interface BuilderConfig {
  appId: string;
  productName: string;
  electronVersion: string;
  npmRebuild: boolean;
  files: string[];
  directories: { buildResources: string; output: string };
  extraResources: { from: string; to: string; filter: string[] }[];
  fileAssociations: { ext: string; icon: string; mimeType: string }[];
  linux: { target: string[]; icon: string; mimeTypes: string[]; executableName: string };
  deb: { afterInstall: string; afterRemove: string };
  mac: { target: string; icon: string; entitlements: string; entitlementsInherit: string };
  win: { target: string; icon: string };
}

const require = createRequire(import.meta.url);
const config = yaml.load(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
const at = (path: string) => join(repoRoot, path);

describe('electron-builder.yml', () => {
  it('is valid by electron-builder’s own schema (and the check does catch a mistake)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration: (c: unknown, l: unknown) => Promise<void> };
    const { DebugLogger } = require('builder-util/out/DebugLogger.js') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...structuredClone(config), linux: { ...config.linux, targte: 'deb' } }, new DebugLogger(false))).rejects.toThrow(/configuration\.linux/u);
  });

  it('builds AppImage and deb for Linux, a dmg for macOS and NSIS for Windows, as Ferry Notes', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
    expect(config.productName).toBe(productName);
    expect(config.appId).toBe(appId);
  });

  it('packages the Electron the project installs, and the main process package.json names', () => {
    const electron = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string };
    expect(config.electronVersion).toBe(electron.version);
    expect(manifest.main).toBe('dist/desktop/main.mjs');
    expect(config.files).toContain('dist/desktop/**');
    expect(config.files).toContain('dist/renderer/**');
  });

  it('never rebuilds node_modules for Electron: the app ships its own build of the database module', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.extraResources).toContainEqual({ from: 'build/native/electron', to: 'native', filter: ['better_sqlite3.node', 'built-for.json'] });
    // `npm run dist` makes what the packaging takes from dist/ and build/native/ first.
    expect(manifest.scripts.dist).toMatch(/npm run build && npm run native:electron && electron-builder/u);
  });

  it('names only files that are there (those made by `npm run dist` aside), scripts executable', () => {
    const made = new Set(['build/native/electron', 'dist']);
    for (const resource of config.extraResources) {
      if (made.has(resource.from)) continue;
      expect(existsSync(at(resource.from)), resource.from).toBe(true);
      for (const name of resource.filter.filter((f) => !f.includes('*'))) expect(existsSync(at(join(resource.from, name))), `${resource.from}/${name}`).toBe(true);
    }
    for (const file of [config.mac.entitlements, config.mac.entitlementsInherit, config.deb.afterInstall, config.deb.afterRemove, 'build/cli/ferry', 'build/cli/ferry.cmd', 'build/cli/run-ferry.mjs']) {
      expect(existsSync(at(file)), file).toBe(true);
    }
    for (const script of [config.deb.afterInstall, config.deb.afterRemove, 'build/cli/ferry']) {
      expect(() => accessSync(at(script), constants.X_OK), `${script} is executable`).not.toThrow();
    }
    expect(readFileSync(at(config.mac.entitlements), 'utf8')).toContain('com.apple.security.cs.allow-jit');
  });

  it('has the icons each platform needs, of the sizes it needs', () => {
    // macOS and Windows: one large square PNG electron-builder turns into .icns and .ico.
    for (const icon of [config.mac.icon, config.win.icon]) {
      const size = pngSize(readFileSync(at(icon)));
      expect(size.width, icon).toBeGreaterThanOrEqual(512);
      expect(size.height, icon).toBe(size.width);
    }
    // Linux: a folder of NxN.png, the sizes desktop environments look for.
    for (const n of [16, 32, 48, 64, 128, 256, 512]) {
      const file = join(config.linux.icon, `${n}x${n}.png`);
      expect(pngSize(readFileSync(at(file))), file).toEqual({ width: n, height: n });
    }
    // The tray's icons, for every state and platform, shipped as resources/tray.
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      for (const name of trayIconNames) {
        const files = trayIconFiles(name, platform);
        expect(pngSize(readFileSync(at(join('build/tray', files.normal)))), files.normal).toEqual({ width: 16, height: 16 });
        expect(pngSize(readFileSync(at(join('build/tray', files.retina)))), files.retina).toEqual({ width: 32, height: 32 });
      }
    }
  });

  it('opens .ferry bundles with the app, the extension the app writes', () => {
    expect(config.fileAssociations).toHaveLength(1);
    expect(`.${config.fileAssociations[0]!.ext}`).toBe(bundleExtension);
    expect(config.linux.mimeTypes).toContain(config.fileAssociations[0]!.mimeType);
  });

  it('ships the CLI: the launcher runs the bundled CLI with the app’s Electron as Node and its database module', () => {
    const launcher = readFileSync(at('build/cli/ferry'), 'utf8');
    expect(launcher).toContain('ELECTRON_RUN_AS_NODE=1');
    expect(launcher).toContain('FERRY_SQLITE_ADDON="$resources/native/better_sqlite3.node"');
    expect(launcher).toContain(`"$contents/${config.linux.executableName}"`);
    expect(readFileSync(at(config.deb.afterInstall), 'utf8')).toContain("/opt/Ferry Notes/resources/cli/ferry");
    expect(statSync(at('build/cli/run-ferry.mjs')).size).toBeGreaterThan(0);
  });
});

describe('the desktop bundles', () => {
  it('the preload is one CommonJS file that requires nothing but electron (a sandboxed preload can load nothing else)', () => {
    const preload = readFileSync(at('dist/desktop/preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/gu)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld');
    // It asks the main process for the call names instead of bundling the contract's schemas.
    expect(preload.length).toBeLessThan(10_000);
  });

  it('the main process is one ES module importing only electron and Node’s own modules', () => {
    const main = readFileSync(at('dist/desktop/main.mjs'), 'utf8');
    const imported = [...main.matchAll(/^import\s[^'"]*["']([^"']+)["']/gmu)].map((m) => m[1]!);
    for (const name of imported) expect(name === 'electron' || name.startsWith('node:'), name).toBe(true);
  });
});
