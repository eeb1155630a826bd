// The desktop app and the `ferry` command (or two terminals) write the same journal at once: each
// write waits its turn, versions are numbered without gaps or clashes, and nothing is lost.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestJournal, tempFolders } from '../testing/temp-journal.js';
import { distModule } from '../testing/dist.js';
import { Journal } from './journal.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

/** The app keeps the journal open; the CLI opens it for each command. */
function writer(dir: string, label: 'app' | 'cli', count: number): Promise<number | null> {
  const script = `
    const { Journal } = await import(${JSON.stringify(distModule('electron/journal/journal.js'))});
    const dir = ${JSON.stringify(dir)};
    let journal = Journal.open(dir);
    for (let i = 0; i < ${count}; i++) {
      if (${JSON.stringify(label)} === 'cli') { journal.close(); journal = Journal.open(dir); }
      const note = journal.createNote({ title: '${label} ' + i, body: 'written by ${label}' });
      journal.editNote(note.id, { body: 'edited by ${label}' });
    }
    journal.close();
  `;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code));
  });
}

describe('two processes writing one journal', () => {
  it('take turns: every version is kept and numbered 1, 2, 3, … without a gap', async () => {
    const dir = folders.make();
    createTestJournal(dir).close();
    const codes = await Promise.all([writer(dir, 'app', 20), writer(dir, 'cli', 20)]);
    expect(codes).toEqual([0, 0]);
    const journal = Journal.open(dir);
    expect(journal.notes()).toHaveLength(40);
    const seqs = journal.log(1000).map((v) => v.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(journal.vector()).toEqual({ [journal.replicaId]: 80 });
    expect(journal.fsck()).toMatchObject({ ok: true });
    journal.close();
  });
});
