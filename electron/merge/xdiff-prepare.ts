// Line records for the xdiff port: splitting text into lines, classifying equal lines, trimming
// the common head and tail, and discarding lines that cannot (or should not) take part in the
// Myers search. A TypeScript port of git's xdiff/xprepare.c (git 2.39; LibXDiff by Davide Libenzi,
// LGPL-2.1-or-later upstream). The thresholds (XDL_MAX_EQLIMIT, XDL_SIMSCAN_WINDOW,
// XDL_KPDIS_RUN) and the classification rules are kept exactly, because they decide which
// alignment git picks when a line repeats; only the hashing is replaced by comparing strings.

const XDL_KPDIS_RUN = 4;
const XDL_MAX_EQLIMIT = 1024;
const XDL_SIMSCAN_WINDOW = 100;

/** One side of a two-way diff (git's xdfile_t). */
export interface XdFile {
  /** The lines, each with its '\n' when it has one (the last line may lack it). */
  readonly recs: readonly string[];
  /** Class of each line: equal ids ⇔ equal lines. */
  readonly ids: Int32Array;
  readonly nrec: number;
  /** changed[i + 1] is 1 when line i is changed; changed[0] and changed[nrec + 1] stay 0. */
  readonly changed: Uint8Array;
  /** The lines handed to the Myers search (the others are trimmed or discarded). */
  readonly rindex: Int32Array;
  /** Class ids of the lines in rindex. */
  readonly ha: Int32Array;
  nreff: number;
  dstart: number;
  dend: number;
}

/** A pair of files being compared (git's xdfenv_t): xdf1 is the preimage, xdf2 the postimage. */
export interface XdEnv {
  readonly xdf1: XdFile;
  readonly xdf2: XdFile;
}

/** Splits text after each '\n' (a last line without '\n' is a line too), as xdiff does. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    lines.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** Classical integer square root approximation using shifts (xdl_bogosqrt). */
export function bogosqrt(n: number): number {
  let i = 1;
  for (; n > 0; n = Math.floor(n / 4)) i *= 2;
  return i;
}

/**
 * git compares bytes: a lone surrogate is written as U+FFFD in UTF-8, so two lines that differ
 * only there are the same line to git. Well-formed strings compare as they are.
 */
function classKey(line: string): string {
  return line.isWellFormed() ? line : line.toWellFormed();
}

function makeFile(recs: readonly string[], ids: Int32Array): XdFile {
  const nrec = recs.length;
  return {
    recs,
    ids,
    nrec,
    changed: new Uint8Array(nrec + 2),
    rindex: new Int32Array(nrec + 1),
    ha: new Int32Array(nrec + 1),
    nreff: 0,
    dstart: 0,
    dend: nrec - 1,
  };
}

/** Builds the diff environment for two line arrays (xdl_prepare_env with flags 0). */
export function prepareEnv(lines1: readonly string[], lines2: readonly string[]): XdEnv {
  const classes = new Map<string, number>();
  const len1: number[] = [];
  const len2: number[] = [];
  const classify = (lines: readonly string[], counts: number[], other: number[]): Int32Array => {
    const ids = new Int32Array(lines.length);
    for (let i = 0; i < lines.length; i++) {
      const key = classKey(lines[i]!);
      let id = classes.get(key);
      if (id === undefined) {
        id = classes.size;
        classes.set(key, id);
        counts.push(0);
        other.push(0);
      }
      counts[id]!++;
      ids[i] = id;
    }
    return ids;
  };
  const xdf1 = makeFile(lines1, classify(lines1, len1, len2));
  const xdf2 = makeFile(lines2, classify(lines2, len2, len1));
  trimEnds(xdf1, xdf2);
  cleanupRecords(xdf1, xdf2, len1, len2);
  return { xdf1, xdf2 };
}

/** Early trim of the initial and terminal matching records (xdl_trim_ends). */
function trimEnds(xdf1: XdFile, xdf2: XdFile): void {
  const lim = Math.min(xdf1.nrec, xdf2.nrec);
  let i = 0;
  while (i < lim && xdf1.ids[i] === xdf2.ids[i]) i++;
  xdf1.dstart = xdf2.dstart = i;
  const rest = lim - i;
  let j = 0;
  while (j < rest && xdf1.ids[xdf1.nrec - 1 - j] === xdf2.ids[xdf2.nrec - 1 - j]) j++;
  xdf1.dend = xdf1.nrec - j - 1;
  xdf2.dend = xdf2.nrec - j - 1;
}

/**
 * Decides whether a line matching many lines of the other file (dis[i] == 2) should be
 * discarded: only when it sits in a run dominated by lines without any match (xdl_clean_mmatch).
 */
function cleanMmatch(dis: Uint8Array, i: number, s: number, e: number): boolean {
  if (i - s > XDL_SIMSCAN_WINDOW) s = i - XDL_SIMSCAN_WINDOW;
  if (e - i > XDL_SIMSCAN_WINDOW) e = i + XDL_SIMSCAN_WINDOW;

  let rdis0 = 0;
  let rpdis0 = 1;
  for (let r = 1; i - r >= s; r++) {
    const v = dis[i - r]!;
    if (v === 0) rdis0++;
    else if (v === 2) rpdis0++;
    else break;
  }
  if (rdis0 === 0) return false;
  let rdis1 = 0;
  let rpdis1 = 1;
  for (let r = 1; i + r <= e; r++) {
    const v = dis[i + r]!;
    if (v === 0) rdis1++;
    else if (v === 2) rpdis1++;
    else break;
  }
  if (rdis1 === 0) return false;
  rdis1 += rdis0;
  rpdis1 += rpdis0;
  return rpdis1 * XDL_KPDIS_RUN < rpdis1 + rdis1;
}

/**
 * Discards records that have no match in the other file, and records with many matches when
 * they sit among discardable ones; discarded records are marked changed up front
 * (xdl_cleanup_records).
 */
function cleanupRecords(xdf1: XdFile, xdf2: XdFile, len1: readonly number[], len2: readonly number[]): void {
  const dis1 = classifyMatches(xdf1, len2);
  const dis2 = classifyMatches(xdf2, len1);
  keepRecords(xdf1, dis1);
  keepRecords(xdf2, dis2);
}

/** 0: no match in the other file; 1: a few matches; 2: at least about sqrt(nrec) matches. */
function classifyMatches(xdf: XdFile, otherCounts: readonly number[]): Uint8Array {
  const dis = new Uint8Array(xdf.nrec + 1);
  const mlim = Math.min(bogosqrt(xdf.nrec), XDL_MAX_EQLIMIT);
  for (let i = xdf.dstart; i <= xdf.dend; i++) {
    const nm = otherCounts[xdf.ids[i]!]!;
    dis[i] = nm === 0 ? 0 : nm >= mlim ? 2 : 1;
  }
  return dis;
}

function keepRecords(xdf: XdFile, dis: Uint8Array): void {
  let nreff = 0;
  for (let i = xdf.dstart; i <= xdf.dend; i++) {
    const d = dis[i]!;
    if (d === 1 || (d === 2 && !cleanMmatch(dis, i, xdf.dstart, xdf.dend))) {
      xdf.rindex[nreff] = i;
      xdf.ha[nreff] = xdf.ids[i]!;
      nreff++;
    } else {
      xdf.changed[i + 1] = 1;
    }
  }
  xdf.nreff = nreff;
}
