// The real programs the stories run: `ferry web` (the app's host, one per device), `ferry serve`
// (a sync server) and one-shot `ferry` commands, each in temporary folders, on free ports on
// 127.0.0.1, stopped when the test ends.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ferryBin = join(root, 'bin', 'ferry');

export interface Running {
  /** What it printed that said it was ready (the first match of the pattern). */
  match: RegExpExecArray;
  stdout(): string;
  stderr(): string;
  /** Sends the signal and waits until the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/** Starts `ferry ARGS` and waits until its output matches `ready`. */
export async function startFerry(args: readonly string[], ready: RegExp, home: string): Promise<Running> {
  const child = spawn(process.execPath, [ferryBin, ...args], { cwd: home, env: { ...process.env, FERRY_HOME: join(home, 'default-journal'), NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ferry ${args.join(' ')} was not ready in 20 s; stderr: ${err}`)), 20_000);
    const look = () => {
      const found = ready.exec(out);
      if (found === null) return;
      clearTimeout(timer);
      resolve(found);
    };
    child.stdout.on('data', look);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`ferry ${args.join(' ')} ended before it was ready; stderr: ${err}`));
    });
  });
  return {
    match,
    stdout: () => out,
    stderr: () => err,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
      running.delete(child);
    },
  };
}

/** Runs one `ferry` command to its end; throws with its stderr when it fails. */
export function ferry(args: readonly string[], home: string): string {
  const result = spawnSync(process.execPath, [ferryBin, ...args], { cwd: home, env: { ...process.env, FERRY_HOME: join(home, 'default-journal'), NO_COLOR: '1' }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ferry ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

export function tempFolder(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
