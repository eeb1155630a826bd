// Every transport passes the same suite: in memory, over HTTP to a real server on loopback, and
// behind the offline simulator with no faults scripted.

import { createSyncServer, type RunningServer } from '../server/http-server.js';
import { SqliteStorage } from '../server/storage-sqlite.js';
import { SyncService } from '../server/sync-service.js';
import { newToken } from '../server/tokens.js';
import { tempFolders } from '../testing/temp-journal.js';
import { FlakyTransport } from './flaky-transport.js';
import { HttpTransport } from './http-transport.js';
import { MemoryTransport } from './memory-transport.js';
import { transportSuite, type TransportFixture } from './transport.suite.js';

const folders = tempFolders();

function withStorage(transport: (storage: SqliteStorage, token: string) => FlakyTransport | MemoryTransport | HttpTransport, stop: () => Promise<void> = () => Promise.resolve()) {
  return (storage: SqliteStorage): TransportFixture => ({
    storage,
    async token(...journalIds) {
      const made = newToken(journalIds, 'test', Date.now());
      await storage.createToken(made.record);
      return made.secret;
    },
    transport: (token) => transport(storage, token),
    async cleanup() {
      await stop();
      await storage.close();
      folders.cleanup();
    },
  });
}

transportSuite('in-memory', () => {
  const storage = SqliteStorage.open(folders.make('ferry-server-'));
  const service = new SyncService(storage);
  return Promise.resolve(withStorage((_s, token) => new MemoryTransport(service, token))(storage));
});

transportSuite('HTTP', async () => {
  const storage = SqliteStorage.open(folders.make('ferry-server-'));
  const server: RunningServer = await createSyncServer({ storage, heartbeatMs: 60_000 }).listen('127.0.0.1', 0);
  return withStorage(
    (_s, token) => new HttpTransport({ url: server.url, token }),
    async () => {
      await server.close();
    },
  )(storage);
});

transportSuite('offline simulator (no faults)', () => {
  const storage = SqliteStorage.open(folders.make('ferry-server-'));
  const service = new SyncService(storage);
  return Promise.resolve(withStorage((_s, token) => new FlakyTransport(new MemoryTransport(service, token)))(storage));
});
