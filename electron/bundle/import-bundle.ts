// `ferry bundle import` and `ferry clone`: a bundle read and checked in full (read-bundle.ts), then
// stored in one transaction as one run, with what its author told of itself remembered (its
// vector becomes the basis of the next bundle made for it).

import { resolve } from 'node:path';
import type { BundleHeader } from '../../shared/bundle.js';
import { count } from '../../shared/count.js';
import { FerryError } from '../../shared/errors.js';
import type { ImportResult, Journal, JournalDeps } from '../journal/journal.js';
import { cloneTarget, discardClone } from '../journal/clone-target.js';
import { readBundle, versionsFor, type ReadBundle } from './read-bundle.js';
import { rebuildVersions } from '../stream/rebuild.js';

export interface ImportedBundle extends ImportResult {
  file: string;
  header: BundleHeader;
  /** The journal this device joined with this import (it held nothing yet: joining.ts), or null. */
  joined: string | null;
  /** With `join`, when this device had notes of its own: how many it brought into the joined journal, and where the journal as it was is kept. */
  carried?: { notes: number; keptCopy: string };
}

/** Told what a long import is doing (reading, checking, storing), for a line on a terminal. */
export type ImportProgress = (stage: string) => void;

/**
 * `join`: a full bundle of another journal is imported though this device has notes of its own,
 * which are brought into that journal (Journal.joinCarrying); only once the bundle is read and
 * every version in it checked.
 */
export async function importBundle(journal: Journal, file: string, progress: ImportProgress = () => undefined, options: { join?: boolean } = {}): Promise<ImportedBundle> {
  let read: ReadBundle;
  let carried: ImportedBundle['carried'];
  try {
    progress(`Reading ${file}…`);
    read = await readBundle(file);
    if (options.join === true) carried = joinCarrying(journal, read);
  } catch (error) {
    throw nothingImported(error);
  }
  const imported = carried === undefined ? tryImport(journal, read, progress) : importRead(journal, read, 'clone', progress);
  return carried === undefined ? imported : { ...imported, joined: read.header.journalId, carried };
}

function tryImport(journal: Journal, read: ReadBundle, progress: ImportProgress): ImportedBundle {
  try {
    return importRead(journal, read, 'bundle', progress);
  } catch (error) {
    throw nothingImported(error);
  }
}

/** `bundle import --join`: the carrying join, when this device has notes of its own and the bundle is a whole other journal. */
function joinCarrying(journal: Journal, { header, file, envelopes }: ReadBundle): ImportedBundle['carried'] {
  if (header.journalId === journal.journalId || journal.heldOfItsOwn() === null) return undefined;
  if (Object.keys(header.basis).length > 0 || header.versions === 0) {
    throw new FerryError('BasisMissing', `${file} does not hold the whole of its journal, so this device cannot join it: on "${header.deviceName}", run \`ferry bundle create FILE --all\`.`);
  }
  // Every version is checked before this device's journal is written anew.
  try {
    rebuildVersions(header.journalId, envelopes, () => undefined);
  } catch (error) {
    if (error instanceof FerryError) throw new FerryError('BundleDamaged', `${file} cannot be imported: ${error.message}`, { cause: error });
    throw error;
  }
  const { carried, keptCopy } = journal.joinCarrying(header.journalId, resolve(file));
  return { notes: carried, keptCopy };
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
  const joins = header.journalId !== journal.journalId;
  const result = journal.importVersions(
    versions,
    { kind: joins ? 'clone' : kind, source: resolve(bundle.file), peer: header.replicaId === journal.replicaId ? null : header.replicaId },
    [{ replicaId: header.replicaId, vector: header.vector, devices: { ...header.devices, [header.replicaId]: header.deviceName } }],
    // versionsFor rebuilt every version and checked it against its id; it refuses another
    // journal's bundle unless this device holds nothing yet and joins that journal (joining.ts).
    { idsChecked: true, ...(joins ? { joining: header.journalId } : {}) },
  );
  return { ...result, file: bundle.file, header, joined: joins ? header.journalId : null };
}

export interface CloneOptions extends JournalDeps {
  deviceName?: string;
  progress?: ImportProgress;
}

/**
 * A new replica in `dir` from a full bundle: the journal gets the bundle's journal id and a new
 * replica id, then imports everything (clone-target.ts: or a journal there that holds nothing yet
 * joins it). If anything fails, a journal made here is removed again.
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
  const target = cloneTarget(dir, bundle.header.journalId, journalOptions);
  try {
    const imported = importRead(target.journal, bundle, 'clone', progress);
    return { journal: target.journal, imported };
  } catch (error) {
    discardClone(target);
    throw error;
  }
}
