// Merging note bodies typed in an editor, whose last line usually has no newline: a line written
// at the end on one device and a line fixed just above it on another are two separate edits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeText } from './diff3.js';
import { mergeBody } from './merge-body.js';

const plain = { union: false };
const daily = { union: true };

describe('a last line without a newline', () => {
  const base = '# Trip\n- train at 9:40\n- hotel\n- boots';
  const fixed = '# Trip\n- train at 9:40\n- hotel, 3 nights\n- boots';
  const appended = '# Trip\n- train at 9:40\n- hotel\n- boots\n- map';

  it('does not make a conflict of a line fixed on one device and a line written after it on another', () => {
    expect(mergeText(base, fixed, appended).conflicts).toBe(1); // git's merge-file conflicts here
    expect(mergeBody(base, fixed, appended, plain)).toEqual({ text: '# Trip\n- train at 9:40\n- hotel, 3 nights\n- boots\n- map', conflicts: 0 });
    expect(mergeBody(base, appended, fixed, plain)).toEqual({ text: '# Trip\n- train at 9:40\n- hotel, 3 nights\n- boots\n- map', conflicts: 0 });
  });

  it('keeps no old last line twice in a daily entry', () => {
    const day = 'Slept badly.\nCoffee.';
    const laptop = 'Slept well.\nCoffee.';
    const phone = 'Slept badly.\nCoffee.\nLunch with Ana.';
    expect(mergeText(day, laptop, phone, { favor: 'union' }).text).toBe('Slept well.\nCoffee.\nSlept badly.\nCoffee.\nLunch with Ana.');
    expect(mergeBody(day, laptop, phone, daily)).toEqual({ text: 'Slept well.\nCoffee.\nLunch with Ana.', conflicts: 0 });
  });

  it('ends the merge with a newline when one side added one and the other side did not touch the end', () => {
    expect(mergeBody('a\nb\nc\nd\ne', 'A\nb\nc\nd\ne\n', 'a\nb\nc\nD\ne', plain)).toEqual({ text: 'A\nb\nc\nD\ne\n', conflicts: 0 });
    expect(mergeBody('a\nb\nc\nd\ne\n', 'A\nb\nc\nd\ne', 'a\nb\nc\nD\ne\n', plain)).toEqual({ text: 'A\nb\nc\nD\ne', conflicts: 0 });
  });

  it('still conflicts where both sides changed the same line', () => {
    const merged = mergeBody('a\nb\nc', 'a\nb\nC', 'a\nb\nc!', plain);
    expect(merged.conflicts).toBe(1);
    expect(merged).toEqual(mergeText('a\nb\nc', 'a\nb\nC', 'a\nb\nc!'));
  });
});

// ---- Properties, over texts of a few short lines, so that edits meet often ----

const text = fc.array(fc.constantFrom('a', 'b', 'c', 'x', ''), { maxLength: 6 }).map((lines) => lines.map((l) => `${l}\n`).join(''));
/** The text without its final newline, when its last line has text (an empty last line is no line). */
const dropLast = (t: string, drop: boolean) => (drop && /[^\n]\n$/.test(t) ? t.slice(0, -1) : t);
const closeLast = (t: string) => (t === '' || t.endsWith('\n') ? t : `${t}\n`);
const options = fc.constantFrom(plain, daily);

describe('merging bodies (properties)', () => {
  it('merges exactly as git does whenever git merges cleanly', () => {
    fc.assert(
      fc.property(text, text, text, fc.boolean(), fc.boolean(), fc.boolean(), (b, o, t, db, dour, dt) => {
        const [base, ours, theirs] = [dropLast(b, db), dropLast(o, dour), dropLast(t, dt)];
        const git = mergeText(base, ours, theirs);
        if (git.conflicts === 0) expect(mergeBody(base, ours, theirs, plain)).toEqual(git);
      }),
    );
  });

  it('never conflicts over final newlines alone: what merges with them merges without them, the same up to the end', () => {
    fc.assert(
      fc.property(text, text, text, fc.boolean(), fc.boolean(), fc.boolean(), options, (b, o, t, db, dour, dt, how) => {
        const whole = mergeBody(b, o, t, how);
        fc.pre(whole.conflicts === 0);
        const cut = mergeBody(dropLast(b, db), dropLast(o, dour), dropLast(t, dt), how);
        expect(cut.conflicts).toBe(0);
        expect(closeLast(cut.text)).toBe(whole.text);
      }),
    );
  });
});
