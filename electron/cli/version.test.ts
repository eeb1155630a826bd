import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempFolders } from '../testing/temp-journal.js';
import { runFerry } from './run-ferry.js';
import { ferryVersion } from './version.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('ferry --version', () => {
  it("prints the package's version, from the bundled CLI as from the sources", () => {
    expect(ferryVersion()).toBe(packageVersion);
    const home = folders.make();
    expect(runFerry(['--version'], { home })).toEqual({ status: 0, stdout: `${packageVersion}\n`, stderr: '' });
    expect(runFerry(['-V'], { home }).stdout).toBe(`${packageVersion}\n`);
    // After a command, --version is that command's own flag (show ID --version VID), not this.
    expect(runFerry(['show', 'abcd', '--version', 'ef01'], { home }).stdout).toBe('');
  });

  it('says "unknown" rather than failing when no package.json is found', () => {
    expect(ferryVersion('file:///nowhere/at/all/x.js')).toBe('unknown');
  });
});
