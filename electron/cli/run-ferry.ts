// Test support: runs the real `ferry` command (bin/ferry → the bundled dist/ferry.mjs)
// in a child process, the way a person's shell would, and returns what it printed. The
// environment is sealed: FERRY_HOME and the app-data folder point into a temporary home, so a
// test never touches a real journal. dist/ must be built first (`npm run build`; Vitest's global setup
// does it).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository: the nearest folder above this file holding bin/ferry (from the sources or from dist/). */
function repository(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'bin', 'ferry'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bin/ferry is not in any folder above run-ferry: run from a checkout of the repository.');
    dir = parent;
  }
  return dir;
}

const root = repository();
const bin = join(root, 'bin', 'ferry');
const entry = join(root, 'dist', 'ferry.mjs');

export interface FerryResult {
  /** The exit status (null only if the process was killed by a signal). */
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface FerryOptions {
  /** FERRY_HOME for the process; left unset when undefined. */
  ferryHome?: string;
  /** A temporary home folder: HOME, XDG_CONFIG_HOME and APPDATA are set inside it. */
  home: string;
  /** Standard input, as bytes (or UTF-8 text); empty when not given. */
  input?: Buffer | string;
  /** More variables (undefined removes one). */
  env?: Record<string, string | undefined>;
  /** Run as this user (only root may ask): for what an unprivileged person meets. */
  user?: { uid: number; gid: number };
}

/** `nobody`, when these tests run as root and may start ferry as that user; else null. */
export function unprivilegedUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const nobody = { uid: 65534, gid: 65534 };
  const probe = spawnSync(process.execPath, [bin, '--version'], { ...nobody, env: { PATH: process.env.PATH }, encoding: 'utf8' });
  return probe.status === 0 ? nobody : null;
}

/** How to start `ferry` with `args` in a sealed environment (for tests that need the child process itself). */
export function ferryInvocation(args: readonly string[], options: FerryOptions): { command: string; args: string[]; env: NodeJS.ProcessEnv; cwd: string } {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build the CLI with \`npm run build\` before running these tests.`);
  const env: NodeJS.ProcessEnv = {};
  // Only what a node process needs from the outside; nothing that could point at a real journal.
  for (const name of ['PATH', 'SYSTEMROOT', 'TMPDIR', 'TEMP', 'TMP', 'LANG']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, {
    HOME: options.home,
    USERPROFILE: options.home,
    XDG_CONFIG_HOME: `${options.home}/.config`,
    APPDATA: `${options.home}/AppData/Roaming`,
    NO_COLOR: '1',
  });
  if (options.ferryHome !== undefined) env.FERRY_HOME = options.ferryHome;
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) Reflect.deleteProperty(env, name);
    else env[name] = value;
  }
  return { command: process.execPath, args: [bin, ...args], env, cwd: options.home };
}

export function runFerry(args: readonly string[], options: FerryOptions): FerryResult {
  const invocation = ferryInvocation(args, options);
  const result = spawnSync(invocation.command, invocation.args, {
    cwd: invocation.cwd,
    env: invocation.env,
    input: options.input ?? Buffer.alloc(0),
    ...(options.user === undefined ? {} : { uid: options.user.uid, gid: options.user.gid }),
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
