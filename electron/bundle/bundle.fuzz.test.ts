// No file a user could carry can damage a journal: bundles with bits flipped, cut short, padded,
// replaced by random bytes, or damaged below a recomputed checksum (so that every layer of the
// reader is reached) are refused with a clear FerryError and change nothing; the rare damage that
// still makes a valid bundle (a letter of the device name) imports cleanly and fsck passes.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import { Journal } from '../journal/journal.js';
import { everyNote, laptops } from '../testing/replicas.js';
import { tempFolders, testClock } from '../testing/temp-journal.js';
import { decompressBody } from './bundle-body.js';
import { encodeBundle, parseBundle } from './bundle-file.js';
import { createBundle } from './create-bundle.js';
import { importBundle } from './import-bundle.js';

const folders = tempFolders();
const clock = testClock();
const machines = laptops(folders, clock);
/** The receiving journal as it was before any case: each case imports into a fresh copy of it. */
let template: string;
let good: Buffer;
let snapshot: { notes: unknown; vector: unknown; runs: unknown };
let counter = 0;

beforeAll(async () => {
  const home = machines.first('home desktop');
  const seedNote = home.createNote({ title: 'Seed', body: 'shared\n' });
  const work = await machines.cloneOf(home, 'work laptop');
  work.editNote(seedNote.id, { body: 'shared\nfrom work\n', addTags: ['work'] });
  for (let i = 0; i < 8; i++) work.createNote({ title: `Work note ${i}`, body: `Line ${i}\n`.repeat(i + 1) });
  work.trashNote(seedNote.id);
  const file = machines.stickFile('good.ferry');
  await createBundle(work, file, { for: 'home desktop' }, clock.now);
  good = readFileSync(file);
  snapshot = state(home);
  template = home.path;
  home.close();
});
afterAll(() => {
  machines.closeAll();
  folders.cleanup();
});

function state(journal: Journal) {
  return { notes: everyNote(journal), vector: journal.vector(), runs: journal.runs() };
}

/** Imports `bytes`; a refusal must be a FerryError other than Internal, and leave the journal as it was. */
async function tryImport(bytes: Uint8Array): Promise<'refused' | 'imported'> {
  const caseDir = folders.make('ferry-fuzz-');
  const file = join(caseDir, `case-${counter++}.ferry`);
  writeFileSync(file, bytes);
  const journalDir = join(caseDir, 'journal');
  mkdirSync(journalDir);
  copyFileSync(Journal.fileIn(template), Journal.fileIn(journalDir));
  const home = Journal.open(journalDir, { clock: clock.now });
  try {
    await importBundle(home, file);
    expect(home.fsck().problems).toEqual([]);
    return 'imported';
  } catch (error) {
    expect(error).toBeInstanceOf(FerryError);
    expect((error as FerryError).code).not.toBe('Internal');
    expect((error as FerryError).message).toMatch(/\S/);
    expect(state(home)).toEqual(snapshot);
    return 'refused';
  } finally {
    home.close();
    rmSync(caseDir, { recursive: true, force: true });
  }
}

/** The same bundle with its body's stream changed by `damage`, recompressed as one block (B3) and resealed. */
async function resealed(damage: (stream: Buffer) => Buffer): Promise<Buffer> {
  const { header, body } = parseBundle(good, 'good.ferry');
  const block = brotliCompressSync(damage(Buffer.from(await decompressBody(body))));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(block.length);
  return Buffer.concat(encodeBundle(header, [length, block]));
}

const runs = { numRuns: 60 };

describe('the bundle reader, fuzzed (B4, B5, T3–T6)', () => {
  it('refuses a bundle with one bit flipped anywhere, and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 0, max: 7 }), async (at, bit) => {
        const bytes = Buffer.from(good);
        bytes[at % bytes.length]! ^= 1 << bit;
        expect(await tryImport(bytes)).toBe('refused');
      }),
      runs,
    );
  });

  it('refuses a bundle cut short at any length, or with bytes after its end', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (at) => {
        expect(await tryImport(good.subarray(0, at % good.length))).toBe('refused');
      }),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 64 }), async (extra) => {
        expect(await tryImport(Buffer.concat([good, extra]))).toBe('refused');
      }),
      { numRuns: 20 },
    );
  });

  it('refuses random bytes, with or without the signature in front', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.boolean(), async (random, signed) => {
        const bytes = signed ? Buffer.concat([good.subarray(0, 14), random]) : Buffer.from(random);
        expect(await tryImport(bytes)).toBe('refused');
      }),
      runs,
    );
  });

  it('refuses damage below a recomputed checksum: flipped bits and cuts in the stream itself', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 0, max: 7 }), async (at, bit) => {
        const bytes = await resealed((stream) => {
          stream[at % stream.length]! ^= 1 << bit;
          return stream;
        });
        // A flip can only ever be accepted if it changed nothing a version's id covers: it cannot.
        expect(await tryImport(bytes)).toBe('refused');
      }),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (at) => {
        expect(await tryImport(await resealed((stream) => stream.subarray(0, at % stream.length)))).toBe('refused');
      }),
      { numRuns: 30 },
    );
  });

  it('imports cleanly, or refuses cleanly, a header damaged below a recomputed checksum', async () => {
    const { header, body } = parseBundle(good, 'good.ferry');
    const text = JSON.stringify(header);
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 0, max: 6 }), async (at, bit) => {
        const chars = [...text];
        const i = at % chars.length;
        chars[i] = String.fromCharCode(chars[i]!.charCodeAt(0) ^ (1 << bit));
        const damagedHeader = Buffer.from(chars.join(''), 'utf8');
        const parts = encodeBundle(header, [body]);
        // Swap the header bytes and its length, then reseal.
        const prefix = Buffer.from(parts[0]!);
        prefix.writeUInt32BE(damagedHeader.length, prefix.length - 4);
        const resealedParts = [prefix, damagedHeader, ...parts.slice(2, -1)];
        const hash = createHash('sha256');
        for (const p of resealedParts) hash.update(p);
        outcomes.add(await tryImport(Buffer.concat([...resealedParts, hash.digest()])));
      }),
      runs,
    );
    expect(outcomes.has('refused')).toBe(true);
  });
});
