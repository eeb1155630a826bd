// A note's Markdown, shown as sanitised HTML (render-markdown.ts). Short texts are rendered as
// they change; a long one (over 50 kB) once typing has rested for 300 ms, so typing in a 1 MB
// note never waits for the preview. Each run of blocks is its own element, keyed by its source:
// after an edit React replaces the one run that changed and leaves the rest of the page alone,
// and the browser lays out only the runs on screen.

import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { createMarkdownRenderer, type MarkdownBlock } from './render-markdown.js';
import './preview.css';

/** Texts at least this long are rendered after a pause rather than on every change. */
const largeText = 50_000;
const restMs = 300;

export function MarkdownPreview({ text }: { text: string }) {
  const render = useMemo(() => createMarkdownRenderer(), []);
  const large = text.length >= largeText;
  const [late, setLate] = useState<MarkdownBlock[] | null>(null);
  const shownOnce = useRef(false);

  useEffect(() => {
    if (!large) return;
    // The first render of a long note comes straight after the page has painted; later ones wait
    // until typing rests.
    const timer = window.setTimeout(
      () => {
        shownOnce.current = true;
        setLate(render(text));
      },
      shownOnce.current ? restMs : 0,
    );
    return () => window.clearTimeout(timer);
  }, [large, render, text]);

  const now = useMemo(() => (large ? null : render(text)), [large, render, text]);
  const blocks = now ?? late ?? [];
  return (
    <div className="markdown-preview" role="document" aria-label="Preview" aria-busy={large && late === null}>
      {blocks.map((block) => (
        <Run key={block.key} html={block.html} />
      ))}
    </div>
  );
}

/** One run of blocks; off screen, the browser skips its layout and paint (preview.css). */
const Run = memo(function Run({ html }: { html: string }) {
  // The HTML is DOMPurify's output (render-markdown.ts), never the note's text as written.
  return <div className="markdown-run" dangerouslySetInnerHTML={{ __html: html }} />;
});
