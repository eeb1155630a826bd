// How note bodies merge line by line: the same results as `git merge-file` (each expectation
// below was checked against git 2.39). The oracle test (diff3.oracle.test.ts) compares against
// git itself on generated inputs.
import { describe, expect, it } from 'vitest';
import { diffLines, mergeText } from './diff3.js';

/** Joins lines, each followed by '\n' (the usual shape of a note). */
const text = (...lines: string[]): string => lines.map((l) => `${l}\n`).join('');

const conflict = (ours: string[], theirs: string[]): string[] => [
  '<<<<<<< ours', ...ours, '=======', ...theirs, '>>>>>>> theirs',
];

interface Case {
  name: string;
  base: string;
  ours: string;
  theirs: string;
  text: string;
  conflicts: number;
}

const cases: Case[] = [
  {
    name: 'edits on different lines merge cleanly',
    base: text('a', 'b', 'c', 'd', 'e', 'f'),
    ours: text('a', 'B', 'c', 'd', 'e', 'f'),
    theirs: text('a', 'b', 'c', 'd', 'E', 'f'),
    text: text('a', 'B', 'c', 'd', 'E', 'f'),
    conflicts: 0,
  },
  {
    name: 'only one side changed: that side wins',
    base: text('a', 'b'),
    ours: text('a', 'b'),
    theirs: text('a', 'b', 'c'),
    text: text('a', 'b', 'c'),
    conflicts: 0,
  },
  {
    name: 'the same line edited differently conflicts, with markers',
    base: text('a', 'b', 'c'),
    ours: text('a', 'B1', 'c'),
    theirs: text('a', 'B2', 'c'),
    text: text('a', ...conflict(['B1'], ['B2']), 'c'),
    conflicts: 1,
  },
  {
    name: 'edits on adjacent lines conflict (as in git), each side showing both lines',
    base: text('a', 'b', 'c', 'd'),
    ours: text('a', 'B', 'c', 'd'),
    theirs: text('a', 'b', 'C', 'd'),
    text: text('a', ...conflict(['B', 'c'], ['b', 'C']), 'd'),
    conflicts: 1,
  },
  {
    name: 'identical changes on both sides merge cleanly',
    base: text('a', 'b', 'c'),
    ours: text('a', 'X', 'c', 'new'),
    theirs: text('a', 'X', 'c', 'new'),
    text: text('a', 'X', 'c', 'new'),
    conflicts: 0,
  },
  {
    name: 'a deletion on one side and an edit elsewhere merge cleanly',
    base: text('a', 'b', 'c', 'd', 'e'),
    ours: text('a', 'c', 'd', 'e'),
    theirs: text('a', 'b', 'c', 'd', 'E'),
    text: text('a', 'c', 'd', 'E'),
    conflicts: 0,
  },
  {
    name: 'deleting a line the other side edited conflicts, with an empty side',
    base: text('a', 'b', 'c'),
    ours: text('a', 'c'),
    theirs: text('a', 'B', 'c'),
    text: text('a', ...conflict([], ['B']), 'c'),
    conflicts: 1,
  },
  {
    name: 'overlapping changes that share lines conflict only where they differ',
    base: text('one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'),
    ours: text('one', 'TWO', 'three', 'four', 'five', 'six', 'seven', 'eight', 'NINE', 'ten'),
    theirs: text('one', '2', 'three', 'four', 'five', 'six', 'seven', 'eight', 'NINE', 'ten'),
    text: text('one', ...conflict(['TWO'], ['2']), 'three', 'four', 'five', 'six', 'seven', 'eight', 'NINE', 'ten'),
    conflicts: 1,
  },
  {
    name: 'conflicts with at most three lines between them are joined into one',
    base: text('one', 'two', 'three', 'four', 'five', 'six', 'seven'),
    ours: text('one', 'TWO', 'three', 'four', 'five', 'SIX', 'seven'),
    theirs: text('one', '2', 'three', 'four', 'five', '6', 'seven'),
    text: text(
      'one',
      ...conflict(['TWO', 'three', 'four', 'five', 'SIX'], ['2', 'three', 'four', 'five', '6']),
      'seven',
    ),
    conflicts: 1,
  },
  {
    name: 'conflicts with four lines of words between them stay apart',
    base: text('one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'),
    ours: text('one', 'TWO', 'three', 'four', 'five', 'six', 'SEVEN', 'eight'),
    theirs: text('one', '2', 'three', 'four', 'five', 'six', '7', 'eight'),
    text: text('one', ...conflict(['TWO'], ['2']), 'three', 'four', 'five', 'six', ...conflict(['SEVEN'], ['7']), 'eight'),
    conflicts: 2,
  },
  {
    name: 'conflicts separated only by lines without letters or digits are joined (ZEALOUS_ALNUM)',
    base: text('one', 'two', '}', '', '--', '{', 'seven', 'eight'),
    ours: text('one', 'TWO', '}', '', '--', '{', 'SEVEN', 'eight'),
    theirs: text('one', '2', '}', '', '--', '{', '7', 'eight'),
    text: text('one', ...conflict(['TWO', '}', '', '--', '{', 'SEVEN'], ['2', '}', '', '--', '{', '7']), 'eight'),
    conflicts: 1,
  },
  {
    name: 'non-ASCII letters do not count as letters there (git checks ASCII only)',
    base: text('one', 'two', 'é', '日本', '—', '…', 'seven', 'eight'),
    ours: text('one', 'TWO', 'é', '日本', '—', '…', 'SEVEN', 'eight'),
    theirs: text('one', '2', 'é', '日本', '—', '…', '7', 'eight'),
    text: text('one', ...conflict(['TWO', 'é', '日本', '—', '…', 'SEVEN'], ['2', 'é', '日本', '—', '…', '7']), 'eight'),
    conflicts: 1,
  },
  {
    name: 'a missing final newline is kept when the last line merges cleanly',
    base: 'a\nb\nc',
    ours: 'A\nb\nc',
    theirs: 'a\nb\nC',
    text: 'A\nb\nC',
    conflicts: 0,
  },
  {
    name: 'a conflicting last line without newline gets one before the next marker',
    base: 'a\nb',
    ours: 'a\nB',
    theirs: 'a\nC',
    text: text('a', ...conflict(['B'], ['C'])),
    conflicts: 1,
  },
  {
    name: 'CRLF notes get CRLF markers',
    base: 'a\r\nb\r\nc\r\n',
    ours: 'a\r\nB\r\nc\r\n',
    theirs: 'a\r\nC\r\nc\r\n',
    text: 'a\r\n<<<<<<< ours\r\nB\r\n=======\r\nC\r\n>>>>>>> theirs\r\nc\r\n',
    conflicts: 1,
  },
  {
    name: 'empty base, one side adds: clean',
    base: '',
    ours: text('x'),
    theirs: '',
    text: text('x'),
    conflicts: 0,
  },
  {
    name: 'empty base, both sides add different text: conflict',
    base: '',
    ours: text('x'),
    theirs: text('y'),
    text: text(...conflict(['x'], ['y'])),
    conflicts: 1,
  },
  {
    name: 'ours emptied the note, theirs left it: empty',
    base: text('a', 'b'),
    ours: '',
    theirs: text('a', 'b'),
    text: '',
    conflicts: 0,
  },
  {
    name: 'ours emptied the note, theirs edited it: conflict',
    base: text('a'),
    ours: '',
    theirs: text('b'),
    text: text(...conflict([], ['b'])),
    conflicts: 1,
  },
  {
    name: 'all three empty',
    base: '',
    ours: '',
    theirs: '',
    text: '',
    conflicts: 0,
  },
];

describe('mergeText', () => {
  it.each(cases)('$name', (c) => {
    expect(mergeText(c.base, c.ours, c.theirs)).toEqual({ text: c.text, conflicts: c.conflicts });
  });

  it('union keeps both sides of each conflict, ours then theirs, and reports no conflict', () => {
    const result = mergeText(text('a', 'b', 'c'), text('a', 'B1', 'c'), text('a', 'B2', 'c'), { favor: 'union' });
    expect(result).toEqual({ text: text('a', 'B1', 'B2', 'c'), conflicts: 0 });
  });

  it('union adds a newline between a last line without one and the other side', () => {
    const result = mergeText('a\nb', 'a\nB', 'a\nC', { favor: 'union' });
    expect(result).toEqual({ text: 'a\nB\nC', conflicts: 0 });
  });

  it('prints the given labels after the markers', () => {
    const labels = { ours: 'laptop', base: 'synced', theirs: 'phone' };
    const result = mergeText(text('a'), text('b'), text('c'), { labels });
    expect(result.text).toBe(text('<<<<<<< laptop', 'b', '=======', 'c', '>>>>>>> phone'));
  });

  it('diff3 style also shows the base, and does not refine the conflict', () => {
    const result = mergeText(text('a', 'b'), text('x', 'B1'), text('x', 'B2'), { style: 'diff3' });
    expect(result).toEqual({
      text: text('<<<<<<< ours', 'x', 'B1', '||||||| base', 'a', 'b', '=======', 'x', 'B2', '>>>>>>> theirs'),
      conflicts: 1,
    });
  });

  it('merges a 1 MB note edited at both ends', () => {
    const body = Array.from({ length: 20_000 }, (_, i) => `Line ${i}: the quick brown fox jumps over the lazy dog.`);
    const base = text(...body);
    expect(base.length).toBeGreaterThan(1_000_000);
    const ours = text('# Title', ...body.slice(1));
    const theirs = text(...body.slice(0, -1), 'The end.', 'P.S.');
    expect(mergeText(base, ours, theirs)).toEqual({
      text: text('# Title', ...body.slice(1, -1), 'The end.', 'P.S.'),
      conflicts: 0,
    });
  });

  it('compares lines as git compares their UTF-8 bytes: a lone surrogate equals U+FFFD', () => {
    // Encoded to UTF-8, '\uD800' becomes EF BF BD, the bytes of '\uFFFD': to git, ours changed nothing.
    const result = mergeText('a\n\uD800\nc\n', 'a\n\uFFFD\nc\n', 'a\n\uD800\nC\n');
    expect(result).toEqual({ text: 'a\n\uD800\nC\n', conflicts: 0 });
  });

  it('counts lines in UTF-16 text but splits only at newlines', () => {
    const result = mergeText(text('é', '日本', '🙂'), text('É', '日本', '🙂'), text('é', '日本', '🙃'));
    expect(result).toEqual({ text: text('É', '日本', '🙃'), conflicts: 0 });
  });
});

describe('diffLines', () => {
  it('returns the changed line ranges, 0-based', () => {
    expect(diffLines(text('a', 'b', 'c', 'd'), text('a', 'B', 'c', 'd', 'e'))).toEqual([
      { oldStart: 1, oldLines: 1, newStart: 1, newLines: 1 },
      { oldStart: 4, oldLines: 0, newStart: 4, newLines: 1 },
    ]);
  });

  it('slides an insertion of a repeated line down to the last place it fits, as git does', () => {
    expect(diffLines(text('a', 'x', 'b'), text('a', 'x', 'x', 'b'))).toEqual([
      { oldStart: 2, oldLines: 0, newStart: 2, newLines: 1 },
    ]);
  });

  it('finds nothing between equal texts', () => {
    expect(diffLines(text('a', 'b'), text('a', 'b'))).toEqual([]);
  });
});
