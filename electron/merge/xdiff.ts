// Line diff: the Myers O(ND) search with xdiff's cost cut-offs, and the edit script (the sliding
// of change groups is in ./xdiff-compact.ts). A TypeScript port of git's xdiff/xdiffi.c (git 2.39, plain Myers as
// `git merge-file` runs it: no XDF_NEED_MINIMAL, no indent heuristic; LibXDiff by Davide Libenzi,
// LGPL-2.1-or-later upstream). Tie-breaks, XDL_SNAKE_CNT, XDL_HEUR_MIN_COST, XDL_K_HEUR and the
// XDL_MAX_COST limit are kept exactly: they pick which of several equally short diffs git shows,
// and they keep a large file from going quadratic.

import { changeCompact } from './xdiff-compact.js';
import { prepareEnv, bogosqrt, splitLines, type XdEnv, type XdFile } from './xdiff-prepare.js';

const XDL_MAX_COST_MIN = 256;
const XDL_HEUR_MIN_COST = 256;
const XDL_LINE_MAX = 0x7fffffff;
const XDL_SNAKE_CNT = 20;
const XDL_K_HEUR = 4;

/** One change (git's xdchange_t): lines [i1, i1 + chg1) of file 1 became [i2, i2 + chg2) of file 2. */
export interface XdChange {
  readonly i1: number;
  readonly i2: number;
  readonly chg1: number;
  readonly chg2: number;
}

interface AlgoEnv {
  readonly mxcost: number;
  /** kvdf[fbase + d] is the forward furthest point on diagonal d; kvdb likewise backwards. */
  readonly kvdf: Int32Array;
  readonly kvdb: Int32Array;
  readonly base: number;
}

interface Split {
  i1: number;
  i2: number;
  minLo: boolean;
  minHi: boolean;
}

/**
 * Finds where to split the box (off1, off2)–(lim1, lim2): the middle snake, or when that costs
 * too much, a good-looking or the furthest-reaching diagonal (xdl_split).
 */
function split(
  ha1: Int32Array, off1: number, lim1: number,
  ha2: Int32Array, off2: number, lim2: number,
  needMin: boolean, spl: Split, xenv: AlgoEnv,
): void {
  const { kvdf, kvdb, base: B } = xenv;
  const dmin = off1 - lim2;
  const dmax = lim1 - off2;
  const fmid = off1 - off2;
  const bmid = lim1 - lim2;
  const odd = ((fmid - bmid) & 1) !== 0;
  let fmin = fmid;
  let fmax = fmid;
  let bmin = bmid;
  let bmax = bmid;

  kvdf[B + fmid] = off1;
  kvdb[B + bmid] = lim1;

  for (let ec = 1; ; ec++) {
    let gotSnake = false;

    if (fmin > dmin) kvdf[B + --fmin - 1] = -1;
    else ++fmin;
    if (fmax < dmax) kvdf[B + ++fmax + 1] = -1;
    else --fmax;

    for (let d = fmax; d >= fmin; d -= 2) {
      let i1: number;
      const lo = kvdf[B + d - 1]!;
      const hi = kvdf[B + d + 1]!;
      if (lo >= hi) i1 = lo + 1;
      else i1 = hi;
      const prev1 = i1;
      let i2 = i1 - d;
      while (i1 < lim1 && i2 < lim2 && ha1[i1] === ha2[i2]) {
        i1++;
        i2++;
      }
      if (i1 - prev1 > XDL_SNAKE_CNT) gotSnake = true;
      kvdf[B + d] = i1;
      if (odd && bmin <= d && d <= bmax && kvdb[B + d]! <= i1) {
        spl.i1 = i1;
        spl.i2 = i2;
        spl.minLo = spl.minHi = true;
        return;
      }
    }

    if (bmin > dmin) kvdb[B + --bmin - 1] = XDL_LINE_MAX;
    else ++bmin;
    if (bmax < dmax) kvdb[B + ++bmax + 1] = XDL_LINE_MAX;
    else --bmax;

    for (let d = bmax; d >= bmin; d -= 2) {
      let i1: number;
      const lo = kvdb[B + d - 1]!;
      const hi = kvdb[B + d + 1]!;
      if (lo < hi) i1 = lo;
      else i1 = hi - 1;
      const prev1 = i1;
      let i2 = i1 - d;
      while (i1 > off1 && i2 > off2 && ha1[i1 - 1] === ha2[i2 - 1]) {
        i1--;
        i2--;
      }
      if (prev1 - i1 > XDL_SNAKE_CNT) gotSnake = true;
      kvdb[B + d] = i1;
      if (!odd && fmin <= d && d <= fmax && i1 <= kvdf[B + d]!) {
        spl.i1 = i1;
        spl.i2 = i2;
        spl.minLo = spl.minHi = true;
        return;
      }
    }

    if (needMin) continue;

    // Past the heuristic trigger, with a good snake found: take a diagonal that went far
    // ("interesting") and ends in a run of XDL_SNAKE_CNT matching lines.
    if (gotSnake && ec > XDL_HEUR_MIN_COST) {
      let best = 0;
      for (let d = fmax; d >= fmin; d -= 2) {
        const dd = d > fmid ? d - fmid : fmid - d;
        const i1 = kvdf[B + d]!;
        const i2 = i1 - d;
        const v = i1 - off1 + (i2 - off2) - dd;
        if (v > XDL_K_HEUR * ec && v > best &&
          off1 + XDL_SNAKE_CNT <= i1 && i1 < lim1 &&
          off2 + XDL_SNAKE_CNT <= i2 && i2 < lim2) {
          for (let k = 1; ha1[i1 - k] === ha2[i2 - k]; k++) {
            if (k === XDL_SNAKE_CNT) {
              best = v;
              spl.i1 = i1;
              spl.i2 = i2;
              break;
            }
          }
        }
      }
      if (best > 0) {
        spl.minLo = true;
        spl.minHi = false;
        return;
      }

      best = 0;
      for (let d = bmax; d >= bmin; d -= 2) {
        const dd = d > bmid ? d - bmid : bmid - d;
        const i1 = kvdb[B + d]!;
        const i2 = i1 - d;
        const v = lim1 - i1 + (lim2 - i2) - dd;
        if (v > XDL_K_HEUR * ec && v > best &&
          off1 < i1 && i1 <= lim1 - XDL_SNAKE_CNT &&
          off2 < i2 && i2 <= lim2 - XDL_SNAKE_CNT) {
          for (let k = 0; ha1[i1 + k] === ha2[i2 + k]; k++) {
            if (k === XDL_SNAKE_CNT - 1) {
              best = v;
              spl.i1 = i1;
              spl.i2 = i2;
              break;
            }
          }
        }
      }
      if (best > 0) {
        spl.minLo = false;
        spl.minHi = true;
        return;
      }
    }

    // Enough is enough: take the furthest-reaching path by the (i1 + i2) measure.
    if (ec >= xenv.mxcost) {
      let fbest = -1;
      let fbest1 = -1;
      for (let d = fmax; d >= fmin; d -= 2) {
        let i1 = Math.min(kvdf[B + d]!, lim1);
        let i2 = i1 - d;
        if (lim2 < i2) {
          i1 = lim2 + d;
          i2 = lim2;
        }
        if (fbest < i1 + i2) {
          fbest = i1 + i2;
          fbest1 = i1;
        }
      }
      let bbest = XDL_LINE_MAX;
      let bbest1 = XDL_LINE_MAX;
      for (let d = bmax; d >= bmin; d -= 2) {
        let i1 = Math.max(off1, kvdb[B + d]!);
        let i2 = i1 - d;
        if (i2 < off2) {
          i1 = off2 + d;
          i2 = off2;
        }
        if (i1 + i2 < bbest) {
          bbest = i1 + i2;
          bbest1 = i1;
        }
      }
      if (lim1 + lim2 - bbest < fbest - (off1 + off2)) {
        spl.i1 = fbest1;
        spl.i2 = fbest - fbest1;
        spl.minLo = true;
        spl.minHi = false;
      } else {
        spl.i1 = bbest1;
        spl.i2 = bbest - bbest1;
        spl.minLo = false;
        spl.minHi = true;
      }
      return;
    }
  }
}

/**
 * Divide and conquer over the boxes (xdl_recs_cmp), with an explicit stack instead of recursion:
 * every box only marks its own lines, so the order in which boxes are done does not matter.
 */
function recsCmp(xdf1: XdFile, xdf2: XdFile, xenv: AlgoEnv): void {
  const ha1 = xdf1.ha;
  const ha2 = xdf2.ha;
  const stack: number[] = [0, xdf1.nreff, 0, xdf2.nreff, 0];
  const spl: Split = { i1: 0, i2: 0, minLo: false, minHi: false };
  while (stack.length > 0) {
    const needMin = stack.pop() === 1;
    let lim2 = stack.pop()!;
    let off2 = stack.pop()!;
    let lim1 = stack.pop()!;
    let off1 = stack.pop()!;

    // Shrink the box by walking through each diagonal snake (SW and NE).
    while (off1 < lim1 && off2 < lim2 && ha1[off1] === ha2[off2]) {
      off1++;
      off2++;
    }
    while (off1 < lim1 && off2 < lim2 && ha1[lim1 - 1] === ha2[lim2 - 1]) {
      lim1--;
      lim2--;
    }

    if (off1 === lim1) {
      for (; off2 < lim2; off2++) xdf2.changed[xdf2.rindex[off2]! + 1] = 1;
    } else if (off2 === lim2) {
      for (; off1 < lim1; off1++) xdf1.changed[xdf1.rindex[off1]! + 1] = 1;
    } else {
      spl.i1 = spl.i2 = 0;
      split(ha1, off1, lim1, ha2, off2, lim2, needMin, spl, xenv);
      stack.push(spl.i1, lim1, spl.i2, lim2, spl.minHi ? 1 : 0);
      stack.push(off1, spl.i1, off2, spl.i2, spl.minLo ? 1 : 0);
    }
  }
}

/** Prepares and runs the Myers search on two line arrays (xdl_do_diff, flags 0). */
function doDiff(lines1: readonly string[], lines2: readonly string[]): XdEnv {
  const env = prepareEnv(lines1, lines2);
  const { xdf1, xdf2 } = env;
  const ndiags = xdf1.nreff + xdf2.nreff + 3;
  const kvd = new Int32Array(2 * ndiags + 2);
  const mxcost = Math.max(bogosqrt(ndiags), XDL_MAX_COST_MIN);
  const base = xdf2.nreff + 1;
  recsCmp(xdf1, xdf2, {
    mxcost,
    kvdf: kvd.subarray(0, ndiags),
    kvdb: kvd.subarray(ndiags),
    base,
  });
  return env;
}

/** Collects the groups of changed lines into an edit script, in file order (xdl_build_script). */
export function buildScript(env: XdEnv): XdChange[] {
  const c1 = env.xdf1.changed;
  const c2 = env.xdf2.changed;
  const script: XdChange[] = [];
  for (let i1 = env.xdf1.nrec, i2 = env.xdf2.nrec; i1 >= 0 || i2 >= 0; i1--, i2--) {
    // changed[i] (offset by one) is line i - 1; out-of-range reads are undefined, i.e. not changed.
    if (c1[i1] || c2[i2]) {
      const l1 = i1;
      const l2 = i2;
      while (c1[i1]) i1--;
      while (c2[i2]) i2--;
      script.push({ i1, i2, chg1: l1 - i1, chg2: l2 - i2 });
    }
  }
  return script.reverse();
}

/** Diffs two line arrays as git does before merging: search, compact both sides, script. */
export function diffLineArrays(lines1: readonly string[], lines2: readonly string[]): { env: XdEnv; script: XdChange[] } {
  const env = doDiff(lines1, lines2);
  changeCompact(env.xdf1, env.xdf2);
  changeCompact(env.xdf2, env.xdf1);
  return { env, script: buildScript(env) };
}

/** One hunk of a line diff: lines [oldStart, oldStart + oldLines) became [newStart, newStart + newLines). 0-based. */
export interface LineHunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
}

/** The line diff git computes between two texts (Myers with xdiff's heuristics, no context). */
export function diffLines(oldText: string, newText: string): LineHunk[] {
  return diffLineArrays(splitLines(oldText), splitLines(newText)).script.map((x) => ({
    oldStart: x.i1,
    oldLines: x.chg1,
    newStart: x.i2,
    newLines: x.chg2,
  }));
}
