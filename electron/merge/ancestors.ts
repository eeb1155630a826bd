// Ancestry in one note's version DAG (DESIGN.md, "The view"): every version a set of versions was
// made on, and the lowest common ancestors of two sets, the bases of a three-way merge. Criss-cross
// histories have several; the merge folds them into one virtual base (merge-heads.ts). Pure: the
// DAG is a function from a version id to its parents.

import { compareCodePoints } from '../../shared/fields.js';

/** The parents of a version; every id asked for is one the caller holds. */
export type ParentsOf = (id: string) => readonly string[];

/** `ids` and everything they were made on. */
export function ancestry(parentsOf: ParentsOf, ids: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...ids];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const parent of parentsOf(id)) if (!seen.has(parent)) stack.push(parent);
  }
  return seen;
}

/**
 * The common ancestors of `a` and `b` that are not ancestors of another common ancestor, sorted by
 * id. Empty when the two histories share nothing (two devices that began the same daily entry).
 */
export function lowestCommonAncestors(parentsOf: ParentsOf, a: readonly string[], b: readonly string[]): string[] {
  const ofA = ancestry(parentsOf, a);
  return lowest(parentsOf, [...ancestry(parentsOf, b)].filter((id) => ofA.has(id)));
}

/**
 * What every one of `heads` was made on, lowest first as above: the versions all of them share
 * that are not ancestors of another such version. For two heads, lowestCommonAncestors of each.
 */
export function lowestSharedAncestors(parentsOf: ParentsOf, heads: readonly string[]): string[] {
  const [first, ...rest] = heads;
  if (first === undefined) return [];
  let common = [...ancestry(parentsOf, [first])];
  for (const head of rest) {
    const of = ancestry(parentsOf, [head]);
    common = common.filter((id) => of.has(id));
  }
  return lowest(parentsOf, common);
}

/** The versions of `common` (a set closed under ancestry) that are not ancestors of another, sorted by id. */
function lowest(parentsOf: ParentsOf, common: readonly string[]): string[] {
  const commonSet = new Set(common);
  // A common ancestor is not lowest if it is a proper ancestor of another one: one walk from
  // every common ancestor's parents finds them all (the ancestors of a common ancestor are common).
  const below = ancestry(
    parentsOf,
    common.flatMap((id) => parentsOf(id).filter((parent) => commonSet.has(parent))),
  );
  return common.filter((id) => !below.has(id)).sort(compareCodePoints);
}
