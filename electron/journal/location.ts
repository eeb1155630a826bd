// Where a journal lives when no --journal is given: FERRY_HOME, else the OS app-data folder the
// desktop app uses (Electron's userData for the product name "Ferry Notes"), so the CLI and the
// app open the same journal.

import { homedir } from 'node:os';
import { join } from 'node:path';

export const productName = 'Ferry Notes';

export function defaultJournalDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  const ferryHome = env.FERRY_HOME?.trim();
  if (ferryHome !== undefined && ferryHome !== '') return ferryHome;
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', productName);
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), productName);
    default: {
      const config = env.XDG_CONFIG_HOME?.trim();
      return join(config !== undefined && config !== '' ? config : join(home, '.config'), productName);
    }
  }
}
