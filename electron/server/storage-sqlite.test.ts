import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from './storage-sqlite.js';
import { storageSuite } from './storage.suite.js';

storageSuite(
  'SQLite',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-server-'));
    const storage = SqliteStorage.open(dir);
    return Promise.resolve({
      storage,
      async cleanup() {
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    });
  },
  { sharedBetweenProcesses: false },
);
