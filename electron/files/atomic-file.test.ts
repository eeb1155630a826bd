// A bundle written to a stick that is pulled out (here: the writing process killed at random
// moments, and the folder gone) leaves the old file whole or the new file whole, never a torn one
// (docs/stream-format.md, B6).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { distModule } from '../testing/dist.js';
import { seededRandom, tempFolders } from '../testing/temp-journal.js';
import { writeFileAtomic } from './atomic-file.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A child process that rewrites `file` with 64 MB of `fill` through writeFileAtomic, killed after `ms` (never, if null); resolves with how long it ran. */
function writeInChild(file: string, fill: number, ms: number | null): Promise<number> {
  const script = `
    const { writeFileAtomic } = await import(${JSON.stringify(distModule('electron/files/atomic-file.js'))});
    const chunk = Buffer.alloc(1024 * 1024, ${fill});
    writeFileAtomic(${JSON.stringify(file)}, Array.from({ length: 64 }, () => chunk));
  `;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    const timer = ms === null ? undefined : setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
  });
}

describe('writing a file atomically', () => {
  it('leaves the old file or the new one whole when the writer is killed at any moment', async () => {
    const dir = folders.make('ferry-stick-');
    const file = join(dir, 'laptop-12345678.ferry');
    const old = Buffer.alloc(64 * 1024 * 1024, 1);
    const fresh = Buffer.alloc(64 * 1024 * 1024, 2);
    const seed = Date.now() % 100_000;
    const random = seededRandom(`atomic:${seed}`);
    const seen = new Set<string>();
    writeFileSync(file, old);
    const whole = await writeInChild(file, 2, null);
    expect(sha(readFileSync(file))).toBe(sha(fresh));
    for (let trial = 0; trial < 8; trial++) {
      writeFileSync(file, old);
      // Kills spread from start-up to a little after a whole write would have finished.
      await writeInChild(file, 2, Math.round(((random(1)[0]! / 256) * 1.3 + 0.1) * whole));
      const now = readFileSync(file);
      const which = sha(now) === sha(old) ? 'old' : sha(now) === sha(fresh) ? 'new' : 'torn';
      expect(which, `seed ${seed}, trial ${trial}`).not.toBe('torn');
      seen.add(which);
      // What a killed writer leaves behind is a hidden temporary file that readers skip.
      for (const name of readdirSync(dir)) if (name !== 'laptop-12345678.ferry') expect(name).toMatch(/^\.laptop-12345678\.ferry\..*\.tmp$/);
    }
    console.log(`atomic-file: seed ${seed}, a whole write took ${whole} ms; the file was ${[...seen].join(' or ')} after a kill`);
  }, 120_000);

  it('says the folder is gone (a stick pulled out) and leaves nothing behind', () => {
    const dir = folders.make('ferry-stick-');
    const gone = join(dir, 'usb');
    expect(() => writeFileAtomic(join(gone, 'a.ferry'), [Buffer.from('x')])).toThrow(
      expect.objectContaining({ code: 'NotFound', message: expect.stringContaining('was the drive removed?') }),
    );
    expect(existsSync(gone)).toBe(false);
  });

  it('replaces the old file in one step, keeping no temporary file', () => {
    const dir = folders.make('ferry-stick-');
    const file = join(dir, 'b.ferry');
    writeFileSync(file, 'old');
    writeFileAtomic(file, [Buffer.from('new '), Buffer.from('content')]);
    expect(readFileSync(file, 'utf8')).toBe('new content');
    expect(readdirSync(dir)).toEqual(['b.ferry']);
    rmSync(file);
  });
});
