// Test support: `ferry serve` as a real child process, as a person (or systemd) runs it, with the
// URL it prints, the log lines it writes, and ways to stop it: SIGTERM (graceful) or SIGKILL (a
// crash). Every server started here is killed when the test process exits.

import { spawn, type ChildProcess } from 'node:child_process';
import { ferryInvocation } from '../cli/run-ferry.js';

export interface ServeProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it printed so far. */
  stdout(): string;
  stderr(): string;
  /** Stops it with `signal` and resolves with its exit code (null when killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startServe(args: readonly string[], home: string): Promise<ServeProcess> {
  const invocation = ferryInvocation(['serve', ...args], { home });
  const child = spawn(invocation.command, invocation.args, { cwd: invocation.cwd, env: invocation.env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ferry serve printed no URL in 15 s; stderr: ${err}`)), 15_000);
    const look = () => {
      const match = /http:\/\/[\d.]+:\d+/.exec(out);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`ferry serve exited (${code}) before listening; stderr: ${err}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    child,
    stdout: () => out,
    stderr: () => err,
    stop(signal = 'SIGTERM') {
      child.kill(signal);
      return exited;
    },
  };
}
