// Property: whatever a person does to their notes (write, edit, retag, trash, restore, restore an
// old version, type drafts, close and reopen), the journal stays sound (fsck is clean), every
// note shows what a simple model of its edits says, and its history holds every step.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestJournal, tempFolders, testClock } from '../testing/temp-journal.js';
import { draftLeftAfterMs, Journal } from './journal.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

type Op =
  | { kind: 'create'; title: string; body: string; tags: string[] }
  | { kind: 'edit'; note: number; body: string }
  | { kind: 'append'; note: number; text: string }
  | { kind: 'retag'; note: number; tags: string[] }
  | { kind: 'trash'; note: number }
  | { kind: 'restore'; note: number }
  | { kind: 'restoreOld'; note: number; back: number }
  | { kind: 'draft'; note: number; body: string; commit: boolean }
  | { kind: 'reopen' };

const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const line = fc.oneof(text, fc.constantFrom('', '\r\n', 'café ☕', '# Heading', '- [ ] task'));
const body = fc.array(line, { maxLength: 8 }).map((lines) => lines.join('\n'));
const tag = fc.constantFrom('work', 'home', 'ideas', 'travel', 'zürich');
const tags = fc.uniqueArray(tag, { maxLength: 3 });
const note = fc.nat({ max: 7 });

const create = fc.record({ kind: fc.constant('create' as const), title: text.map((t) => t.replace(/[\r\n]/g, ' ')), body, tags });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: create },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), note, body }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('append' as const), note, text }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retag' as const), note, tags }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('trash' as const), note }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restore' as const), note }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restoreOld' as const), note, back: fc.nat({ max: 10 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('draft' as const), note, body, commit: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) },
);

interface Model {
  id: string;
  title: string;
  body: string;
  tags: string[];
  deleted: boolean;
  versions: number;
  pendingDraft: string | null;
}

describe('any sequence of edits (property)', () => {
  it('leaves a sound journal whose notes and histories match a model of what was done', () => {
    fc.assert(
      // Every run starts with two notes, then up to 80 steps of anything (fast-check's default
      // size would make most runs a handful of steps).
      fc.property(fc.tuple(create, create, fc.array(op, { minLength: 10, maxLength: 80, size: 'max' })), ([first, second, rest]) => {
        const ops: Op[] = [first, second, ...rest];
        const clock = testClock();
        const dir = folders.make();
        let journal = createTestJournal(dir, { clock: clock.now });
        const model: Model[] = [];
        const pick = (i: number) => (model.length === 0 ? undefined : model[i % model.length]);
        const applyEdit = (m: Model, next: Partial<Model>) => {
          // Any pending draft is committed first, as a version of its own.
          if (m.pendingDraft !== null) {
            if (m.pendingDraft !== m.body) {
              m.body = m.pendingDraft;
              m.versions++;
            }
            m.pendingDraft = null;
          }
          const changed = Object.entries(next).some(([k, v]) => JSON.stringify(m[k as keyof Model]) !== JSON.stringify(v));
          Object.assign(m, next);
          if (changed) m.versions++;
        };
        try {
          for (const o of ops) {
            clock.tick(1000);
            if (o.kind === 'create') {
              const n = journal.createNote({ title: o.title, body: o.body, tags: o.tags });
              model.push({ id: n.id, title: o.title.trim(), body: o.body, tags: [...o.tags].sort(), deleted: false, versions: 1, pendingDraft: null });
              continue;
            }
            if (o.kind === 'reopen') {
              journal.close();
              // Opened again a while later: leftover drafts have rested, and are committed at open.
              clock.tick(draftLeftAfterMs);
              journal = Journal.open(dir, { clock: clock.now });
              for (const m of model) applyEdit(m, {});
              continue;
            }
            const m = pick(o.note);
            if (m === undefined) continue;
            switch (o.kind) {
              case 'edit':
                journal.editNote(m.id, { body: o.body });
                applyEdit(m, { body: o.body });
                break;
              case 'append': {
                const current = m.pendingDraft ?? m.body;
                journal.editNote(m.id, { body: current + o.text });
                applyEdit(m, { body: current + o.text });
                break;
              }
              case 'retag':
                journal.editNote(m.id, { tags: o.tags });
                applyEdit(m, { tags: [...o.tags].sort() });
                break;
              case 'trash':
                journal.trashNote(m.id);
                applyEdit(m, { deleted: true });
                break;
              case 'restore':
                journal.restoreNote(m.id);
                applyEdit(m, { deleted: false });
                break;
              case 'restoreOld': {
                const history = journal.history(m.id);
                const old = history[Math.min(o.back, history.length - 1)]!;
                journal.restoreNote(m.id, old.id);
                applyEdit(m, { title: old.title, body: old.body, tags: old.tags, deleted: false });
                break;
              }
              case 'draft':
                journal.saveDraft(m.id, { title: m.title, body: o.body, tags: m.tags });
                m.pendingDraft = o.body;
                if (o.commit) {
                  journal.commitDraft(m.id);
                  applyEdit(m, {});
                }
                break;
            }
          }
          const report = journal.fsck();
          expect(report.problems).toEqual([]);
          for (const m of model) {
            const shown = journal.note(m.id);
            expect({ title: shown.title, body: shown.body, tags: shown.tags, deleted: shown.deleted }).toEqual({ title: m.title, body: m.body, tags: m.tags, deleted: m.deleted });
            expect(journal.draft(m.id)?.body ?? null).toBe(m.pendingDraft);
            const history = journal.history(m.id);
            expect(history).toHaveLength(m.versions);
            // Complete: every version's parent is the one before it, back to the creation.
            history.forEach((v, i) => expect(v.parents).toEqual(i === history.length - 1 ? [] : [history[i + 1]!.id]));
          }
          const seqs = journal.log(1_000_000).map((v) => v.seq);
          expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs.length - i));
        } finally {
          journal.close();
          folders.cleanup();
        }
      }),
      { numRuns: 40, verbose: fc.VerbosityLevel.Verbose },
    );
  });
});
