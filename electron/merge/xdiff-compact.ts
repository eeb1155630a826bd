// Sliding of change groups after the Myers search: a group of changed lines that can move (its
// first line equals the line after it, or its last the line before it) is moved as far down as
// it goes, merged with groups it bumps into, then lined up with a change group of the other file
// if possible. A TypeScript port of xdl_change_compact in git's xdiff/xdiffi.c (git 2.39, without
// the indent heuristic, which `git merge-file` does not enable; LibXDiff by Davide Libenzi,
// LGPL-2.1-or-later upstream).

import type { XdFile } from './xdiff-prepare.js';

/** A (possibly empty) run of changed lines: [start, end). changed[] is offset by one. */
interface Group {
  start: number;
  end: number;
}

function groupInit(xdf: XdFile): Group {
  const g = { start: 0, end: 0 };
  while (xdf.changed[g.end + 1]) g.end++;
  return g;
}

function groupNext(xdf: XdFile, g: Group): boolean {
  if (g.end === xdf.nrec) return false;
  g.start = g.end + 1;
  for (g.end = g.start; xdf.changed[g.end + 1]; g.end++);
  return true;
}

function groupPrevious(xdf: XdFile, g: Group): boolean {
  if (g.start === 0) return false;
  g.end = g.start - 1;
  for (g.start = g.end; xdf.changed[g.start]; g.start--);
  return true;
}

function groupSlideDown(xdf: XdFile, g: Group): boolean {
  if (g.end < xdf.nrec && xdf.ids[g.start] === xdf.ids[g.end]) {
    xdf.changed[g.start++ + 1] = 0;
    xdf.changed[g.end++ + 1] = 1;
    while (xdf.changed[g.end + 1]) g.end++;
    return true;
  }
  return false;
}

function groupSlideUp(xdf: XdFile, g: Group): boolean {
  if (g.start > 0 && xdf.ids[g.start - 1] === xdf.ids[g.end - 1]) {
    xdf.changed[--g.start + 1] = 1;
    xdf.changed[--g.end + 1] = 0;
    while (xdf.changed[g.start]) g.start--;
    return true;
  }
  return false;
}

function bug(what: string): never {
  throw new Error(`xdiff: ${what}`);
}

/**
 * Moves change groups of xdf up and down, merging groups that bump into each other, and leaves
 * each group aligned with the last group of the other file it can line up with, else as low as
 * it goes (xdl_change_compact without the indent heuristic).
 */
export function changeCompact(xdf: XdFile, xdfo: XdFile): void {
  const g = groupInit(xdf);
  const go = groupInit(xdfo);
  for (;;) {
    if (g.end !== g.start) {
      let groupsize: number;
      let earliestEnd: number;
      let endMatchingOther: number;
      do {
        groupsize = g.end - g.start;
        endMatchingOther = -1;
        while (groupSlideUp(xdf, g)) if (!groupPrevious(xdfo, go)) bug('group sync broken sliding up');
        earliestEnd = g.end;
        if (go.end > go.start) endMatchingOther = g.end;
        for (;;) {
          if (!groupSlideDown(xdf, g)) break;
          if (!groupNext(xdfo, go)) bug('group sync broken sliding down');
          if (go.end > go.start) endMatchingOther = g.end;
        }
      } while (groupsize !== g.end - g.start);

      if (g.end !== earliestEnd && endMatchingOther !== -1) {
        while (go.end === go.start) {
          if (!groupSlideUp(xdf, g)) bug('match disappeared');
          if (!groupPrevious(xdfo, go)) bug('group sync broken sliding to match');
        }
      }
    }
    if (!groupNext(xdf, g)) break;
    if (!groupNext(xdfo, go)) bug('group sync broken moving to next group');
  }
  if (groupNext(xdfo, go)) bug('group sync broken at end of file');
}
