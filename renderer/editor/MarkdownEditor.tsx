// The note's text in a CodeMirror 6 editor: Markdown highlighting, line wrapping, undo history,
// the standard and search key bindings, and a theme drawn from the app's CSS variables.
//
// One EditorView lives as long as the component; a new docKey (another note) gives it a fresh
// state, so undo never reaches into the previous note. Each edit hands the whole text out through
// onChange (about 4 ms for 1 MB, well inside a frame; CodeMirror itself only lays out what is on
// screen). A `value` that differs from what the editor last handed out or was given (text that
// arrived by sync) is applied as the smallest change, so the cursor and scroll stay where they
// were; it does not enter the undo history. The words of the search being made (`marked`) are
// marked in the text (term-marks.ts), and a note opened while searching is shown at its first match.

import { Annotation, Compartment, EditorState, Transaction, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, keymap, placeholder } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { search, searchKeymap } from '@codemirror/search';
import { tags } from '@lezer/highlight';
import { useLayoutEffect, useRef, useState } from 'react';
import { smallestChange } from './note-fields.js';
import { termsToMark } from '../../shared/snippet.js';
import { firstTermAt, termMarks } from './term-marks.js';

export interface MarkdownEditorProps {
  value: string;
  /** The whole text after each edit the user makes (not after `value` is applied). */
  onChange(text: string): void;
  /** Which document is shown: a new key starts a new editing state (and undo history). */
  docKey: string;
  /** The accessible name of the editable text. */
  ariaLabel: string;
  /** Focus the text when a document is shown, with the cursor at its end. */
  autoFocus?: boolean;
  /** Each new value focuses the text with the cursor at its end (words added to the document shown). */
  focusEnd?: number;
  /** Shows the text without letting it be changed (a note in the trash). */
  readOnly?: boolean;
  /** The search being made: its words are marked in the text. */
  marked?: string;
}

/** Marks a change that came in through `value`, so that it is not handed back out. */
const fromOutside = Annotation.define<boolean>();

export function MarkdownEditor(props: MarkdownEditorProps) {
  const { value, docKey, ariaLabel, readOnly = false, marked = '' } = props;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  /** The text the editor holds as far as React knows: last handed out or last applied. */
  const known = useRef(value);
  const latest = useRef(props);
  const [settings] = useState(() => new Compartment());
  const [marks] = useState(() => new Compartment());
  /** The search whose words the editor marks. */
  const markedNow = useRef(marked);
  /** The settings the editor has, so that a new document does not configure it twice. */
  const configured = useRef({ ariaLabel, readOnly });

  useLayoutEffect(() => {
    latest.current = props;
  });

  useLayoutEffect(() => {
    const editor = new EditorView({ parent: host.current! });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  // A new document: a fresh state (text, selection, undo history), scrolled to the top, or to the
  // first of the words searched for.
  useLayoutEffect(() => {
    const editor = view.current!;
    const { value: text, ariaLabel: label, readOnly: locked = false, autoFocus = false, marked: search = '' } = latest.current;
    const terms = termsToMark(search);
    const handOut = EditorView.updateListener.of((update) => {
      if (!update.docChanged || update.transactions.some((tr) => tr.annotation(fromOutside) === true)) return;
      const now = update.state.doc.toString();
      known.current = now;
      latest.current.onChange(now);
    });
    editor.setState(EditorState.create({ doc: text, extensions: [text.length > plainTextFrom ? editingPlain : editing, settings.of(configure(label, locked)), marks.of(termMarks(terms)), handOut] }));
    configured.current = { ariaLabel: label, readOnly: locked };
    markedNow.current = search;
    known.current = text;
    if (autoFocus) {
      // Ready to write on: the cursor after the last word, in view.
      editor.dispatch({ selection: { anchor: text.length }, effects: EditorView.scrollIntoView(text.length) });
      editor.focus();
    } else {
      // Opened while searching: where the words are (the list showed that line), else the top.
      const found = firstTermAt(editor.state.doc, terms);
      editor.dispatch({ effects: found === null ? EditorView.scrollIntoView(0) : EditorView.scrollIntoView(found, { y: 'center' }) });
    }
  }, [docKey, settings, marks]);

  // The search changed while the note is open: its words are marked anew (where it is, the text stays).
  useLayoutEffect(() => {
    if (markedNow.current === marked) return;
    markedNow.current = marked;
    view.current?.dispatch({ effects: marks.reconfigure(termMarks(termsToMark(marked))) });
  }, [marked, marks]);

  useLayoutEffect(() => {
    const applied = configured.current;
    if (applied.ariaLabel === ariaLabel && applied.readOnly === readOnly) return;
    configured.current = { ariaLabel, readOnly };
    view.current?.dispatch({ effects: settings.reconfigure(configure(ariaLabel, readOnly)) });
  }, [ariaLabel, readOnly, settings]);

  // The same document changed elsewhere: apply only what differs.
  useLayoutEffect(() => {
    const editor = view.current;
    if (editor === null || value === known.current) return;
    known.current = value;
    const current = editor.state.doc.toString();
    if (current === value) return;
    editor.dispatch({ changes: smallestChange(current, value), annotations: [fromOutside.of(true), Transaction.addToHistory.of(false)] });
  }, [value]);

  // After the value above, so that the end is that of the text just applied.
  const { focusEnd } = props;
  useLayoutEffect(() => {
    const editor = view.current;
    if (editor === null || focusEnd === undefined) return;
    const end = editor.state.doc.length;
    editor.dispatch({ selection: { anchor: end }, effects: EditorView.scrollIntoView(end) });
    editor.focus();
  }, [focusEnd]);

  return <div className="markdown-editor" ref={host} />;
}

function configure(ariaLabel: string, readOnly: boolean): Extension {
  return [
    EditorState.readOnly.of(readOnly),
    EditorView.editable.of(!readOnly),
    EditorView.contentAttributes.of({ 'aria-label': ariaLabel, ...(readOnly ? { 'aria-readonly': 'true' } : {}) }),
  ];
}

const highlight = HighlightStyle.define([
  { tag: tags.heading1, fontSize: '1.35em', fontWeight: '600' },
  { tag: tags.heading2, fontSize: '1.2em', fontWeight: '600' },
  { tag: tags.heading3, fontSize: '1.1em', fontWeight: '600' },
  { tag: tags.heading, fontWeight: '600' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strong, fontWeight: '600' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: [tags.link, tags.url], color: 'var(--accent)' },
  { tag: tags.monospace, fontFamily: 'var(--font-mono)', fontSize: '0.92em' },
  { tag: tags.quote, color: 'var(--fg-muted)' },
  // The marks themselves (#, *, `, >, list bullets): present but quiet.
  { tag: [tags.processingInstruction, tags.contentSeparator, tags.labelName, tags.meta], color: 'var(--fg-muted)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--bg)', color: 'var(--fg)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--font-ui)', fontSize: '15px', lineHeight: '1.6' },
  // A readable measure, centred; the wrapped lines shrink with a narrow pane.
  '.cm-content': { maxWidth: '46rem', margin: '0 auto', flexShrink: '1', minWidth: '0', padding: '16px 24px 48px', caretColor: 'var(--fg)' },
  '.cm-line': { padding: '0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)', borderLeftWidth: '2px' },
  '.cm-selectionBackground, &.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-content ::selection': { backgroundColor: 'var(--bg-selected)' },
  '.cm-placeholder': { color: 'var(--fg-muted)' },
  '.cm-panels': { backgroundColor: 'var(--bg-alt)', color: 'var(--fg)' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--border)' },
  '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--border)' },
  '.cm-panel.cm-search': { fontFamily: 'var(--font-ui)', padding: '6px 8px' },
  '.cm-textfield': { color: 'var(--fg)', backgroundColor: 'var(--bg)', border: '1px solid var(--border)', borderRadius: 'var(--radius)' },
  '.cm-button': { color: 'var(--fg)', backgroundImage: 'none', backgroundColor: 'var(--bg-raised)', border: '1px solid var(--border)', borderRadius: 'var(--radius)' },
  '.cm-searchMatch': { backgroundColor: 'var(--mark-bg)' },
  '.cm-term': { backgroundColor: 'var(--mark-bg)', borderRadius: '2px' },
  '.cm-searchMatch.cm-searchMatch-selected': { outline: '2px solid var(--accent)' },
});

/**
 * Longer texts are edited without Markdown highlighting. CodeMirror parses the document as it
 * changes, up to 20 ms at each keystroke and then in slices of up to 90 ms when idle; in a 1 MB
 * note that held every key 26 ms and delayed some by 90 (measured in Chromium). A text this
 * long is a log or an archive more than a page to read with headings in bold.
 */
const plainTextFrom = 256 * 1024;

/** What every document is edited with (but the Markdown); the per-editor settings and listener are added to it. */
const editingPlain: Extension = [
  history(),
  drawSelection(),
  EditorView.lineWrapping,
  EditorView.contentAttributes.of({ spellcheck: 'true' }),
  search({ top: true }),
  keymap.of([...searchKeymap, ...historyKeymap, ...defaultKeymap]),
  placeholder('Write here. Markdown works: # heading, *emphasis*, - list.'),
  theme,
];

const editing: Extension = [editingPlain, markdown({ base: markdownLanguage }), syntaxHighlighting(highlight)];
