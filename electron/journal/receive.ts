// Versions that come from another replica (through bundles and sync): every one is checked before
// anything is stored (its id must hash, its replica's seq must follow without a gap, its parents
// must be held and belong to the same note), and the whole batch is stored in the caller's one
// transaction, so a bad version leaves the journal as it was.
//
// A version that carries this replica's own id but that this replica did not write means the
// database file was copied and both copies wrote: the journal stops writing and says so
// (DESIGN.md, "Identities").

import { FerryError } from '../../shared/errors.js';
import { VersionBatch, type ApplyContext, type VersionToStore } from './apply-version.js';
import { toHex } from './ids.js';
import { versionId } from './version-id.js';

/** A version as it arrived: with, when the stream carried them, its body's delta against its first parent and its body's bytes. */
export type ReceivedVersion = VersionToStore;

export interface ReceiveOptions {
  /** The caller has checked every id (rebuildVersions does): do not hash them again. */
  idsChecked?: boolean;
}

export interface ReceiveResult {
  /** Ids of the versions stored by this call, in order. */
  stored: string[];
  /** Versions already held (receiving twice changes nothing). */
  alreadyHeld: number;
  /** Notes whose view may have changed. */
  notes: string[];
}

export function receiveVersions(ctx: ApplyContext, selfReplicaId: string, versions: readonly ReceivedVersion[], options: ReceiveOptions = {}): ReceiveResult {
  const { store } = ctx;
  const batch = new VersionBatch(ctx);
  const stored: string[] = [];
  const notes = new Set<string>();
  let alreadyHeld = 0;
  for (const v of versions) {
    const actual = options.idsChecked === true ? v.id : versionId(ctx.journalId, v);
    if (actual !== v.id) {
      throw new FerryError('InvalidVersion', `Version ${v.id.slice(0, 12)} does not match its content (it hashes to ${actual.slice(0, 12)}): it was damaged or forged; nothing was imported.`);
    }
    const replica = batch.replica(v.replicaId);
    const held = replica?.max_seq ?? 0;
    // A replica's versions arrive in seq order without gaps, and a version's id covers its replica
    // and seq: one beyond what is held of its replica cannot be held already.
    if (v.seq <= held && store.versionMetaById(v.id) !== undefined) {
      alreadyHeld++;
      continue;
    }
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
      const device = replica?.device_name === null || replica?.device_name === undefined ? 'another device' : `the device “${replica.device_name}”`;
      throw new FerryError(
        'ReplicaForked',
        `Two different versions claim to be change ${v.seq} of ${device} (replica ${v.replicaId.slice(0, 8)}: ${other === undefined ? '?' : toHex(other.id).slice(0, 12)} here, ${v.id.slice(0, 12)} arriving). ` +
          'Its journal file was copied to a second device and both copies were used, so they forked. Nothing was imported. ' +
          'Keep using one of the two copies; on the other, start a new replica with `ferry clone` from a full bundle, then carry over what was written there since the copy.',
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
      if (parent.nno !== batch.noteRow(v.noteId)) {
        const parentNote = toHex(store.noteByNno(parent.nno).note_id);
        throw new FerryError('InvalidVersion', `Version ${v.id.slice(0, 12)} of note ${v.noteId.slice(0, 8)} names a parent of another note (${parentNote.slice(0, 8)}). Nothing was imported.`);
      }
    }
    batch.store(v);
    stored.push(v.id);
    notes.add(v.noteId);
  }
  // Each note's view and index entry once, from its final heads.
  batch.finish();
  return { stored, alreadyHeld, notes: [...notes] };
}
