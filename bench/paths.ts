// Where the bench finds what it drives: the repository it was compiled in (dist/bench/ is two
// levels down), the shared folder beside the repository with the workload generator, the `ferry`
// launcher, and git. Each check fails with a sentence saying what to do, before minutes of work.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchPaths {
  repoRoot: string;
  /** ../shared: the design, and bench/gen-workload.mjs. */
  sharedDir: string;
  generator: string;
  /** bin/ferry, which loads the compiled CLI from dist/. */
  ferryBin: string;
  /** The default folder for results files (git-ignored). */
  resultsDir: string;
}

export function benchPaths(): BenchPaths {
  const repoRoot = resolve(fileURLToPath(new URL('../../', import.meta.url)));
  const sharedDir = resolve(repoRoot, '..', 'shared');
  return {
    repoRoot,
    sharedDir,
    generator: join(sharedDir, 'bench', 'gen-workload.mjs'),
    ferryBin: join(repoRoot, 'bin', 'ferry'),
    resultsDir: join(repoRoot, 'bench-results'),
  };
}

export function checkPrerequisites(paths: BenchPaths): void {
  if (!existsSync(paths.generator)) {
    throw new Error(
      `The workload generator ${paths.generator} is missing: the bench needs the shared folder (../shared, with bench/gen-workload.mjs) beside the repository at ${paths.repoRoot}. Put it there and run the bench again.`,
    );
  }
  if (!existsSync(join(paths.repoRoot, 'dist', 'ferry.mjs'))) {
    throw new Error('The CLI is not built (dist/ferry.mjs is missing): run the bench with `npm run bench`, which compiles first.');
  }
  const git = spawnSync('git', ['--version'], { encoding: 'utf8' });
  if (git.error !== undefined || git.status !== 0) {
    throw new Error('git was not found on the PATH: the bench compares the journal with a git repository of the same history. Install git and run the bench again.');
  }
}
