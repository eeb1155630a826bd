// Reading a bundle file all the way through before anything is written (docs/stream-format.md,
// B5): the framing and checksum, the body's decompression, and that the body holds exactly the
// envelopes its header promises. Then, against a journal: the journal id, the basis, and every
// version rebuilt and checked against its id. Each failure is a FerryError a person can act on.

import { readFileSync } from 'node:fs';
import type { BundleHeader } from '../../shared/bundle.js';
import { FerryError } from '../../shared/errors.js';
import type { Version, VersionVector } from '../../shared/model.js';
import type { Envelope } from '../../shared/stream.js';
import type { Journal } from '../journal/journal.js';
import { StreamFormatError } from '../stream/bytes.js';
import { decodeStream } from '../stream/envelope.js';
import { rebuildVersions } from '../stream/rebuild.js';
import { decompressBody } from './bundle-body.js';
import { parseBundle } from './bundle-file.js';


export interface ReadBundle {
  file: string;
  header: BundleHeader;
  envelopes: Envelope[];
  bytes: number;
}

/** Reads and checks a bundle on its own (no journal needed): framing, checksum, stream, counts. */
export async function readBundle(file: string): Promise<ReadBundle> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FerryError('NotFound', `There is no file ${file}.`, { cause: error });
    if (code === 'EISDIR') throw new FerryError('NotABundle', `${file} is a folder, not a bundle file.`, { cause: error });
    throw new FerryError('ReadOnly', `Cannot read ${file}: ${(error as Error).message} (was the drive removed?).`, { cause: error });
  }
  const { header, body } = parseBundle(bytes, file);
  const damaged = (why: string, cause?: unknown) =>
    new FerryError('BundleDamaged', `${file} is a damaged Ferry bundle: ${why}. Copy the bundle again from the device that wrote it.`, { cause });
  let stream: Uint8Array = body;
  if (header.compression === 'brotli') {
    try {
      stream = await decompressBody(body);
    } catch (error) {
      throw damaged(`its body does not decompress (${(error as Error).message})`, error);
    }
  }
  let envelopes: Envelope[];
  try {
    envelopes = decodeStream(stream);
  } catch (error) {
    if (error instanceof StreamFormatError) throw damaged(`its stream is malformed (${error.message})`, error);
    throw error;
  }
  const problem = rangeProblem(header, envelopes);
  if (problem !== null) throw damaged(problem);
  return { file, header, envelopes, bytes: bytes.length };
}

/** B3: the body holds exactly basis+1 … vector of every replica, each replica's in seq order. */
function rangeProblem(header: BundleHeader, envelopes: readonly Envelope[]): string | null {
  if (envelopes.length !== header.versions) return `its header promises ${header.versions} versions and its body holds ${envelopes.length}`;
  const next = new Map<string, number>();
  for (const e of envelopes) {
    const expected = next.get(e.replicaId) ?? (header.basis[e.replicaId] ?? 0) + 1;
    if (e.seq !== expected) return `version ${e.seq} of replica ${e.replicaId.slice(0, 8)} comes where ${expected} should`;
    next.set(e.replicaId, expected + 1);
  }
  for (const [replica, seq] of Object.entries(header.vector)) {
    const last = (next.get(replica) ?? (header.basis[replica] ?? 0) + 1) - 1;
    if (last !== seq) return `it lacks versions ${last + 1}–${seq} of replica ${replica.slice(0, 8)} that its header promises`;
  }
  for (const replica of next.keys()) if (header.vector[replica] === undefined) return `it holds versions of replica ${replica.slice(0, 8)} that its header does not list`;
  return null;
}

/** The parts of `basis` that `held` lacks, as sentences ("work laptop (3f2a9c1b): versions 4–9"). */
export function missingBasis(basis: VersionVector, held: VersionVector, names: Record<string, string>): string[] {
  return Object.entries(basis)
    .filter(([replica, seq]) => (held[replica] ?? 0) < seq)
    .map(([replica, seq]) => {
      const from = (held[replica] ?? 0) + 1;
      const name = names[replica];
      return `${name === undefined ? 'replica' : name} (${replica.slice(0, 8)}): ${from === seq ? `version ${seq}` : `versions ${from}–${seq}`}`;
    });
}

/**
 * Whether importing this bundle makes `journal` a replica of the bundle's journal: this device
 * holds nothing yet (the app's first start made it an empty journal of its own) and the bundle
 * holds the whole of another journal, which has something to bring (joining.ts). An empty one is
 * another new device that has not joined anything yet: two of them on one stick would otherwise
 * take each other's journal in turn.
 */
export function bundleJoins(journal: Journal, header: BundleHeader): boolean {
  return header.journalId !== journal.journalId && Object.keys(header.basis).length === 0 && header.versions > 0 && journal.heldOfItsOwn() === null;
}

/** Checks a read bundle against `journal` (journal id, basis) and rebuilds its versions (ids checked). */
export function versionsFor(journal: Journal, bundle: ReadBundle): Version[] {
  const { header, file } = bundle;
  const joins = bundleJoins(journal, header);
  if (header.journalId !== journal.journalId && !joins) throw anotherJournal(journal, bundle);
  const missing = missingBasis(header.basis, journal.vector(), { ...header.devices, ...journal.deviceNames() });
  if (missing.length > 0) {
    throw new FerryError(
      'BasisMissing',
      `${file} was made for a replica that holds more than this one: it builds on versions this journal lacks (${missing.join('; ')}). ` +
        `Import an earlier bundle from that device first, or ask it for a full one (\`ferry bundle create FILE --all\`).`,
    );
  }
  try {
    return rebuildVersions(header.journalId, bundle.envelopes, (id) => journal.heldVersion(id));
  } catch (error) {
    if (error instanceof FerryError) throw new FerryError('BundleDamaged', `${file} cannot be imported: ${error.message}`, { cause: error });
    throw error;
  }
}

/** The refusal of another journal's bundle, with what would make it importable. */
function anotherJournal(journal: Journal, { header, file }: ReadBundle): FerryError {
  const held = journal.heldOfItsOwn();
  const why =
    held === null && header.versions === 0
      ? ` It holds no versions, so there is nothing to join: make the bundle on a device that has notes.`
      : held === null
      ? ` This device holds nothing yet, so it could join that journal, but only from a full bundle: on "${header.deviceName}", run \`ferry bundle create FILE --all\`.`
      : ` This one already has ${held} of its own: a device keeps one journal, and two journals are never mixed. To join that journal bringing these notes into it: \`ferry bundle import FILE --join\`; to keep both apart, clone it into a folder of its own: \`ferry clone FILE --journal DIR\`.`;
  return new FerryError('JournalMismatch', `${file} belongs to another journal (${header.journalId.slice(0, 8)}, written by "${header.deviceName}"); this one is ${journal.journalId.slice(0, 8)}.${why}`);
}
