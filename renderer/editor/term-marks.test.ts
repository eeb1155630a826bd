// @vitest-environment jsdom
// The words of the search being typed, marked in the open note's text as the list marks them.
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { termsToMark } from '../../shared/snippet.js';
import { firstTermAt, termMarks } from './term-marks.js';

const views: EditorView[] = [];
afterEach(() => views.splice(0).forEach((v) => v.destroy()));

function shown(text: string, query: string): EditorView {
  const view = new EditorView({ state: EditorState.create({ doc: text, extensions: termMarks(termsToMark(query)) }), parent: document.body });
  views.push(view);
  return view;
}

const marks = (view: EditorView) => [...view.dom.querySelectorAll('.cm-term')].map((el) => el.textContent);

describe('termMarks', () => {
  it('marks the words of the search, accents and case aside, phrases whole', () => {
    const view = shown('The Café by the river.\nNew York, then york alone; cafes too.', 'cafe "new york"');
    expect(marks(view)).toEqual(['Café', 'New', 'York']);
    // The last word typed is the start of a word so far, as in the list.
    expect(marks(shown('The Café by the river; cafes too.', 'caf'))).toEqual(['Café', 'cafes']);
  });

  it('follows the text as it is edited', () => {
    const view = shown('one ferry', '"ferry"');
    expect(marks(view)).toEqual(['ferry']);
    view.dispatch({ changes: { from: 0, insert: 'Another ferry, ' } });
    expect(marks(view)).toEqual(['ferry', 'ferry']);
  });

  it('marks nothing without terms', () => {
    expect(marks(shown('ferry', ''))).toEqual([]);
  });
});

describe('firstTermAt', () => {
  it('says where the first match is, for the note to open there', () => {
    const text = `${'Nothing here.\n'.repeat(100)}The ferry to Tangier.`;
    expect(firstTermAt(EditorState.create({ doc: text }).doc, termsToMark('tangier '))).toBe(text.indexOf('Tangier'));
    expect(firstTermAt(EditorState.create({ doc: text }).doc, termsToMark('paris '))).toBeNull();
    expect(firstTermAt(EditorState.create({ doc: text }).doc, [])).toBeNull();
  });
});
