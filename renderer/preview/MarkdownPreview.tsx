// A note's Markdown, shown as sanitised HTML (render-markdown.ts). Short texts are rendered as
// they change; a long one (over 50 kB) once typing has rested for 300 ms, in slices of 12 ms, so
// typing in a 1 MB note never waits for the preview. Each run of blocks is its own element, keyed by its source:
// after an edit React replaces the one run that changed and leaves the rest of the page alone,
// and the browser lays out only the runs on screen.
//
// Given `onToggleTask`, the boxes of task items (`- [ ] …`) can be ticked: a click says which line
// of the text and whether it is now ticked; the note's editor writes the change (task-list.ts).
// The words of the search being made (`marked`) are marked (mark-terms.ts).

import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { HighlightTerm } from '../../shared/search-query.js';
import { termsToMark } from '../../shared/snippet.js';
import { markTerms } from './mark-terms.js';
import { createMarkdownRenderer, type MarkdownBlock } from './render-markdown.js';
import './preview.css';

/** Texts at least this long are rendered after a pause rather than on every change. */
const largeText = 50_000;
const restMs = 300;
/** The longest a slice of rendering holds the page. */
const sliceMs = 12;

export interface MarkdownPreviewProps {
  text: string;
  /**
   * A task item's box was clicked: its line in `text` (0 for the first), and whether it is ticked
   * now. False when the text was not changed: the box goes back as it was.
   */
  onToggleTask?: (line: number, checked: boolean) => boolean;
  /** The search being made: its words are marked. */
  marked?: string;
}

export function MarkdownPreview({ text, onToggleTask, marked = '' }: MarkdownPreviewProps) {
  const render = useMemo(() => createMarkdownRenderer(), []);
  const terms = useMemo(() => termsToMark(marked), [marked]);
  const large = text.length >= largeText;
  const [late, setLate] = useState<{ blocks: MarkdownBlock[]; complete: boolean } | null>(null);
  const shownOnce = useRef(false);

  useEffect(() => {
    if (!large) return;
    // The first render of a long note starts straight after the page has painted, later ones once
    // typing rests; each goes in slices of a few milliseconds, top first, so that the page (and
    // the typing beside it) never waits for a whole 1 MB note to be rendered.
    let timer = 0;
    const slice = () => {
      const started = performance.now();
      const { blocks, complete } = render.part(text, () => performance.now() - started < sliceMs);
      setLate({ blocks, complete });
      if (complete) shownOnce.current = true;
      else timer = window.setTimeout(slice, 0);
    };
    timer = window.setTimeout(slice, shownOnce.current ? restMs : 0);
    return () => window.clearTimeout(timer);
  }, [large, render, text]);

  const now = useMemo(() => (large ? null : render(text)), [large, render, text]);
  const blocks = now ?? late?.blocks ?? [];

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const box = event.target;
    if (onToggleTask === undefined || !(box instanceof HTMLInputElement) || box.dataset.task === undefined || box.disabled) return;
    const run = box.closest('.markdown-run');
    const block = blocks[Array.prototype.indexOf.call(event.currentTarget.children, run)];
    const line = block?.tasks?.[Number(box.dataset.task)];
    if (block === undefined || line === undefined || !onToggleTask(block.firstLine + line, box.checked)) event.preventDefault();
  };

  return (
    <div className="markdown-preview" role="document" aria-label="Preview" aria-busy={large && late?.complete !== true} onClick={onClick}>
      {blocks.map((block) => (
        <Run key={block.key} html={block.html} tickable={onToggleTask !== undefined && block.tasks !== null} terms={terms} />
      ))}
    </div>
  );
}

/** One run of blocks; off screen, the browser skips its layout and paint (preview.css). */
const Run = memo(function Run({ html, tickable, terms }: { html: string; tickable: boolean; terms: readonly HighlightTerm[] }) {
  const ref = useRef<HTMLDivElement>(null);
  /** Whether the run holds marks of an earlier search, to take out before marking anew. */
  const hasMarks = useRef(false);
  useLayoutEffect(() => {
    const root = ref.current;
    if (root === null) return;
    if (hasMarks.current) root.innerHTML = html;
    hasMarks.current = markTerms(root, terms) > 0;
    // The boxes come disabled: those of task items are enabled here when they may be ticked.
    for (const box of root.querySelectorAll<HTMLInputElement>('input[data-task]')) box.disabled = !tickable;
  }, [html, tickable, terms]);
  // The HTML is DOMPurify's output (render-markdown.ts), never the note's text as written.
  return <div className="markdown-run" ref={ref} dangerouslySetInnerHTML={{ __html: html }} />;
});
