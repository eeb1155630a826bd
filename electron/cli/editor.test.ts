// Writing in one's own editor: `ferry new` and `ferry edit ID` without text open $EDITOR on a
// temporary file, as `git commit` does. A scripted editor stands in for a person here.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NoteJson, VersionJson } from '../../shared/model.js';
import { tempFolders } from '../testing/temp-journal.js';
import { chooseEditor, titleFromText } from './editor.js';
import { runFerry } from './run-ferry.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

/**
 * An "editor" that does what FAKE_EDIT says to the file it is given: `write:TEXT` replaces it,
 * `append:TEXT` adds to it, `fail` exits 1 without saving, `keep` saves it unchanged. With
 * FAKE_MEANWHILE set, it first runs that ferry command, as if another window saved meanwhile.
 */
const fakeEditor = `
import { appendFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
const file = process.argv[2];
if (process.env.FAKE_MEANWHILE) spawnSync(process.execPath, [process.env.FERRY_BIN, ...JSON.parse(process.env.FAKE_MEANWHILE)], { stdio: 'ignore' });
const [what, ...rest] = process.env.FAKE_EDIT.split(':');
const text = rest.join(':');
if (what === 'fail') process.exit(1);
if (what === 'write') writeFileSync(file, text);
if (what === 'append') appendFileSync(file, text);
`;

function person() {
  const home = folders.make('ferry-editor-');
  const script = join(home, 'fake-editor.mjs');
  writeFileSync(script, fakeEditor);
  const bin = join(import.meta.dirname, '../../bin/ferry');
  const ferry = (args: string[], edit?: string, meanwhile?: string[]) =>
    runFerry(args, {
      home,
      ferryHome: join(home, 'journal'),
      env: {
        ...(edit === undefined ? {} : { EDITOR: `${process.execPath} ${script}`, FAKE_EDIT: edit }),
        FERRY_BIN: bin,
        ...(meanwhile === undefined ? {} : { FAKE_MEANWHILE: JSON.stringify(meanwhile) }),
      },
    });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the JSON shape it expects
  const json = <T>(args: string[]): T => JSON.parse(ferry(['--json', ...args]).stdout) as T;
  expect(ferry(['init']).status).toBe(0);
  return { ferry, json };
}

describe('writing in the editor', { timeout: 60_000 }, () => {
  it('makes a new note from what was written, named by its first line', () => {
    const { ferry, json } = person();
    const made = ferry(['new', '--tag', 'travel'], 'write:# Trip to Lyon\n\nPack light.\n');
    expect(made.status).toBe(0);
    const note = json<NoteJson>(['show', made.stdout.trim()]);
    expect(note).toMatchObject({ title: 'Trip to Lyon', body: '# Trip to Lyon\n\nPack light.\n', tags: ['travel'] });
    const empty = ferry(['new'], 'write:  \n');
    expect({ status: empty.status, stderr: empty.stderr }).toEqual({ status: 1, stderr: 'ferry: Nothing was written in the editor, so no note was made.\n' });
    expect(json<NoteJson[]>(['list'])).toHaveLength(1);
  });

  it('edits a note in the editor, and writes nothing when nothing changed or the editor failed', () => {
    const { ferry, json } = person();
    const id = ferry(['new', '--title', 'Plans', '--body', 'Monday: rest.\n']).stdout.trim();
    expect(ferry(['edit', id], 'append:Tuesday: hike.\n')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^Saved “Plans”/) });
    expect(json<NoteJson>(['show', id]).body).toBe('Monday: rest.\nTuesday: hike.\n');
    expect(ferry(['edit', id], 'keep')).toMatchObject({ status: 0, stdout: 'Nothing changed: you saved the note as it was.\n' });
    const failed = ferry(['edit', id], 'fail');
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/^ferry: The editor \(.*\) did not finish: it exited with status 1\. Nothing was saved\.\n$/);
    expect(json<VersionJson[]>(['history', id])).toHaveLength(2);
  });

  it('does not save over a change made while the person was writing, and keeps their text', () => {
    const { ferry, json } = person();
    const id = ferry(['new', '--title', 'Shared', '--body', 'first\n']).stdout.trim();
    const result = ferry(['edit', id], 'append:mine\n', ['edit', id, '--body', 'theirs\n']);
    expect(result.status).toBe(1);
    const kept = /kept in (\S+\.md)/.exec(result.stderr)?.[1];
    expect(result.stderr).toMatch(/“Shared” changed while you were writing, so your text was not saved over it/);
    expect(kept).toBeDefined();
    expect(json<NoteJson>(['show', id]).body).toBe('theirs\n');
    expect(readFileSync(kept!, 'utf8')).toBe('first\nmine\n');
  });

  it('asks for flags when there is no editor to open', () => {
    const { ferry } = person();
    const id = ferry(['new', '--title', 'x']).stdout.trim();
    expect(ferry(['edit', id]).stderr).toContain('or set $EDITOR to write in your editor');
  });
});

describe('choosing the editor and the title', () => {
  it('prefers $VISUAL, then $EDITOR, then vi at a terminal', () => {
    expect(chooseEditor({ VISUAL: 'code --wait', EDITOR: 'nano' }, false)).toBe('code --wait');
    expect(chooseEditor({ EDITOR: 'nano' }, false)).toBe('nano');
    expect(chooseEditor({ EDITOR: ' ' }, true)).toBe('vi');
    expect(chooseEditor({}, false)).toBeNull();
  });

  it('names a note by its first line with text, without the heading marks', () => {
    expect(titleFromText('\n\n## Groceries ##\n- milk')).toBe('Groceries ##');
    expect(titleFromText('Plain first line\r\nmore')).toBe('Plain first line');
    expect(titleFromText('')).toBe('');
    expect([...titleFromText('x'.repeat(300))]).toHaveLength(200);
  });
});
