// The `ferry` bundle (scripts/bundle-cli.mjs) as a build leaves it: one entry and the chunks it
// loads, nothing from an earlier build. Its chunks carry content hashes, so without clearing the
// folder every build that changed code added a set, and `npm run dist` packed them all.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempFolders } from '../testing/temp-journal.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const folders = tempFolders();
afterEach(() => folders.cleanup());

/** The files `file` imports (statically or not) by a relative path, as absolute paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:from\s*|import\s*\(\s*)"(\.\.?\/[^"]+)"/gu)].map((m) => join(dirname(file), m[1]!));
  return [...new Set(found)];
}

describe('the ferry bundle', () => {
  it('holds only the chunks its entry loads, however many builds came before', () => {
    const out = folders.make('ferry-bundle-');
    // A chunk left by an earlier build, which nothing imports any more.
    mkdirSync(join(out, 'ferry-chunks'));
    writeFileSync(join(out, 'ferry-chunks', 'chunk-STALE0000.mjs'), 'export const old = 1;\n');

    execFileSync(process.execPath, [join(root, 'scripts', 'bundle-cli.mjs'), '--outdir', out], { cwd: root, stdio: 'pipe' });

    const entry = join(out, 'ferry.mjs');
    expect(existsSync(entry)).toBe(true);
    const reached = new Set<string>();
    const walk = (file: string) => {
      for (const next of importsOf(file)) {
        if (reached.has(next)) continue;
        expect(existsSync(next), `${file} imports ${next}`).toBe(true);
        reached.add(next);
        walk(next);
      }
    };
    walk(entry);
    const chunks = readdirSync(join(out, 'ferry-chunks'))
      .filter((name) => name.endsWith('.mjs'))
      .map((name) => join(out, 'ferry-chunks', name));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.filter((chunk) => !reached.has(chunk))).toEqual([]);
  });
});
