// Rebuilding versions from envelopes (docs/stream-format.md, T6): each payload is opened against
// its first parent, found earlier in the same stream or among the versions already held, and the
// version it gives must hash to the envelope's id (journal-format.md, V1) before anyone stores it.

import { FerryError } from '../../shared/errors.js';
import type { Envelope } from '../../shared/stream.js';
import { bytesToText } from '../journal/body-codec.js';
import type { ReceivedVersion } from '../journal/receive.js';
import { versionId } from '../journal/version-id.js';
import { StreamFormatError } from './bytes.js';
import { decodePayload, type FirstParent } from './payload.js';

/** A version already held, as a payload may refer to it; undefined when it is not held. */
export type HeldVersion = (id: string) => FirstParent | undefined;

/** Every envelope as a checked version, in stream order. Throws before returning anything if one is bad. */
export function rebuildVersions(journalId: string, envelopes: readonly Envelope[], held: HeldVersion): ReceivedVersion[] {
  const rebuilt = new Map<string, FirstParent>();
  return envelopes.map((envelope, index) => {
    const which = `version ${envelope.id.slice(0, 12)} (envelope ${index + 1})`;
    const firstId = envelope.parents[0];
    const parent = firstId === undefined ? null : (rebuilt.get(firstId) ?? held(firstId));
    if (parent === undefined) {
      throw new FerryError('InvalidVersion', `The first parent of ${which}, ${firstId!.slice(0, 12)}, is neither earlier in the stream nor held here.`);
    }
    let version: ReceivedVersion;
    try {
      const fields = decodePayload(envelope.payload, parent);
      version = {
        id: envelope.id,
        noteId: fields.noteId,
        parents: envelope.parents,
        replicaId: envelope.replicaId,
        seq: envelope.seq,
        time: fields.time,
        title: fields.title,
        body: bytesToText(fields.body),
        tags: fields.tags,
        deleted: fields.deleted,
        bodyBytes: fields.body,
        ...(fields.delta === null ? {} : { bodyDelta: fields.delta }),
      };
      rebuilt.set(envelope.id, { title: fields.title, tags: fields.tags, body: fields.body });
    } catch (error) {
      if (error instanceof StreamFormatError || (error instanceof FerryError && error.code === 'Corrupt')) {
        throw new FerryError('Corrupt', `The payload of ${which} is damaged: ${error.message}.`, { cause: error });
      }
      throw error;
    }
    let actual: string;
    try {
      const { bodyDelta: _delta, bodyBytes: _bytes, ...fieldsOnly } = version;
      actual = versionId(journalId, fieldsOnly);
    } catch (error) {
      throw new FerryError('InvalidVersion', `${capitalise(which)} has fields no version may have: ${(error as Error).message}`, { cause: error });
    }
    if (actual !== envelope.id) {
      throw new FerryError('InvalidVersion', `${capitalise(which)} does not match its content (it hashes to ${actual.slice(0, 12)}): it was damaged or forged, or belongs to another journal.`);
    }
    return version;
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
