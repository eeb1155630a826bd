// Convergence (DESIGN.md, "The view"): three laptops do random work offline — new notes, edits of
// lines, titles and tags, trash and restore, the daily entry, resolutions — and swap bundles at
// random. After a full exchange every laptop shows every note identically, byte for byte, and
// fsck is clean everywhere. fast-check prints the seed and the smallest failing run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Journal } from '../journal/journal.js';
import { everyNote, useLaptops } from '../testing/replicas.js';

const { machines, clock } = useLaptops();

type Op =
  | { op: 'create'; who: number; lines: string[] }
  | { op: 'edit'; who: number; note: number; at: number; line: string; kind: 'insert' | 'replace' | 'delete' }
  | { op: 'title'; who: number; note: number; title: string }
  | { op: 'tag'; who: number; note: number; tag: string; add: boolean }
  | { op: 'trash'; who: number; note: number }
  | { op: 'restore'; who: number; note: number }
  | { op: 'today'; who: number; line: string }
  | { op: 'resolve'; who: number; note: number; take: number }
  | { op: 'carry'; from: number; to: number; full: boolean };

const who = fc.integer({ min: 0, max: 2 });
const line = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', '', '# heading', '- item', 'omega');
const note = fc.nat({ max: 7 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('create' as const), who, lines: fc.array(line, { maxLength: 6 }) }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('edit' as const), who, note, at: fc.nat({ max: 8 }), line, kind: fc.constantFrom('insert' as const, 'replace' as const, 'delete' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('title' as const), who, note, title: fc.constantFrom('Plans', 'Ideas', 'Todo') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('tag' as const), who, note, tag: fc.constantFrom('home', 'work', 'later'), add: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('trash' as const), who, note }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('restore' as const), who, note }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('today' as const), who, line }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('resolve' as const), who, note, take: fc.nat({ max: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('carry' as const), from: who, to: who, full: fc.boolean() }) },
);

function editLines(body: string, at: number, text: string, kind: 'insert' | 'replace' | 'delete'): string {
  const lines = body === '' ? [] : body.split('\n');
  const i = lines.length === 0 ? 0 : at % (lines.length + (kind === 'insert' ? 1 : 0));
  if (kind === 'insert') lines.splice(i, 0, text);
  else if (kind === 'replace' && lines.length > 0) lines[i] = text;
  else if (kind === 'delete' && lines.length > 0) lines.splice(i, 1);
  return lines.join('\n');
}

async function play(replicas: Journal[], ops: readonly Op[]): Promise<void> {
  for (const o of ops) {
    clock.tick(1000);
    if (o.op === 'carry') {
      if (o.from !== o.to) await machines.carry(replicas[o.from]!, replicas[o.to]!, o.full ? { all: true } : undefined);
      continue;
    }
    const j = replicas[o.who]!;
    const notes = [...j.notes(), ...j.notes({ trash: true })].filter((n) => n.day === null).sort((a, b) => (a.id < b.id ? -1 : 1));
    const target = 'note' in o ? notes[o.note % Math.max(1, notes.length)] : undefined;
    switch (o.op) {
      case 'create':
        j.createNote({ title: 'Note', body: o.lines.join('\n') });
        break;
      case 'edit':
        if (target !== undefined) j.editNote(target.id, { body: editLines(j.note(target.id).body, o.at, o.line, o.kind) });
        break;
      case 'title':
        if (target !== undefined) j.editNote(target.id, { title: o.title });
        break;
      case 'tag':
        if (target !== undefined) j.editNote(target.id, o.add ? { addTags: [o.tag] } : { removeTags: [o.tag] });
        break;
      case 'trash':
        if (target !== undefined) j.trashNote(target.id);
        break;
      case 'restore':
        if (target !== undefined) j.restoreNote(target.id);
        break;
      case 'today': {
        const day = j.today();
        j.editNote(day.id, { body: `${day.body}${o.line}\n` });
        break;
      }
      case 'resolve':
        if (target?.conflict === true) j.resolveConflict(target.id, { take: target.heads[o.take % target.heads.length]! });
        break;
    }
  }
}

describe('three laptops, random work, random bundles', () => {
  it('show identical notes everywhere after a full exchange, and fsck is clean (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        const a = machines.first('a');
        a.createNote({ title: 'Shared', body: 'alpha\nbeta\ngamma' });
        const b = await machines.cloneOf(a, 'b');
        const c = await machines.cloneOf(a, 'c');
        const replicas = [a, b, c];
        try {
          await play(replicas, ops);
          // Full exchange: around the ring twice, so every version reaches everyone.
          for (let round = 0; round < 2; round++) {
            await machines.carry(a, b);
            await machines.carry(b, c);
            await machines.carry(c, a);
          }
          const seen = everyNote(a);
          expect(everyNote(b)).toEqual(seen);
          expect(everyNote(c)).toEqual(seen);
          expect(b.vector()).toEqual(a.vector());
          expect(c.vector()).toEqual(a.vector());
          for (const j of replicas) expect(j.fsck().problems).toEqual([]);
        } finally {
          machines.closeAll();
        }
      }),
      { numRuns: 25 },
    );
  }, 180_000);
});
