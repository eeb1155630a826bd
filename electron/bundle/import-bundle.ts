// `ferry bundle import` and `ferry clone`: a bundle read and checked in full (read-bundle.ts), then
// stored in one transaction as one run, with what its author told of itself remembered (its
// vector becomes the basis of the next bundle made for it).

import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BundleHeader } from '../../shared/bundle.js';
import { count } from '../../shared/count.js';
import { FerryError } from '../../shared/errors.js';
import { Journal, type ImportResult, type JournalDeps } from '../journal/journal.js';
import { readBundle, versionsFor, type ReadBundle } from './read-bundle.js';

export interface ImportedBundle extends ImportResult {
  file: string;
  header: BundleHeader;
}

/** Told what a long import is doing (reading, checking, storing), for a line on a terminal. */
export type ImportProgress = (stage: string) => void;

export async function importBundle(journal: Journal, file: string, progress: ImportProgress = () => undefined): Promise<ImportedBundle> {
  try {
    progress(`Reading ${file}…`);
    return importRead(journal, await readBundle(file), 'bundle', progress);
  } catch (error) {
    throw nothingImported(error);
  }
}

/** Imports a bundle already read and checked on its own (readBundle), without reading the file again. */
export function importReadBundle(journal: Journal, bundle: ReadBundle): ImportedBundle {
  try {
    return importRead(journal, bundle, 'bundle', () => undefined);
  } catch (error) {
    throw nothingImported(error);
  }
}

/** A refusal says, as its last words, that the journal was left as it was. */
function nothingImported(error: unknown): unknown {
  if (!(error instanceof FerryError) || /Nothing was imported\./.test(error.message)) return error;
  return new FerryError(error.code, `${error.message} Nothing was imported.`, { cause: error });
}

function importRead(journal: Journal, bundle: ReadBundle, kind: 'bundle' | 'clone', progress: ImportProgress): ImportedBundle {
  progress(`Checking ${count(bundle.envelopes.length, 'version')}…`);
  const versions = versionsFor(journal, bundle);
  const { header } = bundle;
  progress(`Storing ${count(versions.length, 'version')} and indexing their notes…`);
  const result = journal.importVersions(
    versions,
    { kind, source: resolve(bundle.file), peer: header.replicaId === journal.replicaId ? null : header.replicaId },
    [{ replicaId: header.replicaId, vector: header.vector, devices: { ...header.devices, [header.replicaId]: header.deviceName } }],
    // versionsFor rebuilt every version and checked it against its id.
    { idsChecked: true },
  );
  return { ...result, file: bundle.file, header };
}

export interface CloneOptions extends JournalDeps {
  deviceName?: string;
  progress?: ImportProgress;
}

/**
 * A new replica in `dir` from a full bundle: the journal gets the bundle's journal id and a new
 * replica id, then imports everything. If anything fails, the new journal is removed again.
 */
export async function cloneFromBundle(file: string, dir: string, options: CloneOptions = {}): Promise<{ journal: Journal; imported: ImportedBundle }> {
  const { progress = () => undefined, ...journalOptions } = options;
  progress(`Reading ${file}…`);
  const bundle = await readBundle(file);
  if (Object.keys(bundle.header.basis).length > 0) {
    throw new FerryError(
      'BasisMissing',
      `${file} holds only what its author thought a peer lacked, not the whole journal; a clone needs a full bundle. On "${bundle.header.deviceName}", run \`ferry bundle create FILE --all\`.`,
    );
  }
  const journal = Journal.create(dir, { ...journalOptions, journalId: bundle.header.journalId });
  try {
    const imported = importRead(journal, bundle, 'clone', progress);
    return { journal, imported };
  } catch (error) {
    journal.close();
    for (const suffix of ['', '-wal', '-shm']) {
      const path = Journal.fileIn(dir) + suffix;
      if (existsSync(path)) rmSync(path, { force: true });
    }
    throw error;
  }
}
