// A note in conflict, as a person resolving it needs it: every head in full, the version the two
// heads last shared, and (for two heads) their bodies merged to finish by hand, with marker lines
// only around the lines that collide, named for the devices that wrote them. The app's conflict
// inbox and `ferry show ID --marked` read it.

import { FerryError } from '../../shared/errors.js';
import type { Version } from '../../shared/model.js';
import { lowestCommonAncestors } from '../merge/ancestors.js';
import { markedMerge } from '../merge/merge-body.js';
import type { Journal } from './journal.js';

export interface ConflictHeads {
  heads: Version[];
  /** The heads' common ancestor, when there are two heads and exactly one such version. */
  ancestor: Version | null;
  /** Two heads' bodies merged with marker lines where they collide; null for three heads or more. */
  marked: string | null;
}

export function conflictHeads(journal: Pick<Journal, 'note' | 'version' | 'describeVersion'>, ref: string): ConflictHeads {
  const note = journal.note(ref);
  if (!note.conflict) throw new FerryError('BadInput', `The note “${note.title}” is not in conflict.`);
  const heads = note.heads.map((id) => journal.version(id));
  const [ours, theirs, ...more] = heads;
  if (ours === undefined || theirs === undefined || more.length > 0) return { heads, ancestor: null, marked: null };
  const common = lowestCommonAncestors((id) => journal.version(id).parents, [ours.id], [theirs.id]);
  const ancestor = common.length === 1 ? journal.version(common[0]!) : null;
  const oursDevice = journal.describeVersion(ours).device;
  const theirsDevice = journal.describeVersion(theirs).device;
  // One device can hold two heads (a copied replica): then the time tells them apart.
  const label = (v: Version, device: string) => (oursDevice === theirsDevice ? `${device} ${new Date(v.time).toISOString()}` : device);
  const marked = markedMerge(ancestor?.body ?? '', ours.body, theirs.body, { ours: label(ours, oursDevice), theirs: label(theirs, theirsDevice) });
  return { heads, ancestor, marked };
}
