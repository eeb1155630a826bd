// A throwaway PostgreSQL server, for the tests of the PostgreSQL storage and for the bench: either
// the server named by FERRY_TEST_PG_URL (databases are created on it, and dropped by stop()) or one
// started here from Debian's binaries in a temporary folder (in memory where there is room), with
// fsync off, and removed by stop(), when this process exits, or by a watchdog if it is killed.
// No test framework here: electron/testing/postgres.ts adds the Vitest side (describePostgres).

import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

export interface PostgresServer {
  /** The maintenance database (`postgres`), as a superuser. */
  url: string;
  /** A fresh, empty database of its own, as a URL. */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
}

const run = promisify(execFile);
const debianRoot = '/usr/lib/postgresql';

/** The newest Debian PostgreSQL `bin` folder holding initdb, or null. */
export function postgresBinaries(): string | null {
  if (!existsSync(debianRoot)) return null;
  const versions = readdirSync(debianRoot)
    .filter((name) => /^\d+(\.\d+)?$/.test(name) && existsSync(join(debianRoot, name, 'bin', 'initdb')))
    .sort((a, b) => compareVersions(b, a));
  return versions.length === 0 ? null : join(debianRoot, versions[0]!, 'bin');
}

/** Whether startPostgres will find a server, known without starting one: test files decide at collection time. */
export function postgresAvailable(): boolean {
  return Boolean(process.env.FERRY_TEST_PG_URL) || postgresBinaries() !== null;
}

/** The server, or null when there is none to use (no FERRY_TEST_PG_URL, no binaries); throws when one fails to start. */
export async function startPostgres(): Promise<PostgresServer | null> {
  const given = process.env.FERRY_TEST_PG_URL;
  if (given) return onServer(given, { dropDatabases: true, shutdown: async () => {} });
  const bin = postgresBinaries();
  return bin === null ? null : startLocal(bin);
}

/** Databases are made through `url`; stop() drops them if told to, then calls `shutdown`. */
function onServer(url: string, { dropDatabases, shutdown }: { dropDatabases: boolean; shutdown: () => Promise<void> }): PostgresServer {
  const made: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    url,
    async newDatabase() {
      const name = `ferry_test_${randomBytes(6).toString('hex')}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      made.push(name);
      const fresh = new URL(url);
      fresh.pathname = `/${name}`;
      return fresh.toString();
    },
    async stop() {
      const names = made.splice(0);
      if (dropDatabases && names.length > 0) {
        // FORCE: a test that forgot to close its pool must not keep its database alive.
        await admin(async (client) => {
          for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        });
      }
      await shutdown();
    },
  };
}

async function startLocal(bin: string): Promise<PostgresServer> {
  const root = mkdtempSync(join(scratchFolder(), 'ferry-pg-'));
  const data = join(root, 'data');
  const sockets = join(root, 'sockets');
  mkdirSync(data);
  mkdirSync(sockets);
  // The server refuses to run as root, and initdb refuses a data folder others may read.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', 'postgres:', root]);
  chmodSync(data, 0o700);
  const command = (tool: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args]);
  // cwd: the postgres user may not be allowed into the directory the tests run from.
  const exec = async (tool: string, args: string[]) => {
    const [file, argv] = command(tool, args);
    await run(file, argv, { cwd: root });
  };
  const stopArgs = ['-D', data, '-m', 'immediate', '-w', 'stop'];
  const stopSync = () => {
    try {
      const [file, argv] = command('pg_ctl', stopArgs);
      execFileSync(file, argv, { cwd: root, stdio: 'ignore' });
    } catch {
      // Not running (never started, or already stopped): nothing to stop.
    }
    rmSync(root, { recursive: true, force: true });
  };

  let watchdog: number | undefined;
  let port: number;
  try {
    await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    port = await freePort();
    const options = `-p ${port} -k '${sockets}' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await exec('pg_ctl', ['-D', data, '-o', options, '-l', join(data, 'log'), '-w', 'start']);
    watchdog = startWatchdog(command('pg_ctl', stopArgs), root);
  } catch (error) {
    // The server's own account of why it would not start is in its log, which stopSync removes.
    let log = '';
    try {
      log = readFileSync(join(data, 'log'), 'utf8').trim().split('\n').slice(-10).join('\n');
    } catch {
      // initdb failed before there was a log: its error says why.
    }
    stopSync();
    throw log === '' ? error : new Error(`The PostgreSQL test server did not start. Its log ends:\n${log}`, { cause: error });
  }
  // A test run that ends without afterAll (a crash, process.exit) still stops its server; the
  // watchdog covers the deaths no handler sees (SIGKILL).
  process.on('exit', stopSync);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const shutdown = async () => {
    process.off('exit', stopSync);
    if (watchdog !== undefined) {
      try {
        // Its own process group (detached): the shell and its `sleep`.
        process.kill(-watchdog);
      } catch {
        // Already gone.
      }
    }
    const [file, argv] = command('pg_ctl', stopArgs);
    try {
      await run(file, argv, { cwd: root });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
  // A throwaway server goes whole; dropping its databases one by one would only cost time.
  return onServer(url, { dropDatabases: false, shutdown });
}

/** A detached shell that stops the server and removes its folder once this process is gone. */
function startWatchdog([file, argv]: [string, string[]], root: string): number | undefined {
  const script = 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; shift; dir="$1"; shift; "$@" >/dev/null 2>&1; rm -rf "$dir"';
  const child = spawn('sh', ['-c', script, 'ferry-pg-watchdog', String(process.pid), root, file, ...argv], { detached: true, stdio: 'ignore', cwd: root });
  child.unref();
  return child.pid;
}

/**
 * Memory, where there is room for a few hundred MB: on a disk each CREATE DATABASE takes ~250 ms
 * even with fsync off, in memory ~40 ms, and every test makes one.
 */
function scratchFolder(): string {
  try {
    const shm = statfsSync('/dev/shm');
    if (shm.bavail * shm.bsize > 1024 ** 3) return '/dev/shm';
  } catch {
    // No /dev/shm (macOS): the disk it is.
  }
  return tmpdir();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}
