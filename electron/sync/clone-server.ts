// `ferry clone URL`: a new replica of a journal the server holds. The journal is created with the
// server's journal id and a new replica id (or a journal in the folder that holds nothing yet
// joins it: clone-target.ts), the server is set as its remote, and one sync brings everything. A
// clone cut off after some pages keeps what it stored (each page is whole) and says that `ferry
// sync` finishes it; one that stored nothing leaves no journal behind, or the one it found as it was.

import { FerryError } from '../../shared/errors.js';
import { count } from '../../shared/count.js';
import type { Journal, JournalDeps } from '../journal/journal.js';
import { cloneTarget, discardClone } from '../journal/clone-target.js';
import { chooseJournal } from './server-journal.js';
import { syncOnce, type SyncOnceOptions, type SyncReport } from './sync-once.js';
import type { SyncTransport } from './transport.js';

export interface ServerCloneOptions extends JournalDeps, Pick<SyncOnceOptions, 'progress' | 'pageBytes'> {
  url: string;
  token: string;
  /** Which journal; may be left out when the token opens exactly one. */
  journalId?: string;
  deviceName?: string;
}

export async function cloneFromServer(transport: SyncTransport, dir: string, options: ServerCloneOptions): Promise<{ journal: Journal; report: SyncReport }> {
  const journalId = await chooseJournal(transport, options.journalId);
  const { url, token, journalId: _chosen, progress, pageBytes, ...journalOptions } = options;
  const target = cloneTarget(dir, journalId, journalOptions);
  const { journal } = target;
  const before = journal.remote();
  try {
    journal.setRemote(url, token);
    const report = await syncOnce(journal, transport, { runKind: 'clone', joining: journalId, ...(progress === undefined ? {} : { progress }), ...(pageBytes === undefined ? {} : { pageBytes }) });
    return { journal, report };
  } catch (error) {
    const stored = journal.status().versions;
    if (stored > 0 && error instanceof FerryError) {
      journal.close();
      throw new FerryError(error.code, `${error.message} The clone stopped after ${count(stored, 'version')}, which are kept: run \`ferry sync --journal ${dir}\` to finish it.`, { cause: error });
    }
    if (!target.made) {
      try {
        if (before === null) journal.removeRemote();
        else journal.setRemote(before.url, before.token);
      } catch {
        // The clone's own error says more; the journal holds nothing either way.
      }
    }
    discardClone(target);
    throw error;
  }
}
