// The real programs the stories run: `ferry web` (the app's host, one per device), `ferry serve`
// (a sync server), one-shot `ferry` commands, and a slow network link, each in temporary folders,
// on free ports on 127.0.0.1, stopped when the test ends.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ferryBin = join(root, 'bin', 'ferry');
const slowLinkScript = join(root, 'e2e', 'support', 'slow-link.mjs');

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
export function startFerry(args: readonly string[], ready: RegExp, home: string): Promise<Running> {
  return startNode(ferryBin, args, ready, home, 'ignore');
}

/**
 * A link to `target` that holds every chunk for `latencyMs` each way (slow-link.mjs), in a process
 * of its own so that synchronous `ferry` commands do not stall it; its URL is `match[1]`. It also
 * stops when this process goes away, however abruptly: it ends when its standard input closes.
 */
export function startSlowLink(target: string, latencyMs: number): Promise<Running> {
  return startNode(slowLinkScript, [target, String(latencyMs)], /^(http:\/\/127\.0\.0\.1:\d+)$/mu, tmpdir(), 'pipe');
}

async function startNode(script: string, args: readonly string[], ready: RegExp, home: string, stdin: 'ignore' | 'pipe'): Promise<Running> {
  const child = spawn(process.execPath, [script, ...args], { cwd: home, env: { ...process.env, FERRY_HOME: join(home, 'default-journal'), NO_COLOR: '1' }, stdio: [stdin, 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  // Piped, so never null.
  const stdout = child.stdout!;
  const stderr = child.stderr!;
  stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const what = script === ferryBin ? `ferry ${args.join(' ')}` : `node ${script} ${args.join(' ')}`;
    const timer = setTimeout(() => reject(new Error(`${what} was not ready in 20 s; stderr: ${err}`)), 20_000);
    const look = () => {
      const found = ready.exec(out);
      if (found === null) return;
      clearTimeout(timer);
      resolve(found);
    };
    stdout.on('data', look);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${what} ended before it was ready; stderr: ${err}`));
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
