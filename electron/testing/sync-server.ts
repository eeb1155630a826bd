// Test support for sync stories: a sync server's service on SQLite in a temporary folder, tokens
// for journals, and in-memory transports to it, so replicas sync without sockets.

import { SqliteStorage } from '../server/storage-sqlite.js';
import { SyncService } from '../server/sync-service.js';
import { newToken } from '../server/tokens.js';
import { MemoryTransport } from '../sync/memory-transport.js';
import type { TempFolders } from './temp-journal.js';

export interface TestServer {
  service: SyncService;
  storage: SqliteStorage;
  /** A new token opening these journals. */
  token(...journalIds: string[]): Promise<string>;
  transport(token: string): MemoryTransport;
  close(): Promise<void>;
}

export function testServer(folders: TempFolders, clock: () => number = Date.now): TestServer {
  const storage = SqliteStorage.open(folders.make('ferry-server-'));
  const service = new SyncService(storage, clock);
  return {
    service,
    storage,
    async token(...journalIds) {
      const token = newToken(journalIds, 'test', clock());
      await storage.createToken(token.record);
      return token.secret;
    },
    transport: (token) => new MemoryTransport(service, token),
    close: () => storage.close(),
  };
}
