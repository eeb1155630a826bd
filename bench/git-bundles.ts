// git doing the same sneakernet work on the same history, for comparison with Ferry's bundles:
// `git bundle create --all` (reusing the packed repository), `git clone` from that bundle, and an
// incremental bundle of the increment phase's commits (`main~N..main`). Run on the repository
// git-history.ts built and packed; its building is not timed here.

import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { repeated, type Repeated } from './stats.js';

export interface GitBundleFigures {
  fullBytes: number;
  fullCreateMs: Repeated;
  cloneMs: Repeated;
  incrementCommits: number;
  incrementBytes: number;
  incrementCreateMs: Repeated;
}

export function measureGitBundles(repo: string, scratch: string, incrementCommits: number, reps: { create: number; clone: number }): GitBundleFigures {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: devNull, LC_ALL: 'C' };
  const git = (args: string[], cwd = repo): number => {
    const begun = performance.now();
    const run = spawnSync('git', args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = performance.now() - begun;
    if (run.error !== undefined || run.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${run.error?.message ?? run.stderr.trim()}`);
    return ms;
  };
  const full = join(scratch, 'git-full.bundle');
  const fullTimes: number[] = [];
  for (let i = 0; i < reps.create; i++) fullTimes.push(git(['bundle', 'create', '--quiet', full, '--all']));
  const cloneTimes: number[] = [];
  for (let i = 0; i < reps.clone; i++) {
    const target = join(scratch, `git-clone-${i}`);
    cloneTimes.push(git(['clone', '--quiet', full, target], scratch));
    rmSync(target, { recursive: true, force: true });
  }
  const increment = join(scratch, 'git-increment.bundle');
  const incrementTimes: number[] = [];
  for (let i = 0; i < reps.create; i++) incrementTimes.push(git(['bundle', 'create', '--quiet', increment, `main~${incrementCommits}..main`]));
  return {
    fullBytes: statSync(full).size,
    fullCreateMs: repeated(fullTimes),
    cloneMs: repeated(cloneTimes),
    incrementCommits,
    incrementBytes: statSync(increment).size,
    incrementCreateMs: repeated(incrementTimes),
  };
}
