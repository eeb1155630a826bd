// `ferry clone URL`: a new replica of a journal the server holds. The journal is created with the
// server's journal id and a new replica id, the server is set as its remote, and one sync brings
// everything. A clone cut off after some pages keeps what it stored (each page is whole) and says
// that `ferry sync` finishes it; one that stored nothing leaves no journal behind.

import { existsSync, rmSync } from 'node:fs';
import { FerryError } from '../../shared/errors.js';
import { count } from '../../shared/count.js';
import { Journal, type JournalDeps } from '../journal/journal.js';
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
  const journal = Journal.create(dir, { ...journalOptions, journalId });
  try {
    journal.setRemote(url, token);
    const report = await syncOnce(journal, transport, { runKind: 'clone', ...(progress === undefined ? {} : { progress }), ...(pageBytes === undefined ? {} : { pageBytes }) });
    return { journal, report };
  } catch (error) {
    const stored = journal.status().versions;
    journal.close();
    if (stored > 0 && error instanceof FerryError) {
      throw new FerryError(error.code, `${error.message} The clone stopped after ${count(stored, 'version')}, which are kept: run \`ferry sync --journal ${dir}\` to finish it.`, { cause: error });
    }
    for (const suffix of ['', '-wal', '-shm']) {
      const path = Journal.fileIn(dir) + suffix;
      if (existsSync(path)) rmSync(path, { force: true });
    }
    throw error;
  }
}

async function chooseJournal(transport: SyncTransport, wanted: string | undefined): Promise<string> {
  const { journals } = await transport.journals();
  if (wanted !== undefined) {
    const found = journals.find((j) => j.journalId === wanted);
    if (found === undefined) throw new FerryError('Forbidden', `The token does not open journal ${wanted} on ${transport.describe}.`);
    if (found.versions === 0) throw nothingYet(transport, wanted);
    return wanted;
  }
  if (journals.length === 0) throw new FerryError('Forbidden', `The token opens no journal on ${transport.describe}.`);
  if (journals.length > 1) {
    throw new FerryError('BadInput', `The token opens ${journals.length} journals on ${transport.describe}; say which with --journal-id (${journals.map((j) => j.journalId).join(', ')}).`);
  }
  if (journals[0]!.versions === 0) throw nothingYet(transport, journals[0]!.journalId);
  return journals[0]!.journalId;
}

function nothingYet(transport: SyncTransport, journalId: string): FerryError {
  return new FerryError(
    'NotFound',
    `${transport.describe} holds nothing of journal ${journalId} yet: on a device that has the journal, run \`ferry remote set URL --token T\` and \`ferry sync\` first.`,
  );
}
