// What the figures were measured on and of: the machine, Node, SQLite and git versions, and the
// repository's commit (with whether the working tree had changes), for the results file.

import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { arch, availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import Database from 'better-sqlite3';

export interface MachineInfo {
  cores: number;
  cpu: string;
  memoryGB: number;
  os: string;
  node: string;
  sqlite: string;
  git: string;
}

/** The 1-minute load average now: other work on the machine makes the timings noisy. */
export function loadAverage(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}

export interface RepoInfo {
  commit: string | null;
  /** Tracked files changed since the commit (null when git could not say). */
  dirty: boolean | null;
}

function gitOutput(cwd: string, args: readonly string[]): string | null {
  // --no-optional-locks: a read must not refresh (write) the index under other people's feet.
  const run = spawnSync('git', ['--no-optional-locks', ...args], { cwd, encoding: 'utf8' });
  return run.error === undefined && run.status === 0 ? run.stdout.trim() : null;
}

export function machineInfo(): MachineInfo {
  const db = new Database(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round(totalmem() / 1024 ** 3),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    sqlite,
    git: gitOutput('.', ['--version'])?.replace(/^git version /, '') ?? 'unknown',
  };
}

export function repoInfo(repoRoot: string): RepoInfo {
  const commit = gitOutput(repoRoot, ['rev-parse', 'HEAD']);
  const status = gitOutput(repoRoot, ['status', '--porcelain', '--untracked-files=no']);
  return { commit, dirty: status === null ? null : status !== '' };
}

/**
 * The file system holding `path`, as "ext4 on /dev/vda" (Linux, from /proc/mounts; "unknown"
 * elsewhere). A journal on tmpfs never waits for the disk, and its commit figures mean little.
 */
export function filesystemOf(path: string): string {
  try {
    const real = realpathSync(path);
    let best: { at: string; text: string } | null = null;
    for (const line of readFileSync('/proc/mounts', 'utf8').split('\n')) {
      const [device, mountPoint, type] = line.split(' ');
      if (device === undefined || mountPoint === undefined || type === undefined) continue;
      const at = mountPoint.replace(/\\040/g, ' ');
      const inside = at === '/' || real === at || real.startsWith(at + '/');
      if (inside && (best === null || at.length >= best.at.length)) best = { at, text: `${type} on ${device}` };
    }
    return best?.text ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
