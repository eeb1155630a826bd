// Writing in one's own editor, as `git commit` does: `ferry edit ID` and `ferry new` without text
// open $VISUAL or $EDITOR (or vi at a terminal) on a temporary file and take what was saved.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FerryError } from '../../shared/errors.js';
import { decodeUtf8 } from './body-input.js';

/** Opens the text in an editor and returns what was saved; throws if the editor failed. */
export type EditText = (initial: string, fileLabel: string) => string;

/** The editor a person chose ($VISUAL, then $EDITOR), or vi when they are at a terminal; else none. */
export function chooseEditor(env: NodeJS.ProcessEnv, atTerminal: boolean): string | null {
  for (const name of [env.VISUAL, env.EDITOR]) if (name !== undefined && name.trim() !== '') return name.trim();
  return atTerminal ? 'vi' : null;
}

export function editorRunner(editor: string): EditText {
  return (initial, fileLabel) => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-edit-'));
    const file = join(dir, `${fileLabel.replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 40) || 'note'}.md`);
    try {
      writeFileSync(file, initial, { mode: 0o600 });
      // The editor may carry arguments ("code --wait"): let the shell split it, and pass the file apart.
      const run =
        process.platform === 'win32'
          ? spawnSync(`${editor} "${file}"`, { stdio: 'inherit', shell: true })
          : spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'ferry-editor', file], { stdio: 'inherit' });
      if (run.error !== undefined || run.status !== 0) {
        const why = run.error?.message ?? (run.signal === null ? `it exited with status ${String(run.status)}` : `it was stopped by ${run.signal}`);
        throw new FerryError('BadInput', `The editor (${editor}) did not finish: ${why}. Nothing was saved.`);
      }
      return decodeUtf8(readFileSync(file), 'the editor');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** A new note's title from what was written: its first line that holds text, without Markdown's '#'. */
export function titleFromText(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const title = line.replace(/^\s*#+\s*/, '').trim();
  const chars = [...title];
  return chars.length > 200 ? `${chars.slice(0, 199).join('')}…` : title;
}

/** Saves text that could not be saved in the journal to a file of its own; returns its path. */
export function keepUnsaved(text: string, noteId: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ferry-unsaved-')), `${noteId.slice(0, 8)}.md`);
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}
