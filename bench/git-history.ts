// The same history in git, for the size comparison: one commit per workload operation, one file
// per note named by the workload's note name, a delete removes the file; fixed identities and the
// workload's times. Built with `git fast-import`, then packed.
//
// Packing: fast-import deltas each blob only against the blob written just before it, which here
// is another note's, so its pack is barely smaller than the text, and plain `git gc` keeps those
// deltas (it reuses existing ones). A repository made by ordinary commits, as the reference figure
// in ../shared/bench/README.md describes, has loose objects that `git gc` deltifies from scratch.
// So the comparison figure is `git repack -a -d -f` (what gc does to loose objects, with git's
// default window 10 and depth 50); the plain-gc size of the fast-import pack is recorded beside it.
// Delta search runs on one thread, so the figure is the same on every run.

import { spawnSync } from 'node:child_process';
import { devNull } from 'node:os';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatCount } from './format-units.js';
import type { Progress } from './progress.js';
import type { Operation } from './workload.js';

const identity = 'Ferry Bench <bench@ferry.invalid>';

/** The fast-import stream of the workload's history on refs/heads/main. */
export function fastImportStream(operations: readonly Operation[]): Buffer {
  const chunks: Buffer[] = [];
  const text = (s: string) => chunks.push(Buffer.from(s, 'utf8'));
  for (const op of operations) {
    const when = `${Math.floor(op.time / 1000)} +0000`;
    const message = `${op.op} ${op.note}\n`;
    text(`commit refs/heads/main\nauthor ${identity} ${when}\ncommitter ${identity} ${when}\ndata ${Buffer.byteLength(message)}\n${message}`);
    if (op.op === 'delete') text(`D ${op.note}\n`);
    else {
      const body = Buffer.from(op.body, 'utf8');
      text(`M 100644 inline ${op.note}\ndata ${body.length}\n`);
      chunks.push(body);
      text('\n');
    }
    text('\n');
  }
  return Buffer.concat(chunks);
}

export interface GitFigures {
  commits: number;
  streamBytes: number;
  importMs: number;
  /** .git/objects/pack straight after fast-import, and after plain `git gc`. */
  importPackBytes: number;
  gcMs: number;
  gcPackBytes: number;
  /** The comparison figure: after `git repack -a -d -f`. */
  repackMs: number;
  packBytes: number;
  aggressive: { ms: number; packBytes: number } | null;
}

export interface GitOptions {
  /** Also run `git gc --aggressive` (minutes) and record its pack. */
  aggressive: boolean;
}

export function measureGit(operations: readonly Operation[], repo: string, options: GitOptions, progress: Progress): GitFigures {
  // The user's and the system's git configuration (pack window, compression) must not move the figures.
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: devNull, LC_ALL: 'C' };
  const git = (args: string[], input?: Buffer): { ms: number; stdout: string } => {
    const begun = performance.now();
    // pack.threads=1: threaded delta search splits the objects differently from run to run, and
    // the pack's size then moves by about 1%; one thread gives the same bytes every time.
    const run = spawnSync('git', ['-C', repo, '-c', 'pack.threads=1', ...args], { env, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = performance.now() - begun;
    if (run.error !== undefined || run.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${repo}: ${run.error?.message ?? run.stderr.trim()}`);
    return { ms, stdout: run.stdout };
  };
  const packBytes = () => readdirSync(join(repo, '.git', 'objects', 'pack')).reduce((sum, name) => sum + statSync(join(repo, '.git', 'objects', 'pack', name)).size, 0);

  git(['init', '--quiet', '--initial-branch=main']);
  const stream = fastImportStream(operations);
  progress(`git: fast-import of ${formatCount(operations.length)} commits`);
  const imported = git(['fast-import', '--quiet'], stream);
  const commits = Number(git(['rev-list', '--count', 'main']).stdout.trim());
  if (commits !== operations.length) throw new Error(`git holds ${commits} commits after the import, not one per operation (${operations.length}).`);
  const importPackBytes = packBytes();
  progress('git: gc');
  const gc = git(['gc', '--quiet']);
  const gcPackBytes = packBytes();
  progress('git: repack -a -d -f');
  const repack = git(['repack', '-a', '-d', '-f', '--quiet']);
  const repacked = packBytes();
  let aggressiveFigures: GitFigures['aggressive'] = null;
  if (options.aggressive) {
    progress('git: gc --aggressive (slow)');
    const run = git(['gc', '--aggressive', '--quiet']);
    aggressiveFigures = { ms: run.ms, packBytes: packBytes() };
  }
  return {
    commits,
    streamBytes: stream.length,
    importMs: imported.ms,
    importPackBytes,
    gcMs: gc.ms,
    gcPackBytes,
    repackMs: repack.ms,
    packBytes: repacked,
    aggressive: aggressiveFigures,
  };
}
