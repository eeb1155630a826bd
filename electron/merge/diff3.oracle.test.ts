// Oracle test: mergeText must give exactly what `git merge-file` gives (text and conflict count),
// on generated base/ours/theirs texts. Lines come from a small alphabet so that repeated lines
// are common (that is where diff alignments differ), with blank and punctuation-only lines (git's
// ZEALOUS_ALNUM joining), CRLF, non-ASCII and missing final newlines. fast-check prints the seed
// and the shrunk counterexample on failure; replay with { seed, path } in fc.assert's options.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeText, type TextMergeOptions } from './diff3.js';
import { diffLines } from './xdiff.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-diff3-oracle-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// No user or system config: merge.conflictStyle would change git's output.
const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, HOME: dir, LC_ALL: 'C' };

interface GitResult {
  text: string;
  status: number | null;
}

function git(args: readonly string[]): GitResult {
  const r = spawnSync('git', args, { cwd: dir, env: gitEnv, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { text: r.stdout.toString('utf8'), status: r.status };
}

const hasGit = spawnSync('git', ['--version'], { env: gitEnv }).status === 0;

/** Each mode: the options for mergeText and the matching flags for git merge-file. */
const modes: readonly { name: string; options: TextMergeOptions; flags: readonly string[] }[] = [
  { name: 'merge', options: {}, flags: [] },
  { name: 'union', options: { favor: 'union' }, flags: ['--union'] },
  { name: 'diff3', options: { style: 'diff3' }, flags: ['--diff3'] },
];

/** git sees UTF-8 bytes: a lone surrogate is written as U+FFFD. */
const asGitSees = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

function checkAgainstGit(base: string, ours: string, theirs: string, only?: 'merge'): void {
  fs.writeFileSync(path.join(dir, 'base'), base);
  fs.writeFileSync(path.join(dir, 'ours'), ours);
  fs.writeFileSync(path.join(dir, 'theirs'), theirs);
  for (const mode of only ? modes.filter((m) => m.name === only) : modes) {
    const expected = git(['merge-file', '-p', '-L', 'ours', '-L', 'base', '-L', 'theirs', ...mode.flags, 'ours', 'base', 'theirs']);
    const actual = mergeText(base, ours, theirs, mode.options);
    expect({ mode: mode.name, text: asGitSees(actual.text), status: Math.min(actual.conflicts, 127) })
      .toEqual({ mode: mode.name, text: expected.text, status: expected.status });
  }
}

// ---- Generators ----

/** Mostly short words; some blank and punctuation-only lines; a few odd ones. */
const wordyLine = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('a', 'b', 'c', 'd') },
  { weight: 4, arbitrary: fc.constantFrom('', '}', '{', '--', '  ', '*') },
  { weight: 2, arbitrary: fc.constantFrom('x y', 'a b', 'b a', 'e', 'f', 'g1') },
  { weight: 1, arbitrary: fc.constantFrom('é', '日本', '\uD800', '\uFFFD', 'a\r') },
);

/** Mostly lines without ASCII letters or digits (git's ZEALOUS_ALNUM joins conflicts across them). */
const punctuationLine = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', '}', '{', '--', 'é', '日本') },
  { weight: 1, arbitrary: fc.constantFrom('a', 'b', 'c') },
);

type Eol = 'lf' | 'crlf' | 'mixed';

type Line = (eol: Eol) => string;

/** A line as a function of the document's end-of-line style (mixed: each line picks). */
const lineOf = (content: fc.Arbitrary<string>): fc.Arbitrary<Line> =>
  fc.tuple(content, fc.boolean()).map(([text, crlf]) => (eol: Eol): string =>
    text + (eol === 'crlf' || (eol === 'mixed' && crlf) ? '\r\n' : '\n'));

interface Edit {
  kind: 'insert' | 'delete' | 'change';
  at: number;
  count: number;
  lines: Line[];
}

const editOf = (line: fc.Arbitrary<Line>): fc.Arbitrary<Edit> => fc.record({
  kind: fc.constantFrom('insert', 'delete', 'change'),
  at: fc.nat(),
  count: fc.integer({ min: 1, max: 3 }),
  lines: fc.array(line, { minLength: 1, maxLength: 3 }),
});

function applyEdits(lines: readonly string[], edits: readonly Edit[], eol: Eol): string[] {
  const out = [...lines];
  for (const e of edits) {
    const at = e.at % (out.length + 1);
    const added = e.lines.map((l) => l(eol));
    if (e.kind === 'insert') out.splice(at, 0, ...added);
    else if (e.kind === 'delete') out.splice(at, e.count);
    else out.splice(at, e.count, ...added);
  }
  return out;
}

/** Sometimes the text ends without its final newline. */
const finalNewline = fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
const render = (lines: readonly string[], keepLast: boolean): string => {
  const s = lines.join('');
  return keepLast ? s : s.replace(/\r?\n$/, '');
};

interface Triple {
  base: string;
  ours: string;
  theirs: string;
}

const tripleOf = (content: fc.Arbitrary<string>): fc.Arbitrary<Triple> => {
  const line = lineOf(content);
  const edit = editOf(line);
  return fc.record({
    eol: fc.constantFrom<Eol>('lf', 'lf', 'lf', 'crlf', 'mixed'),
    base: fc.array(line, { maxLength: 14 }),
    oursEdits: fc.array(edit, { maxLength: 4 }),
    theirsEdits: fc.array(edit, { maxLength: 4 }),
    // Theirs sometimes starts from ours, so that both sides share identical changes.
    theirsFromOurs: fc.boolean(),
    finals: fc.tuple(finalNewline, finalNewline, finalNewline),
  })
  .map((r) => {
    const base = r.base.map((l) => l(r.eol));
    const ours = applyEdits(base, r.oursEdits, r.eol);
    const theirs = applyEdits(r.theirsFromOurs ? ours : base, r.theirsEdits, r.eol);
    return { base: render(base, r.finals[0]), ours: render(ours, r.finals[1]), theirs: render(theirs, r.finals[2]) };
  });
};

const triple = fc.oneof({ weight: 3, arbitrary: tripleOf(wordyLine) }, { weight: 1, arbitrary: tripleOf(punctuationLine) });

/** A seeded random generator (an LCG), so that pinned cases stay reproducible. */
function lcg(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

const SEPARATORS = ['\n', '\n', '}\n', 'a\n'];

/**
 * Prose-like notes: lines found nowhere else, and separators that repeat many times. Both sides
 * rewrite stretches with new lines, so separators land among lines without a match, which is
 * where xdl_cleanup_records discards lines and so decides the alignment.
 */
function proseTriple(seed: number, size: number, edits: number, editLen: number, sep: number): Triple {
  const random = lcg(seed);
  let fresh = 0;
  const line = (): string => (random() < sep ? SEPARATORS[Math.floor(random() * SEPARATORS.length)]! : `n${fresh++}\n`);
  const base = Array.from({ length: Math.floor(random() * size) }, line);
  const edited = (): string => {
    const out = [...base];
    for (let j = Math.floor(random() * edits); j > 0; j--) {
      const at = Math.floor(random() * (out.length + 1));
      const r = random();
      const added = Array.from({ length: 1 + Math.floor(random() * editLen) }, line);
      if (r < 1 / 3) out.splice(at, 0, ...added);
      else if (r < 2 / 3) out.splice(at, 1 + Math.floor(random() * 3));
      else out.splice(at, 1 + Math.floor(random() * editLen), ...added);
    }
    return out.join('');
  };
  return { base: base.join(''), ours: edited(), theirs: edited() };
}

/** Longer texts with many scattered edits, so that xdiff's cost cut-offs come into play. */
function bigTriple(seed: number, lines: number, vocabulary: number): Triple {
  const random = lcg(seed);
  const line = (): string => `l${Math.floor(random() * vocabulary)}\n`;
  const base = Array.from({ length: lines }, line);
  const edited = (): string => {
    const out: string[] = [];
    for (let i = 0; i < base.length;) {
      for (let keep = Math.floor(random() * 40); keep > 0 && i < base.length; keep--) out.push(base[i++]!);
      for (let change = Math.floor(random() * 30); change > 0 && i < base.length; change--, i++) {
        if (random() < 0.8) out.push(line());
        if (random() < 0.2) out.push(line());
      }
    }
    return out.join('');
  };
  return { base: base.join(''), ours: edited(), theirs: edited() };
}

describe.skipIf(!hasGit)('mergeText agrees with git merge-file', () => {
  it('on small related texts (merge, --union, --diff3)', () => {
    fc.assert(
      fc.property(triple, ({ base, ours, theirs }) => checkAgainstGit(base, ours, theirs)),
      { numRuns: 400 },
    );
  });

  it('on prose-like notes, where discarding unmatched lines decides the alignment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom([300, 8, 30, 0.3], [60, 6, 8, 0.3], [30, 4, 4, 0.5]),
        (seed, [size, edits, editLen, sep]) => {
          const t = proseTriple(seed, size, edits, editLen, sep);
          checkAgainstGit(t.base, t.ours, t.theirs, 'merge');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('on pinned prose-like notes where each discard rule of xdl_cleanup_records shows', () => {
    // Found by mutating the port: with these seeds the merge changes if XDL_KPDIS_RUN's comparison,
    // XDL_SIMSCAN_WINDOW, the multimatch limit or xdl_trim_ends is altered.
    for (const seed of [30, 32, 64, 84, 212, 336, 383]) {
      const t = proseTriple(seed, 300, 8, 30, 0.3);
      checkAgainstGit(t.base, t.ours, t.theirs, 'merge');
    }
    for (const seed of [42, 134, 464, 2241]) {
      const t = proseTriple(seed, 60, 6, 8, 0.3);
      checkAgainstGit(t.base, t.ours, t.theirs, 'merge');
    }
  });

  it('on larger texts with many edits (cost cut-offs of the Myers search)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1 }),
        fc.integer({ min: 200, max: 3000 }),
        fc.constantFrom(3, 20, 300, 100_000),
        (seed, lines, vocabulary) => {
          const t = bigTriple(seed, lines, vocabulary);
          checkAgainstGit(t.base, t.ours, t.theirs);
        },
      ),
      { numRuns: 25 },
    );
    // Pinned: these reach the tie between the forward and backward furthest-reaching paths.
    for (const [seed, lines, vocabulary] of [[7, 3000, 300], [40, 1500, 20]] as const) {
      const t = bigTriple(seed, lines, vocabulary);
      checkAgainstGit(t.base, t.ours, t.theirs, 'merge');
    }
  });

  it('on texts of 35,000+ lines, where xdiff also takes "interesting" snakes early', () => {
    // These two seeds do reach both "interesting snake" exits of xdl_split (checked by instrumenting).
    for (const [seed, vocabulary] of [[3, 20], [5, 3]] as const) {
      const t = bigTriple(seed, 36_000, vocabulary);
      checkAgainstGit(t.base, t.ours, t.theirs);
    }
  });

  it('diffLines finds the hunks git diff finds (myers, no indent heuristic)', () => {
    fc.assert(
      fc.property(triple, fc.integer({ min: 1 }), fc.boolean(), ({ base, ours }, seed, big) => {
        const t = big ? bigTriple(seed, 1500, 20) : { base, ours };
        fs.writeFileSync(path.join(dir, 'a'), t.base);
        fs.writeFileSync(path.join(dir, 'b'), t.ours);
        const out = git(['diff', '--no-index', '--no-color', '--diff-algorithm=myers', '--no-indent-heuristic', '-U0', '--', 'a', 'b']).text;
        const expected = [...out.matchAll(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm)].map((h) => {
          // git prints 1-based starts, and for an empty side the line before it.
          const oldLines = h[2] === undefined ? 1 : Number(h[2]);
          const newLines = h[4] === undefined ? 1 : Number(h[4]);
          return {
            oldStart: Number(h[1]) - (oldLines === 0 ? 0 : 1),
            oldLines,
            newStart: Number(h[3]) - (newLines === 0 ? 0 : 1),
            newLines,
          };
        });
        expect(diffLines(t.base, t.ours)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
