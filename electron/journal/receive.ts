// Versions that come from another replica (through bundles and sync): every one is checked before
// anything is stored (its id must hash, its replica's seq must follow without a gap, its parents
// must be held and belong to the same note), and the whole batch is stored in the caller's one
// transaction, so a bad version leaves the journal as it was.
//
// A version that carries this replica's own id but that this replica did not write means the
// database file was copied and both copies wrote: the journal stops writing and says so
// (DESIGN.md, "Identities").

import { FerryError } from '../../shared/errors.js';
import type { Version } from '../../shared/model.js';
import { applyVersion, type ApplyContext } from './apply-version.js';
import { toHex } from './ids.js';
import { versionId } from './version-id.js';

export interface ReceiveResult {
  /** Ids of the versions stored by this call, in order. */
  stored: string[];
  /** Versions already held (receiving twice changes nothing). */
  alreadyHeld: number;
  /** Notes whose view may have changed. */
  notes: string[];
}

export function receiveVersions(ctx: ApplyContext, selfReplicaId: string, versions: readonly Version[]): ReceiveResult {
  const { store } = ctx;
  const stored: string[] = [];
  const notes = new Set<string>();
  let alreadyHeld = 0;
  for (const v of versions) {
    const actual = versionId(ctx.journalId, v);
    if (actual !== v.id) {
      throw new FerryError('InvalidVersion', `Version ${v.id.slice(0, 12)} does not match its content (it hashes to ${actual.slice(0, 12)}): it was damaged or forged; nothing was imported.`);
    }
    if (store.versionMetaById(v.id) !== undefined) {
      alreadyHeld++;
      continue;
    }
    const replica = store.replicaById(v.replicaId);
    const held = replica?.max_seq ?? 0;
    if (v.replicaId === selfReplicaId) {
      throw new FerryError(
        'ReplicaCopied',
        `Another device is writing as this one (replica ${v.replicaId.slice(0, 8)}, change ${v.seq}): this journal's database file was copied and both copies were used. ` +
          'Ferry has stopped writing here so the two copies cannot silently fork; every note is still readable. ' +
          'Make this device a new replica (clone the journal again from a bundle or the server) and bring over anything written here since the copy.',
      );
    }
    if (v.seq <= held) {
      const other = replica === undefined ? undefined : store.versionAt(replica.rno, v.seq);
      throw new FerryError(
        'InvalidVersion',
        `Replica ${v.replicaId.slice(0, 8)} has two different versions numbered ${v.seq} (${other === undefined ? '?' : toHex(other.id).slice(0, 12)} here, ${v.id.slice(0, 12)} arriving): that device's database was copied and both copies wrote. Nothing was imported.`,
      );
    }
    if (v.seq !== held + 1) {
      throw new FerryError(
        'InvalidVersion',
        `Versions ${held + 1}–${v.seq - 1} of replica ${v.replicaId.slice(0, 8)} are missing before version ${v.seq}: versions must arrive without gaps. Nothing was imported.`,
      );
    }
    for (const p of v.parents) {
      const parent = store.versionMetaById(p);
      if (parent === undefined) {
        throw new FerryError('InvalidVersion', `Version ${v.id.slice(0, 12)} names a parent this journal does not hold (${p.slice(0, 12)}): parents must arrive first. Nothing was imported.`);
      }
      const parentNote = toHex(store.noteByNno(parent.nno).note_id);
      if (parentNote !== v.noteId) {
        throw new FerryError('InvalidVersion', `Version ${v.id.slice(0, 12)} of note ${v.noteId.slice(0, 8)} names a parent of another note (${parentNote.slice(0, 8)}). Nothing was imported.`);
      }
    }
    applyVersion(ctx, v);
    stored.push(v.id);
    notes.add(v.noteId);
  }
  return { stored, alreadyHeld, notes: [...notes] };
}
