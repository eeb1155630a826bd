// Writes the results as JSON: to the file asked for, else bench-results/latest.json in the
// repository (git-ignored), plus a copy named for its time and commit there, so runs before and
// after a change can be set side by side.

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BenchResults } from './results.js';

/** Writes the results; returns the paths written, the main file first. */
export function writeResults(results: BenchResults, out: string | null, resultsDir: string): string[] {
  const text = JSON.stringify(results, null, 2) + '\n';
  if (out !== null) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
    return [out];
  }
  mkdirSync(resultsDir, { recursive: true });
  const latest = join(resultsDir, 'latest.json');
  writeFileSync(latest, text);
  const stamp = results.startedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const commit = results.repo.commit === null ? 'nocommit' : results.repo.commit.slice(0, 10) + (results.repo.dirty === true ? '-dirty' : '');
  const copy = join(resultsDir, `${stamp}-${commit}.json`);
  copyFileSync(latest, copy);
  return [latest, copy];
}
