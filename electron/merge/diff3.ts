// Three-way line merge of note bodies, giving exactly what `git merge-file` gives (git 2.39:
// level XDL_MERGE_ZEALOUS_ALNUM, marker size 7). A TypeScript port of git's xdiff/xmerge.c
// (LibXDiff by Davide Libenzi and Johannes E. Schindelin, LGPL-2.1-or-later upstream): both
// sides are diffed against the base (./xdiff.ts), overlapping changes become conflicts, each
// conflict is re-diffed to shrink it to the lines that really differ, conflicts separated by at
// most three lines (or by lines without letters or digits) are joined, and the result is written
// with git's conflict markers, CRLF-aware.

import { diffLineArrays, type XdChange } from './xdiff.js';
import { splitLines, type XdEnv } from './xdiff-prepare.js';

export { diffLines, type LineHunk } from './xdiff.js';

export interface TextMergeOptions {
  /** 'union' keeps both sides of a conflicting region, ours then theirs, as `git merge-file --union`. */
  favor?: 'union';
  /** 'diff3' also shows the base of each conflict after a ||||||| marker, as `git merge-file --diff3`. */
  style?: 'diff3';
  /** Labels printed after the conflict markers (git: --label / -L). Default 'ours', 'base', 'theirs'. */
  labels?: { ours: string; base: string; theirs: string };
}

export interface TextMergeResult {
  /** The merged text; where not clean, with git's conflict markers (<<<<<<< ours / ======= / >>>>>>> theirs). */
  text: string;
  /** Number of conflicting regions (git's exit code); 0 means clean. */
  conflicts: number;
}

const MARKER_SIZE = 7;

/** XDL_MERGE_EAGER: overlapping changes conflict unless identical. */
const LEVEL_EAGER = 1;
/** XDL_MERGE_ZEALOUS: refine conflicts and join conflicts close to each other. */
const LEVEL_ZEALOUS = 2;
/** XDL_MERGE_ZEALOUS_ALNUM: refine conflicts; join conflicts separated by lines without alnums. */
const LEVEL_ZEALOUS_ALNUM = 3;

/** Merge modes of git's xdmerge_t. */
const CONFLICT = 0;
const TAKE_OURS = 1;
const TAKE_THEIRS = 2;
const TAKE_BOTH = 3;
const IDENTICAL = 4;

/**
 * One merged region (git's xdmerge_t). i1/chg1 are in ours, i2/chg2 in theirs, i0/chg0 in base;
 * lines of ours before i1 that no region covers are copied through untouched.
 */
interface MergeRegion {
  next: MergeRegion | null;
  mode: number;
  i0: number;
  chg0: number;
  i1: number;
  chg1: number;
  i2: number;
  chg2: number;
}

/** Appends a region, or extends the last one when they touch (then differing modes conflict). */
function appendMerge(
  last: MergeRegion | null, mode: number,
  i0: number, chg0: number, i1: number, chg1: number, i2: number, chg2: number,
): MergeRegion {
  if (last && (i1 <= last.i1 + last.chg1 || i2 <= last.i2 + last.chg2)) {
    if (mode !== last.mode) last.mode = CONFLICT;
    last.chg0 = i0 + chg0 - last.i0;
    last.chg1 = i1 + chg1 - last.i1;
    last.chg2 = i2 + chg2 - last.i2;
    return last;
  }
  const m: MergeRegion = { next: null, mode, i0, chg0, i1, chg1, i2, chg2 };
  if (last) last.next = m;
  return m;
}

function sameLines(a: readonly string[], i1: number, b: readonly string[], i2: number, count: number): boolean {
  for (let i = 0; i < count; i++) if (a[i1 + i] !== b[i2 + i]) return false;
  return true;
}

/**
 * Walks both edit scripts against the base and builds the list of regions (the first half of
 * xdl_do_merge). xe1 diffs base→ours, xe2 base→theirs.
 */
function collectRegions(
  xe1: XdEnv, script1: readonly XdChange[], xe2: XdEnv, script2: readonly XdChange[],
): MergeRegion | null {
  let head: MergeRegion | null = null;
  let c: MergeRegion | null = null;
  const add = (mode: number, i0: number, chg0: number, i1: number, chg1: number, i2: number, chg2: number): void => {
    c = appendMerge(c, mode, i0, chg0, i1, chg1, i2, chg2);
    head ??= c;
  };
  let p1 = 0;
  let p2 = 0;
  while (p1 < script1.length && p2 < script2.length) {
    const x1 = script1[p1]!;
    const x2 = script2[p2]!;
    if (x1.i1 + x1.chg1 < x2.i1) {
      add(TAKE_OURS, x1.i1, x1.chg1, x1.i2, x1.chg2, x2.i2 - x2.i1 + x1.i1, x1.chg1);
      p1++;
      continue;
    }
    if (x2.i1 + x2.chg1 < x1.i1) {
      add(TAKE_THEIRS, x2.i1, x2.chg1, x1.i2 - x1.i1 + x2.i1, x2.chg1, x2.i2, x2.chg2);
      p2++;
      continue;
    }
    if (x1.i1 !== x2.i1 || x1.chg1 !== x2.chg1 || x1.chg2 !== x2.chg2 ||
      !sameLines(xe1.xdf2.recs, x1.i2, xe2.xdf2.recs, x2.i2, x1.chg2)) {
      // Conflict: widen both sides to cover the same stretch of the base.
      const off = x1.i1 - x2.i1;
      const ffo = off + x1.chg1 - x2.chg1;
      let i0 = x1.i1;
      let i1 = x1.i2;
      let i2 = x2.i2;
      if (off > 0) {
        i0 -= off;
        i1 -= off;
      } else {
        i2 += off;
      }
      let chg0 = x1.i1 + x1.chg1 - i0;
      let chg1 = x1.i2 + x1.chg2 - i1;
      let chg2 = x2.i2 + x2.chg2 - i2;
      if (ffo < 0) {
        chg0 -= ffo;
        chg1 -= ffo;
      } else {
        chg2 += ffo;
      }
      add(CONFLICT, i0, chg0, i1, chg1, i2, chg2);
    }
    const end1 = x1.i1 + x1.chg1;
    const end2 = x2.i1 + x2.chg1;
    if (end1 >= end2) p2++;
    if (end2 >= end1) p1++;
  }
  for (; p1 < script1.length; p1++) {
    const x1 = script1[p1]!;
    add(TAKE_OURS, x1.i1, x1.chg1, x1.i2, x1.chg2, x1.i1 + xe2.xdf2.nrec - xe2.xdf1.nrec, x1.chg1);
  }
  for (; p2 < script2.length; p2++) {
    const x2 = script2[p2]!;
    add(TAKE_THEIRS, x2.i1, x2.chg1, x2.i1 + xe1.xdf2.nrec - xe1.xdf1.nrec, x2.chg1, x2.i2, x2.chg2);
  }
  return head;
}

/**
 * Re-diffs ours against theirs inside each conflict and keeps only the differing lines as
 * conflicts; a conflict whose sides turn out identical is dropped (xdl_refine_conflicts).
 */
function refineConflicts(xe1: XdEnv, xe2: XdEnv, first: MergeRegion | null): void {
  for (let m = first; m; m = m.next) {
    if (m.mode !== CONFLICT) continue;
    if (m.chg1 === 0 || m.chg2 === 0) continue;
    const i1 = m.i1;
    const i2 = m.i2;
    const { script } = diffLineArrays(
      xe1.xdf2.recs.slice(i1, i1 + m.chg1),
      xe2.xdf2.recs.slice(i2, i2 + m.chg2),
    );
    const [x0, ...rest] = script;
    if (!x0) {
      m.mode = IDENTICAL;
      continue;
    }
    m.i1 = x0.i1 + i1;
    m.chg1 = x0.chg1;
    m.i2 = x0.i2 + i2;
    m.chg2 = x0.chg2;
    for (const x of rest) {
      // git leaves i0/chg0 of the new regions unset; they are only printed in diff3 style,
      // which never refines.
      const m2: MergeRegion = {
        next: m.next, mode: CONFLICT, i0: 0, chg0: 0,
        i1: x.i1 + i1, chg1: x.chg1, i2: x.i2 + i2, chg2: x.chg2,
      };
      m.next = m2;
      m = m2;
    }
  }
}

/** git's isalnum is ASCII-only (its own ctype table), whatever the locale. */
const ALNUM = /[A-Za-z0-9]/;

function linesContainAlnum(recs: readonly string[], i: number, chg: number): boolean {
  for (; chg > 0; chg--, i++) if (ALNUM.test(recs[i]!)) return true;
  return false;
}

/**
 * Joins conflicts separated by at most three unchanged lines, or (ZEALOUS_ALNUM) by lines with no
 * letter or digit, taking those lines into the conflict (xdl_simplify_non_conflicts).
 */
function simplifyNonConflicts(ours: readonly string[], m: MergeRegion | null, ifNoAlnum: boolean): void {
  if (!m) return;
  for (;;) {
    const nextM: MergeRegion | null = m.next;
    if (!nextM) return;
    const begin = m.i1 + m.chg1;
    const end = nextM.i1;
    if (m.mode !== CONFLICT || nextM.mode !== CONFLICT ||
      (end - begin > 3 && (!ifNoAlnum || linesContainAlnum(ours, begin, end - begin)))) {
      m = nextM;
    } else {
      m.chg1 = nextM.i1 + nextM.chg1 - m.i1;
      m.chg2 = nextM.i2 + nextM.chg2 - m.i2;
      m.next = nextM.next;
    }
  }
}

/**
 * 1 if line i ends in CR/LF (for a last line without eol, the line before it), 0 if in LF only,
 * -1 if it cannot be told (is_eol_crlf).
 */
function isEolCrlf(recs: readonly string[], i: number): number {
  const nrec = recs.length;
  const endsInCrlf = (line: string): number => (line.length > 1 && line.charCodeAt(line.length - 2) === 13 ? 1 : 0);
  if (i < nrec - 1) return endsInCrlf(recs[i]!);
  if (nrec === 0) return -1;
  const line = recs[i]!;
  if (line.length > 0 && line.endsWith('\n')) return endsInCrlf(line);
  if (i === 0) return -1;
  return endsInCrlf(recs[i - 1]!);
}

/** Whether the lines git adds (markers, missing final newlines) in m get CR/LF (is_cr_needed). */
function isCrNeeded(xe1: XdEnv, xe2: XdEnv, m: MergeRegion): boolean {
  let needsCr = isEolCrlf(xe1.xdf2.recs, m.i1 ? m.i1 - 1 : 0);
  if (needsCr) needsCr = isEolCrlf(xe2.xdf2.recs, m.i2 ? m.i2 - 1 : 0);
  if (needsCr) needsCr = isEolCrlf(xe1.xdf1.recs, 0);
  return needsCr > 0;
}

/** Appends count lines from i, adding a newline to a last line that lacks one when asked (xdl_recs_copy). */
function copyLines(out: string[], recs: readonly string[], i: number, count: number, needsCr: boolean, addNl: boolean): void {
  if (count < 1) return;
  for (let k = i; k < i + count; k++) out.push(recs[k]!);
  if (addNl) {
    const last = recs[i + count - 1]!;
    if (!last.endsWith('\n')) out.push(needsCr ? '\r\n' : '\n');
  }
}

interface Output {
  readonly xe1: XdEnv;
  readonly xe2: XdEnv;
  readonly labels: { ours: string; base: string; theirs: string };
  readonly diff3: boolean;
}

function marker(ch: string, label: string | null, needsCr: boolean): string {
  return ch.repeat(MARKER_SIZE) + (label === null ? '' : ` ${label}`) + (needsCr ? '\r\n' : '\n');
}

function fillConflictHunk(out: string[], o: Output, i: number, m: MergeRegion): void {
  const ours = o.xe1.xdf2.recs;
  const needsCr = isCrNeeded(o.xe1, o.xe2, m);
  copyLines(out, ours, i, m.i1 - i, false, false);
  out.push(marker('<', o.labels.ours, needsCr));
  copyLines(out, ours, m.i1, m.chg1, needsCr, true);
  if (o.diff3) {
    out.push(marker('|', o.labels.base, needsCr));
    copyLines(out, o.xe1.xdf1.recs, m.i0, m.chg0, needsCr, true);
  }
  out.push(marker('=', null, needsCr));
  copyLines(out, o.xe2.xdf2.recs, m.i2, m.chg2, needsCr, true);
  out.push(marker('>', o.labels.theirs, needsCr));
}

/** Writes the merge result and returns the number of conflicts left (xdl_fill_merge_buffer). */
function fillMergeBuffer(out: string[], o: Output, first: MergeRegion | null, favor: number): number {
  const ours = o.xe1.xdf2.recs;
  let i = 0;
  let conflicts = 0;
  for (let m = first; m; m = m.next) {
    if (favor && m.mode === CONFLICT) m.mode = favor;
    if (m.mode === CONFLICT) {
      conflicts++;
      fillConflictHunk(out, o, i, m);
    } else if (m.mode & TAKE_BOTH) {
      copyLines(out, ours, i, m.i1 - i, false, false);
      if (m.mode & TAKE_OURS) {
        copyLines(out, ours, m.i1, m.chg1, isCrNeeded(o.xe1, o.xe2, m), (m.mode & TAKE_THEIRS) !== 0);
      }
      if (m.mode & TAKE_THEIRS) copyLines(out, o.xe2.xdf2.recs, m.i2, m.chg2, false, false);
    } else {
      continue;
    }
    i = m.i1 + m.chg1;
  }
  copyLines(out, ours, i, ours.length - i, false, false);
  return conflicts;
}

/**
 * Three-way merges note texts line by line against their common ancestor, with the same result
 * (text and conflict count) as `git merge-file -p -L ours -L base -L theirs ours base theirs`.
 */
export function mergeText(base: string, ours: string, theirs: string, options: TextMergeOptions = {}): TextMergeResult {
  const baseLines = splitLines(base);
  const d1 = diffLineArrays(baseLines, splitLines(ours));
  const d2 = diffLineArrays(baseLines, splitLines(theirs));
  if (d1.script.length === 0) return { text: theirs, conflicts: 0 };
  if (d2.script.length === 0) return { text: ours, conflicts: 0 };

  const diff3 = options.style === 'diff3';
  // "diff3 -m" output makes no sense for anything more aggressive than XDL_MERGE_EAGER.
  const level = diff3 ? LEVEL_EAGER : LEVEL_ZEALOUS_ALNUM;
  const xe1 = d1.env;
  const xe2 = d2.env;
  const regions = collectRegions(xe1, d1.script, xe2, d2.script);
  if (level >= LEVEL_ZEALOUS) {
    refineConflicts(xe1, xe2, regions);
    simplifyNonConflicts(xe1.xdf2.recs, regions, level > LEVEL_ZEALOUS);
  }
  const out: string[] = [];
  const conflicts = fillMergeBuffer(
    out,
    { xe1, xe2, labels: options.labels ?? { ours: 'ours', base: 'base', theirs: 'theirs' }, diff3 },
    regions,
    options.favor === 'union' ? TAKE_BOTH : 0,
  );
  return { text: out.join(''), conflicts };
}
