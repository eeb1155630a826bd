// Test support: a throwaway PostgreSQL server for the tests of the PostgreSQL storage (the server
// itself is postgres-cluster.ts, which the bench uses too). Without one, the tests that need it are
// skipped, unless FERRY_REQUIRE_PG=1 (CI) makes that an error.

import { afterAll, beforeAll, describe } from 'vitest';
import { postgresAvailable, startPostgres, type PostgresServer } from './postgres-cluster.js';

export { postgresAvailable, postgresBinaries, startPostgres, type PostgresServer } from './postgres-cluster.js';

const skipMessage = 'skipped: PostgreSQL storage suite — no PostgreSQL server binaries (/usr/lib/postgresql/*/bin) and FERRY_TEST_PG_URL unset';
let warned = false;

export function postgresRequired(): boolean {
  return process.env.FERRY_REQUIRE_PG === '1';
}

/**
 * Declares tests that need a PostgreSQL server: the server starts before them and stops after.
 * `server()` gives it inside hooks and tests. Without a server they are skipped (with one warning
 * per process) unless postgresRequired(), when the test file fails at once.
 */
export function describePostgres(name: string, define: (server: () => PostgresServer) => void): void {
  if (!postgresAvailable()) {
    if (postgresRequired()) {
      throw new Error('FERRY_REQUIRE_PG=1 but there is no PostgreSQL server: install the server binaries (/usr/lib/postgresql/*/bin) or set FERRY_TEST_PG_URL.');
    }
    if (!warned) console.warn(skipMessage);
    warned = true;
    describe.skip(name, () =>
      define(() => {
        throw new Error('no PostgreSQL server');
      }),
    );
    return;
  }
  describe(name, () => {
    let server: PostgresServer | null = null;
    beforeAll(async () => {
      server = await startPostgres();
      if (server === null) throw new Error('The PostgreSQL server could not be started.');
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
    }, 60_000);
    define(() => {
      if (server === null) throw new Error('The PostgreSQL server has not started (see the beforeAll error).');
      return server;
    });
  });
}
