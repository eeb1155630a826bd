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
export function lowestCommonAncestors(parentsOf: ParentsOf, a: readonly string[], b: readonly string[], orderOf?: OrderOf): string[] {
  return lowestSharedBy(parentsOf, [a, b], orderOf);
}

/**
 * What every one of `heads` was made on, lowest first as above: the versions all of them share
 * that are not ancestors of another such version. For two heads, lowestCommonAncestors of each.
 */
export function lowestSharedAncestors(parentsOf: ParentsOf, heads: readonly string[], orderOf?: OrderOf): string[] {
  return lowestSharedBy(
    parentsOf,
    heads.map((head) => [head]),
    orderOf,
  );
}

/**
 * A version's place in an order where every parent comes before its children (the journal's row
 * numbers: versions are stored parents first). With it, the lowest common ancestors are found
 * walking down only as far as they are, as git's merge-base does with commit generations,
 * instead of through the whole history of every side.
 */
export type OrderOf = (id: string) => number;

/** The sides a walk down can tell apart: one bit each, below the `below` bit. */
const maxSides = 30;
const below = 1 << maxSides; // under a common ancestor already found: not a lowest one, and no longer news

/** The versions every set in `sides` was made on that are not ancestors of another such, sorted by id. */
function lowestSharedBy(parentsOf: ParentsOf, sides: readonly (readonly string[])[], orderOf?: OrderOf): string[] {
  if (sides.length === 0) return [];
  if (orderOf !== undefined && sides.length <= maxSides) return paintDown(parentsOf, orderOf, sides);
  let common = [...ancestry(parentsOf, sides[0]!)];
  for (const side of sides.slice(1)) {
    const of = ancestry(parentsOf, side);
    common = common.filter((id) => of.has(id));
  }
  return lowest(parentsOf, common);
}

/**
 * Walks down from every side, latest first: a version reached from all of them is a common
 * ancestor, and the first such on a path is a lowest one, because everything later (its
 * descendants among them) was walked before it. Its ancestors are painted `below`; the walk ends
 * once every version left to walk is.
 */
function paintDown(parentsOf: ParentsOf, orderOf: OrderOf, sides: readonly (readonly string[])[]): string[] {
  const everySide = (1 << sides.length) - 1;
  const paint = new Map<string, number>();
  const queue = new MaxQueue();
  let news = 0; // versions queued and not painted `below`
  const reach = (id: string, flags: number) => {
    const before = paint.get(id) ?? 0;
    const after = before | flags;
    if (after === before) return;
    paint.set(id, after);
    if (queue.has(id)) {
      if ((before & below) === 0 && (after & below) !== 0) news--;
    } else {
      queue.push(id, orderOf(id));
      if ((after & below) === 0) news++;
    }
  };
  sides.forEach((side, index) => {
    for (const id of side) reach(id, 1 << index);
  });
  const found: string[] = [];
  while (news > 0) {
    const id = queue.pop();
    let flags = paint.get(id)!;
    if ((flags & below) === 0) {
      news--;
      if ((flags & everySide) === everySide) {
        found.push(id);
        flags |= below;
        paint.set(id, flags);
      }
    }
    for (const parent of parentsOf(id)) reach(parent, flags);
  }
  return found.sort(compareCodePoints);
}

/** The versions of `common` (a set closed under ancestry) that are not ancestors of another, sorted by id. */
function lowest(parentsOf: ParentsOf, common: readonly string[]): string[] {
  const commonSet = new Set(common);
  // A common ancestor is not lowest if it is a proper ancestor of another one: one walk from
  // every common ancestor's parents finds them all (the ancestors of a common ancestor are common).
  const under = ancestry(
    parentsOf,
    common.flatMap((id) => parentsOf(id).filter((parent) => commonSet.has(parent))),
  );
  return common.filter((id) => !under.has(id)).sort(compareCodePoints);
}

/** Ids by a number, the greatest first; an id queued again keeps its one place. */
class MaxQueue {
  private readonly heap: { id: string; key: number }[] = [];
  private readonly queued = new Set<string>();

  get size(): number {
    return this.heap.length;
  }

  has(id: string): boolean {
    return this.queued.has(id);
  }

  push(id: string, key: number): void {
    if (this.queued.has(id)) return;
    this.queued.add(id);
    const heap = this.heap;
    heap.push({ id, key });
    let at = heap.length - 1;
    while (at > 0) {
      const up = (at - 1) >> 1;
      if (heap[up]!.key >= heap[at]!.key) break;
      [heap[up], heap[at]] = [heap[at]!, heap[up]!];
      at = up;
    }
  }

  pop(): string {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        const right = left + 1;
        let largest = at;
        if (left < heap.length && heap[left]!.key > heap[largest]!.key) largest = left;
        if (right < heap.length && heap[right]!.key > heap[largest]!.key) largest = right;
        if (largest === at) break;
        [heap[largest], heap[at]] = [heap[at]!, heap[largest]!];
        at = largest;
      }
    }
    this.queued.delete(top.id);
    return top.id;
  }
}
