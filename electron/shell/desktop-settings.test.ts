// What the desktop app remembers of itself survives a restart, and a damaged file never stops it starting.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempFolders } from '../testing/temp-journal.js';
import { DesktopSettingsStore, defaultDesktopSettings, desktopSettingsFile, readDesktopSettings, writeDesktopSettings } from './desktop-settings.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

describe('desktop settings', () => {
  it('start as the defaults (close to the tray, no saved window) and read back what was written', () => {
    const dir = folders.make();
    expect(readDesktopSettings(dir)).toEqual(defaultDesktopSettings);
    const settings = { window: { bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: true }, closeToTray: false };
    writeDesktopSettings(dir, settings);
    expect(readDesktopSettings(dir)).toEqual(settings);
    expect(JSON.parse(readFileSync(join(dir, desktopSettingsFile), 'utf8'))).toEqual(settings);
  });

  it('a damaged or strange file gives the defaults for what cannot be read, and keeps what can', () => {
    const dir = folders.make();
    writeFileSync(join(dir, desktopSettingsFile), '{"closeToTray": fal');
    expect(readDesktopSettings(dir)).toEqual(defaultDesktopSettings);
    writeFileSync(join(dir, desktopSettingsFile), JSON.stringify({ closeToTray: false, window: { bounds: 'here' } }));
    expect(readDesktopSettings(dir)).toEqual({ closeToTray: false, window: null });
    writeFileSync(join(dir, desktopSettingsFile), '[]');
    expect(readDesktopSettings(dir)).toEqual(defaultDesktopSettings);
  });

  it('the store reads the file once and writes each change through, keeping the rest', () => {
    const dir = folders.make();
    writeDesktopSettings(dir, { window: null, closeToTray: false });
    const store = new DesktopSettingsStore(dir);
    store.update({ window: { bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: false } });
    expect(store.get()).toEqual({ window: { bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: false }, closeToTray: false });
    store.update({ closeToTray: true });
    expect(readDesktopSettings(dir)).toEqual(store.get());
    expect(store.get().window).not.toBeNull();
  });
});
