// Paths given by a person, in the app's fields or on the command line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempFolders } from '../testing/temp-journal.js';
import { exchangeFolderPath, typedPath } from './typed-path.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

describe('exchangeFolderPath', () => {
  it('keeps a full path, and a folder that is not there yet (a stick not plugged in)', () => {
    const home = folders.make('ferry-home-');
    mkdirSync(join(home, 'stick'));
    expect(exchangeFolderPath(`  ${join(home, 'stick')} `, { cwd: null, home })).toBe(join(home, 'stick'));
    expect(exchangeFolderPath(join(home, 'not-yet'), { cwd: null, home })).toBe(join(home, 'not-yet'));
  });

  it('takes ~ as the home folder', () => {
    const home = folders.make('ferry-home-');
    expect(exchangeFolderPath('~/ferry-exchange', { cwd: null, home })).toBe(join(home, 'ferry-exchange'));
    expect(exchangeFolderPath('~', { cwd: null, home })).toBe(home);
  });

  it('takes a relative path from the working folder where there is one, and refuses it where there is none', () => {
    const home = folders.make('ferry-home-');
    expect(exchangeFolderPath('usb/ferry', { cwd: home, home })).toBe(join(home, 'usb', 'ferry'));
    expect(() => exchangeFolderPath('usb/ferry', { cwd: null, home })).toThrow(/“usb\/ferry” is not a whole path: give the full path, for example \/media\/usb\/ferry/u);
  });

  it('refuses a file, and nothing at all', () => {
    const home = folders.make('ferry-home-');
    writeFileSync(join(home, 'notes.md'), 'text');
    expect(() => exchangeFolderPath(join(home, 'notes.md'), { cwd: null, home })).toThrow(`${join(home, 'notes.md')} is a file, not a folder`);
    expect(() => exchangeFolderPath('  ', { cwd: null, home })).toThrow(/Give a path/u);
  });
});

describe('typedPath', () => {
  it('keeps the trailing separator that says a folder is meant (a bundle named for the device goes in it)', () => {
    const home = folders.make('ferry-home-');
    expect(typedPath('~/stick/', { cwd: null, home }, '/media/usb/')).toBe(`${join(home, 'stick')}/`);
    expect(typedPath('~/stick/laptop.ferry', { cwd: null, home }, '/media/usb/')).toBe(join(home, 'stick', 'laptop.ferry'));
    expect(() => typedPath('laptop.ferry', { cwd: null, home }, '/media/usb/laptop.ferry')).toThrow(/for example \/media\/usb\/laptop\.ferry/u);
  });
});
