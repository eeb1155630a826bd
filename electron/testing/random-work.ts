// Test support for convergence properties: random work a person does on one replica (new notes,
// edits of lines, titles and tags, trash and restore, the daily entry, resolutions), for property
// tests that mix it with exchanges (bundles, sync) and check every replica ends up the same.

import fc from 'fast-check';
import type { Journal } from '../journal/journal.js';

export type WorkOp =
  | { op: 'create'; who: number; lines: string[] }
  | { op: 'edit'; who: number; note: number; at: number; line: string; kind: 'insert' | 'replace' | 'delete' }
  | { op: 'title'; who: number; note: number; title: string }
  | { op: 'tag'; who: number; note: number; tag: string; add: boolean }
  | { op: 'trash'; who: number; note: number }
  | { op: 'restore'; who: number; note: number }
  | { op: 'today'; who: number; line: string }
  | { op: 'resolve'; who: number; note: number; take: number };

export const who = fc.integer({ min: 0, max: 2 });
const line = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', '', '# heading', '- item', 'omega');
const note = fc.nat({ max: 7 });
/** One step of a person's work on one replica, weighted roughly as people work. */
export const workOps: { weight: number; arbitrary: fc.Arbitrary<WorkOp> }[] = [
  { weight: 2, arbitrary: fc.record({ op: fc.constant('create' as const), who, lines: fc.array(line, { maxLength: 6 }) }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('edit' as const), who, note, at: fc.nat({ max: 8 }), line, kind: fc.constantFrom('insert' as const, 'replace' as const, 'delete' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('title' as const), who, note, title: fc.constantFrom('Plans', 'Ideas', 'Todo') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('tag' as const), who, note, tag: fc.constantFrom('home', 'work', 'later'), add: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('trash' as const), who, note }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('restore' as const), who, note }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('today' as const), who, line }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('resolve' as const), who, note, take: fc.nat({ max: 3 }) }) },
];

function editLines(body: string, at: number, text: string, kind: 'insert' | 'replace' | 'delete'): string {
  const lines = body === '' ? [] : body.split('\n');
  const i = lines.length === 0 ? 0 : at % (lines.length + (kind === 'insert' ? 1 : 0));
  if (kind === 'insert') lines.splice(i, 0, text);
  else if (kind === 'replace' && lines.length > 0) lines[i] = text;
  else if (kind === 'delete' && lines.length > 0) lines.splice(i, 1);
  return lines.join('\n');
}

/** Does one step of work on its replica; a step that names a note picks among the replica's own. */
export function applyWork(replicas: readonly Journal[], o: WorkOp): void {
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

