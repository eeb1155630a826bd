// A laptop loses power (kill -9) while it imports a large bundle: whenever it happens, the journal
// is afterwards either exactly as before the import or holds all of it, and fsck is clean. The
// import runs in a real `ferry` process, killed at moments spread over the time a whole import
// takes; the moments come from a printed seed.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal } from '../journal/journal.js';
import { ferryInvocation } from '../cli/run-ferry.js';
import { laptops } from '../testing/replicas.js';
import { seededRandom, tempFolders, testClock } from '../testing/temp-journal.js';
import { createBundle } from './create-bundle.js';

const folders = tempFolders();
const clock = testClock();
const machines = laptops(folders, clock);
let template: string;
let bundle: string;
let before: string;
let after: string;

beforeAll(async () => {
  const home = machines.first('home desktop');
  home.createNote({ title: 'Already here' });
  const work = await machines.cloneOf(home, 'work laptop');
  for (let i = 0; i < 700; i++) {
    const note = work.createNote({ title: `Field note ${i}`, body: `Observation ${i}\n`.repeat(20) });
    work.editNote(note.id, { body: `${note.body}Follow-up ${i}\n` });
    work.editNote(note.id, { addTags: ['field'] });
  }
  bundle = machines.stickFile('large.ferry');
  await createBundle(work, bundle, { for: 'home desktop' }, clock.now);
  before = JSON.stringify(home.vector());
  after = JSON.stringify({ ...home.vector(), ...work.vector() });
  template = home.path;
  machines.closeAll();
}, 120_000);
afterAll(() => folders.cleanup());

/** A fresh copy of the receiving journal as it was before the import. */
function freshHome(): string {
  const dir = join(folders.make('ferry-kill-'), 'journal');
  mkdirSync(dir);
  copyFileSync(Journal.fileIn(template), Journal.fileIn(dir));
  return dir;
}

/** Runs `ferry bundle import` on `dir`, killed with SIGKILL after `killAfterMs` (never, if null); resolves with how long it ran. */
function importInChild(dir: string, killAfterMs: number | null): Promise<{ ms: number; killed: boolean }> {
  const { command, args, env, cwd } = ferryInvocation(['--journal', dir, 'bundle', 'import', bundle], { home: dirname(dir) });
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(command, args, { env, cwd, stdio: 'ignore' });
    const timer = killAfterMs === null ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === null && code !== 0) reject(new Error(`ferry bundle import exited with ${code}`));
      else resolve({ ms: Date.now() - started, killed: signal === 'SIGKILL' });
    });
  });
}

describe('an import killed at any moment', () => {
  it('leaves the journal untouched or fully imported, and sound', async () => {
    const whole = await importInChild(freshHome(), null);
    const seed = Date.now() % 100_000;
    console.log(`import.kill: seed ${seed}, a whole import took ${whole.ms} ms`);
    const random = seededRandom(`kill:${seed}`);
    const outcomes = { untouched: 0, imported: 0 };
    for (let trial = 0; trial < 14; trial++) {
      const fraction = Buffer.from(random(4)).readUInt32BE(0) / 2 ** 32;
      const dir = freshHome();
      // Start-up takes the first part of the time: most kills land in the reading and the storing.
      await importInChild(dir, Math.round((0.3 + 1.3 * fraction) * whole.ms));
      const journal = Journal.open(dir);
      try {
        const vector = JSON.stringify(journal.vector());
        expect([before, after], `seed ${seed}, trial ${trial}`).toContain(vector);
        expect(journal.fsck().problems, `seed ${seed}, trial ${trial}`).toEqual([]);
        if (vector === before) {
          outcomes.untouched++;
          expect(journal.runs()).toEqual([]);
        } else {
          outcomes.imported++;
          expect(journal.notes()).toHaveLength(701);
          expect(journal.runs()).toHaveLength(1);
        }
      } finally {
        journal.close();
      }
    }
    console.log(`import.kill: ${outcomes.untouched} untouched, ${outcomes.imported} fully imported`);
  }, 180_000);
});
