// A note in conflict, as a person resolving it needs it: every head in full, what the heads last
// shared, and (for two heads) their bodies merged to finish by hand, with marker lines only around
// the lines that collide, named for the devices that wrote them. The app's conflict inbox and
// `ferry show ID --marked` read it.
//
// What the heads last shared is a merge base, built as the view's own merge builds one
// (merge-heads.ts): the version all of them were made on, or, when there are several such, those
// merged into one text. Several is the usual case once two devices have each recorded a merge of
// the other's edit and then both edit again: comparing with nothing there would call every line
// the two still share a collision.

import { FerryError } from '../../shared/errors.js';
import type { Version } from '../../shared/model.js';
import { markedMerge } from '../merge/merge-body.js';
import type { NoteState } from '../merge/merge-fields.js';
import type { Journal } from './journal.js';

export interface ConflictBase {
  /** The heads' lowest common ancestors: one, or several in a criss-cross history. */
  versions: Version[];
  /** Their text: the one version's, or the several merged. */
  state: NoteState;
  /** When the latest of them was written. */
  time: number;
}

export interface ConflictHeads {
  heads: Version[];
  /** What the heads last shared; null when they share nothing. */
  base: ConflictBase | null;
  /** Two heads' bodies merged with marker lines where they collide; null for three heads or more. */
  marked: string | null;
}

export function conflictHeads(journal: Pick<Journal, 'note' | 'version' | 'deviceOf' | 'sharedBase'>, ref: string): ConflictHeads {
  const note = journal.note(ref);
  if (!note.conflict) throw new FerryError('BadInput', `The note “${note.title}” is not in conflict.`);
  const heads = note.heads.map((id) => journal.version(id));
  const [ours, theirs, ...more] = heads;
  if (ours === undefined || theirs === undefined) return { heads, base: null, marked: null };
  const shared = journal.sharedBase(note.id, note.heads);
  const base: ConflictBase | null = shared === null ? null : { ...shared, time: Math.max(...shared.versions.map((v) => v.time)) };
  if (more.length > 0) return { heads, base, marked: null };
  const oursDevice = journal.deviceOf(ours);
  const theirsDevice = journal.deviceOf(theirs);
  // One device can hold two heads (a copied replica): then the time tells them apart.
  const label = (v: Version, device: string) => (oursDevice === theirsDevice ? `${device} ${new Date(v.time).toISOString()}` : device);
  const marked = markedMerge(base?.state.body ?? '', ours.body, theirs.body, { ours: label(ours, oursDevice), theirs: label(theirs, theirsDevice) });
  return { heads, base, marked };
}
