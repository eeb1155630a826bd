import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import { applyDelta, createDelta } from './delta.js';

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────────

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function bytesOf(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Byte equality without a per-element deep compare (bodies in these tests go up to 2 MB). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Unsigned LEB128, written independently of delta.ts so that the tests pin the format down. */
function varint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
  return out;
}

/** The target length a delta declares (the varint after the format byte). */
function declaredLength(delta: Uint8Array): number {
  let value = 0;
  let scale = 1;
  for (let at = 1; ; at++) {
    const byte = delta[at]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 0x80;
  }
}

const copyOp = (offset: number, length: number): number[] => [...varint(length * 2 + 1), ...varint(offset)];
const insertOp = (data: Uint8Array): number[] => [...varint(data.length * 2), ...data];

/** Round-trips and returns the delta, so that a test can also look at its size. */
function roundTrip(base: Uint8Array, target: Uint8Array): Uint8Array {
  const delta = createDelta(base, target);
  const rebuilt = applyDelta(base, delta);
  expect(rebuilt.length).toBe(target.length);
  expect(sameBytes(rebuilt, target)).toBe(true);
  return delta;
}

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

function expectCorrupt(base: Uint8Array, delta: Uint8Array): void {
  const error = errorOf(() => applyDelta(base, delta));
  expect(error).toBeInstanceOf(FerryError);
  expect(error).toMatchObject({ code: 'Corrupt' });
}

/** A small deterministic PRNG (mulberry32), so that generated notes are the same on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const vocabulary = (
  'the a of to and in harbour ferry crossing morning tide island notes wrote about weather wind ' +
  'passengers deck captain timetable late early coffee ticket queue quay gull rope engine quiet ' +
  'slowly under over between across river estuary lighthouse map compass journal page sentence ' +
  'remember tomorrow yesterday because although while market bread cheese letter postcard sister ' +
  'brother friend garden rain sunlight fog bell horn signal station village road hill path bridge'
).split(' ');

/** A single paragraph line of about `length` bytes (paragraphs are single long lines). */
function paragraph(random: () => number, length: number): string {
  const words: string[] = [];
  let size = 0;
  while (size < length) {
    const word = vocabulary[Math.floor(random() * vocabulary.length)]!;
    words.push(word);
    size += word.length + 1;
  }
  return words.join(' ') + '.';
}

/** A ~4 KB Markdown note: headings, paragraph lines (one of them ~500 bytes), a list. */
function note(seed: number): { lines: string[]; longLine: number } {
  const random = prng(seed);
  const lines = ['# Crossing to the island', '', paragraph(random, 300), ''];
  const longLine = lines.length;
  lines.push(paragraph(random, 500), '', '## Things to remember', '');
  for (let item = 0; item < 12; item++) lines.push(`- ${paragraph(random, 40)}`);
  lines.push('');
  while (lines.join('\n').length < 3800) lines.push(paragraph(random, 350), '');
  return { lines, longLine };
}

const render = (lines: string[]): Uint8Array => utf8(lines.join('\n'));

/** Replaces the word nearest the middle of a line with another word. */
function changeWordInMiddle(line: string, replacement: string): string {
  const middle = line.indexOf(' ', Math.floor(line.length / 2));
  const end = line.indexOf(' ', middle + 1);
  return line.slice(0, middle + 1) + replacement + line.slice(end);
}

// ── The format, byte by byte ─────────────────────────────────────────────────────────────────────

describe('D1, D2: the delta format (version 1)', () => {
  it('starts with the format byte and the target length: the empty target is 01 00', () => {
    expect([...createDelta(utf8('anything'), new Uint8Array(0))]).toEqual([0x01, 0x00]);
  });

  it('sends bytes the base lacks as an insert: header 2 × len, then the bytes', () => {
    expect([...createDelta(new Uint8Array(0), utf8('abc'))]).toEqual([0x01, 0x03, 0x06, 0x61, 0x62, 0x63]);
  });

  it('copies from the base with header 2 × len + 1, then the offset, all in LEB128 varints', () => {
    const base = new Uint8Array(300).map((_, i) => i % 251);
    const target = base.subarray(0, 200);
    expect([...createDelta(base, target)]).toEqual([0x01, 0xc8, 0x01, 0x91, 0x03, 0x00]);
  });

  it('decodes hand-written deltas that mix copies and inserts', () => {
    const base = utf8('Hello, world!\n');
    const delta = bytesOf(0x01, ...varint(19), ...copyOp(0, 7), ...insertOp(utf8('ferry folk')), ...copyOp(12, 2));
    expect(new TextDecoder().decode(applyDelta(base, delta))).toBe('Hello, ferry folk!\n');
  });

  it('may copy the same base bytes more than once and out of order', () => {
    const base = utf8('ab');
    const delta = bytesOf(0x01, 5, ...copyOp(1, 1), ...copyOp(0, 2), ...copyOp(0, 2));
    expect(new TextDecoder().decode(applyDelta(base, delta))).toBe('babab');
  });
});

// ── Round trips ─────────────────────────────────────────────────────────────────────────────────

describe('round trips', () => {
  const text = utf8('# Notes\n\nA paragraph about the morning ferry, which was late again.\n');
  const cases: [string, Uint8Array, Uint8Array][] = [
    ['both empty', new Uint8Array(0), new Uint8Array(0)],
    ['an empty base: the whole target is inserted', new Uint8Array(0), text],
    ['an empty target: everything is deleted', text, new Uint8Array(0)],
    ['identical inputs', text, text],
    ['disjoint inputs', utf8('completely different words in here, nothing shared'), text],
    ['a one-byte base and target', bytesOf(0x41), bytesOf(0x42)],
    [
      'multi-byte UTF-8 (accents, CJK, emoji), edited mid-character',
      utf8('Crème brûlée à la gare — 東京行きのフェリー 🚢⚓ notes Ünïcödé\n'.repeat(20)),
      utf8('Crème brûlée à la gare — 東京行きのフェリー 🚢⚓ notes Ünïcödé\n'.repeat(10) + '大阪 🌊\n' + 'Crème brûlée à la gare — 東京行きのフェリー 🛳 notes\n'.repeat(10)),
    ],
    [
      'CRLF line endings, with a line inserted and one turned into LF',
      utf8(Array.from({ length: 40 }, (_, i) => `line ${i} of a note written on Windows`).join('\r\n')),
      utf8(Array.from({ length: 40 }, (_, i) => (i === 17 ? `new line\r\nline ${i} of a note written on Windows\n` : `line ${i} of a note written on Windows\r\n`)).join('')),
    ],
    [
      'binary bytes, all 256 values',
      new Uint8Array(4096).map((_, i) => (i * 31 + (i >> 8)) & 0xff),
      new Uint8Array(5000).map((_, i) => (i < 2000 ? (i * 31 + (i >> 8)) & 0xff : (i * 7) & 0xff)),
    ],
    [
      'a copied block followed by the same bytes as the common suffix (a match must stop where the suffix starts)',
      utf8('- [x] call the harbour office\nThe ferry was late.\nTide table:\nThe ferry was late.\n'),
      utf8('Notes\n- [x] call the harbour office\nThe ferry was late.\n'),
    ],
    ['a target that is a slice of the base', text, text.subarray(10, 40)],
    ['a target that repeats the base', text, concat(text, text, text)],
  ];

  it.each(cases)('%s', (_name, base, target) => {
    roundTrip(base, target);
  });

  it('accepts Buffers as well as Uint8Arrays', () => {
    const base = Buffer.from('the morning ferry was late, as usual, and nobody minded at all');
    const target = Buffer.from('the morning ferry was early, for once, and nobody minded at all');
    expect(sameBytes(applyDelta(base, createDelta(base, target)), target)).toBe(true);
  });
});

// ── Sizes for the typical edits ─────────────────────────────────────────────────────────────────

describe('sizes for the typical edits on a ~4 KB note', () => {
  const { lines, longLine } = note(7);
  const base = render(lines);

  it('the generated note is what the stories below assume', () => {
    expect(base.length).toBeGreaterThan(3800);
    expect(base.length).toBeLessThan(4400);
    expect(lines[longLine]!.length).toBeGreaterThanOrEqual(500);
  });

  it('storing an unchanged body costs a handful of bytes', () => {
    expect(roundTrip(base, base).length).toBeLessThan(10);
  });

  it('a one-word change inside a 500-byte paragraph line costs a few dozen bytes at most', () => {
    const edited = [...lines];
    edited[longLine] = changeWordInMiddle(lines[longLine]!, 'lighthouse-keeper');
    expect(roundTrip(base, render(edited)).length).toBeLessThan(40);
  });

  it('inserting one ~80-byte line costs little more than the line itself', () => {
    const line = '- Ask at the ticket office whether the 07:40 crossing runs on Sundays in winter.';
    expect(line.length).toBeGreaterThanOrEqual(80);
    const edited = [...lines];
    edited.splice(longLine + 4, 0, line);
    expect(roundTrip(base, render(edited)).length).toBeLessThan(110);
  });

  it('appending a paragraph costs the paragraph and a few bytes', () => {
    const added = paragraph(prng(99), 400);
    const target = render([...lines, '', added]);
    expect(roundTrip(base, target).length).toBeLessThan(added.length + 15);
  });

  it('three edits at once (a word, a line, a deleted list item) cost well under the text they add', () => {
    const edited = [...lines];
    edited[2] = changeWordInMiddle(lines[2]!, 'timetable');
    edited.splice(edited.length - 3, 0, '- Bring the blue notebook, the one with the map of the estuary in it.');
    edited.splice(longLine + 6, 1);
    expect(roundTrip(base, render(edited)).length).toBeLessThan(130);
  });

  it('moving a paragraph to the end is copies, not a re-insert of the paragraph', () => {
    const edited = [...lines];
    const [moved] = edited.splice(longLine, 2);
    edited.push('', moved!);
    expect(roundTrip(base, render(edited)).length).toBeLessThan(40);
  });
});

// ── Properties ──────────────────────────────────────────────────────────────────────────────────

type Edit =
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; length: number; bytes: Uint8Array }
  | { kind: 'move'; from: number; length: number; to: number }
  | { kind: 'duplicate'; from: number; length: number; to: number };

/**
 * Applies one edit; positions wrap around the body's length. With `byLine`, positions snap back
 * to the start of their line and inserted bytes end in a newline: whole lines are inserted,
 * deleted, replaced, moved and duplicated, as a person editing a note does.
 */
function applyEdit(body: Uint8Array, edit: Edit, byLine: boolean): Uint8Array {
  const n = body.length;
  const snap = (pos: number, within: Uint8Array = body): number => (byLine ? within.lastIndexOf(0x0a, pos - 1) + 1 : pos);
  const line = (bytes: Uint8Array): Uint8Array => (byLine ? concat(bytes, bytesOf(0x0a)) : bytes);
  switch (edit.kind) {
    case 'insert': {
      const at = snap(edit.at % (n + 1));
      return concat(body.subarray(0, at), line(edit.bytes), body.subarray(at));
    }
    case 'delete':
    case 'replace': {
      const at = snap(edit.at % (n + 1));
      const end = Math.max(at, snap(Math.min(n, at + edit.length)));
      const bytes = edit.kind === 'replace' ? line(edit.bytes) : new Uint8Array(0);
      return concat(body.subarray(0, at), bytes, body.subarray(end));
    }
    case 'move':
    case 'duplicate': {
      const from = snap(edit.from % (n + 1));
      const end = Math.max(from, snap(Math.min(n, from + edit.length)));
      const block = body.subarray(from, end);
      const rest = edit.kind === 'move' ? concat(body.subarray(0, from), body.subarray(end)) : body;
      const to = snap(edit.to % (rest.length + 1), rest);
      return concat(rest.subarray(0, to), block, rest.subarray(to));
    }
  }
}

const wordsArb = fc
  .array(fc.constantFrom(...vocabulary, '\n', '\n\n', '. ', ', ', '- ', '# '), { maxLength: 400 })
  .map((words) => utf8(words.join(' ')));
/** Lines drawn from a handful, so that the same lines (and the common suffix) recur all over. */
const recurringLinesArb = fc
  .array(fc.constantFrom('- [ ] buy bread\n', '- [x] call the harbour office\n', 'Tide table:\n', '\n', 'The ferry was late again today.\n'), { maxLength: 120 })
  .map((lines) => utf8(lines.join('')));
/** Bodies: Markdown-ish text, recurring lines, arbitrary Unicode, raw bytes, very repetitive bytes. */
const bodyArb = fc.oneof(
  wordsArb,
  recurringLinesArb,
  fc.string({ unit: 'grapheme', maxLength: 300 }).map(utf8),
  fc.uint8Array({ maxLength: 2000 }),
  fc.array(fc.constantFrom(0x61, 0x62, 0x0a), { maxLength: 2000 }).map((values) => Uint8Array.from(values)),
);
const snippetArb = fc.oneof(
  fc.uint8Array({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map(utf8),
  fc.array(fc.constantFrom(...vocabulary), { maxLength: 12 }).map((words) => utf8(words.join(' '))),
);
const lengthArb = fc.nat({ max: 600 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: snippetArb }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: lengthArb }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), length: lengthArb, bytes: snippetArb }),
  fc.record({ kind: fc.constant('move' as const), from: fc.nat(), length: lengthArb, to: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), from: fc.nat(), length: lengthArb, to: fc.nat() }),
);
/** A base and a target made from it by a few edits (or, sometimes, an unrelated target). */
const pairArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(bodyArb, fc.array(editArb, { maxLength: 6 }), fc.boolean())
      .map(([base, edits, byLine]) => ({ base, target: edits.reduce((body, edit) => applyEdit(body, edit, byLine), base) })),
  },
  { weight: 1, arbitrary: fc.record({ base: bodyArb, target: bodyArb }) },
);

/** What storing the target whole, as a single insert, would cost. */
const insertOnlySize = (length: number): number => 1 + varint(length).length + varint(length * 2).length + length;

describe('properties (fast-check prints the seed and the shrunk counterexample on failure)', () => {
  it('applyDelta(base, createDelta(base, target)) rebuilds the target', () => {
    fc.assert(
      fc.property(pairArb, ({ base, target }) => {
        expect(sameBytes(applyDelta(base, createDelta(base, target)), target)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic: the same inputs give the same bytes', () => {
    fc.assert(
      fc.property(pairArb, ({ base, target }) => {
        expect(sameBytes(createDelta(base, target), createDelta(Uint8Array.from(base), Uint8Array.from(target)))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a delta is never bigger than storing the target as one insert', () => {
    fc.assert(
      fc.property(pairArb, ({ base, target }) => {
        expect(createDelta(base, target).length).toBeLessThanOrEqual(insertOnlySize(target.length));
      }),
      { numRuns: 300 },
    );
  });

  /** Decodes, and checks that the outcome is one of the two allowed: Corrupt, or the declared length. */
  function refusedOrDeclaredLength(base: Uint8Array, delta: Uint8Array): void {
    let rebuilt: Uint8Array;
    try {
      rebuilt = applyDelta(base, delta);
    } catch (error) {
      expect(error).toBeInstanceOf(FerryError);
      expect(error).toMatchObject({ code: 'Corrupt' });
      return;
    }
    // A delta can be valid and still not be the one that was stored: the format has no checksum
    // (the body's content hash catches that), but it must build exactly what its header says.
    expect(rebuilt.length).toBe(declaredLength(delta));
  }

  it('a mangled delta is refused as Corrupt or rebuilds exactly the length it declares, never anything else', () => {
    const flipsArb = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(pairArb, flipsArb, ({ base, target }, flips) => {
        const mangled = Uint8Array.from(createDelta(base, target));
        for (const [at, mask] of flips) mangled[at % mangled.length]! ^= mask;
        refusedOrDeclaredLength(base, mangled);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes are refused as Corrupt or decode to their declared length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), fc.boolean(), (base, tail, withFormat) => {
        refusedOrDeclaredLength(base, withFormat ? concat(bytesOf(0x01), tail) : tail);
      }),
      { numRuns: 500 },
    );
  });
});

// ── Malformed deltas ────────────────────────────────────────────────────────────────────────────

describe('D3: malformed deltas are refused as Corrupt', () => {
  const { lines, longLine } = note(3);
  const base = render(lines);
  const edited = [...lines];
  edited[longLine] = changeWordInMiddle(lines[longLine]!, 'fog-bound');
  edited.splice(3, 0, 'A new line, inserted near the top of the note, long enough to be an insert op.');
  const target = render(edited);
  const delta = createDelta(base, target);

  it('the real delta used below decodes, and has several ops', () => {
    expect(sameBytes(applyDelta(base, delta), target)).toBe(true);
    expect(delta.length).toBeGreaterThan(20);
  });

  it('an empty delta', () => {
    expectCorrupt(base, new Uint8Array(0));
  });

  it('a delta truncated at any byte position', () => {
    for (let length = 0; length < delta.length; length++) expectCorrupt(base, delta.subarray(0, length));
  });

  it('an unknown format byte', () => {
    for (const format of [0x00, 0x02, 0x7f, 0xff]) expectCorrupt(base, concat(bytesOf(format), delta.subarray(1)));
  });

  it('a copy that runs past the end of the base (or a delta applied to the wrong, shorter base)', () => {
    const small = utf8('0123456789');
    expect(new TextDecoder().decode(applyDelta(small, bytesOf(0x01, 10, ...copyOp(0, 10))))).toBe('0123456789');
    expectCorrupt(small, bytesOf(0x01, 11, ...copyOp(0, 11)));
    expectCorrupt(small, bytesOf(0x01, 2, ...copyOp(9, 2)));
    expectCorrupt(small, bytesOf(0x01, 1, ...copyOp(10, 1)));
    expectCorrupt(small, bytesOf(0x01, 1, ...copyOp(2 ** 40, 1)));
    expectCorrupt(new Uint8Array(0), bytesOf(0x01, 1, ...copyOp(0, 1)));
    expectCorrupt(base.subarray(0, 100), delta);
  });

  it('a declared target length that the ops do not build', () => {
    const declared = applyDelta(base, delta).length;
    const rest = delta.subarray(1 + varint(declared).length);
    for (const wrong of [0, 1, declared - 1, declared + 1, declared * 2, 2 ** 40]) {
      expectCorrupt(base, concat(bytesOf(0x01, ...varint(wrong)), rest));
    }
  });

  it('trailing bytes after the last op', () => {
    expectCorrupt(base, concat(delta, bytesOf(0x00)));
    expectCorrupt(base, concat(delta, bytesOf(0xff)));
    expectCorrupt(base, concat(delta, bytesOf(...insertOp(utf8('!'))))); // a well-formed extra op
    expectCorrupt(base, concat(delta, bytesOf(...copyOp(0, 1))));
  });

  it('an insert whose bytes are missing', () => {
    expectCorrupt(base, bytesOf(0x01, 5, ...varint(10), 0x61, 0x62));
  });

  it('a zero-length op', () => {
    expectCorrupt(base, bytesOf(0x01, 0, 0x00));
    expectCorrupt(base, bytesOf(0x01, 0, 0x01, 0x00));
    expectCorrupt(base, bytesOf(0x01, 1, 0x00, ...insertOp(utf8('a'))));
  });

  it('a varint that is not minimal, too long, or beyond 2^53 − 1', () => {
    expectCorrupt(base, bytesOf(0x01, 0x80, 0x00)); // 0 written in two bytes
    expectCorrupt(base, bytesOf(0x01, 0x81, 0x00, ...insertOp(utf8('a'))));
    expectCorrupt(base, bytesOf(0x01, ...new Array<number>(9).fill(0x80), 0x01));
    expectCorrupt(base, bytesOf(0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f));
  });

  it('a huge declared length is refused before anything is allocated for it', () => {
    expectCorrupt(base, bytesOf(0x01, ...varint(2 ** 53 - 1), ...insertOp(utf8('a'))));
  });
});

// ── Large and repetitive bodies ─────────────────────────────────────────────────────────────────

describe('large and repetitive bodies', () => {
  it('a 2 MB body with a word changed and a line inserted round-trips with a small delta', () => {
    const random = prng(2024);
    const lines: string[] = [];
    let size = 0;
    while (size < 2 * 1024 * 1024) {
      const line = paragraph(random, 200 + Math.floor(random() * 600));
      lines.push(line, '');
      size += line.length + 2;
    }
    const base = render(lines);
    const edited = [...lines];
    const middle = Math.floor(lines.length / 2) & ~1; // a paragraph line, half-way down
    edited[middle] = changeWordInMiddle(lines[middle]!, 'lighthouse');
    const last = lines.length - 2;
    edited[last] = `${lines[last]!} And one more sentence at the end of the last paragraph.`;
    edited.splice(10, 0, '- A line inserted near the top of a very long note.');
    expect(roundTrip(base, render(edited)).length).toBeLessThan(200);
  });

  it('a 1 MB body of one repeated character round-trips, edited or not, without a hang', () => {
    const same = new Uint8Array(1024 * 1024).fill(0x61);
    expect(roundTrip(same, same).length).toBeLessThan(10);
    expect(roundTrip(new Uint8Array(0), same).length).toBe(insertOnlySize(same.length));

    const changed = Uint8Array.from(same);
    changed[512 * 1024] = 0x62;
    expect(roundTrip(same, changed).length).toBeLessThan(20);

    // Different first and last bytes defeat the prefix and suffix fast path: the index has to
    // cope with every window of the base landing in one bucket.
    const framed = concat(bytesOf(0x62), same.subarray(0, 500_000), bytesOf(0x63), same.subarray(0, 500_000), bytesOf(0x62));
    expect(roundTrip(same, framed).length).toBeLessThan(30);
    expect(roundTrip(framed, same).length).toBeLessThan(30);
  });

  it('repetitive text out of step with the base stays linear', () => {
    const ab = new Uint8Array(1024 * 1024).map((_, i) => (i % 2 === 0 ? 0x61 : 0x62));
    const ba = ab.subarray(1);
    expect(roundTrip(ab, concat(ba, bytesOf(0x61, 0x63))).length).toBeLessThan(30);
    // A short repetitive base against a long repetitive target: many copies, each of the whole base.
    const shortBase = new Uint8Array(100).fill(0x61);
    roundTrip(shortBase, concat(new Uint8Array(1024 * 1024).fill(0x61), bytesOf(0x62)));
    // Near-repeats: a run of 20 a's then a b, over and over, against a base of only a's.
    const runs = new Uint8Array(1024 * 1024).map((_, i) => (i % 21 === 20 ? 0x62 : 0x61));
    roundTrip(new Uint8Array(1024 * 1024).fill(0x61), runs);
  });
});
