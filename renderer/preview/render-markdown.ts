// A note's Markdown as safe HTML. Note text is untrusted: it arrives from other devices, by sync
// or in a bundle someone handed over, so marked's output (which passes raw HTML through) always
// goes through DOMPurify with an allowlist before it reaches the page:
//
// - only prose, list, table and code elements: no script, style, iframe, form, object, SVG or
//   MathML, no comments; no style, class or id attributes, no event handlers;
// - links keep only http:, https:, mailto: and tel: targets and open outside the app
//   (target=_blank, rel="noopener noreferrer"); a relative link would navigate the app itself;
// - images load only from data:image/ (held in the note itself). The app loads no remote
//   content: an image from the network in a note written elsewhere would tell its server when
//   and where the note was read (a tracking pixel), and the hosts' CSP refuses it anyway;
// - every input left is a disabled checkbox. The boxes of GFM task lists (`- [ ] …`) carry
//   data-task, their place among the run's task items (task-list.ts), which the preview uses to
//   let a click tick the item in the text; a box written as HTML in the note never does. marked
//   marks its boxes with a name made of a random key of this page's, which no note can know.
//
// Speed: marked takes about a second on a dense 1 MB note, so the text is cut into runs of
// blocks that render the same alone as together (never inside a code fence, an HTML block or a
// list), each rendered once and remembered by its source (createMarkdownRenderer). After an edit,
// only the run that changed is rendered again; MarkdownPreview gives each run its own element.

import DOMPurify, { type DOMPurify as Purifier } from 'dompurify';
import { Marked } from 'marked';
import { closesFence, fenceOpening, type Fence } from './fences.js';
import { taskLines } from './task-list.js';

/** The name marked gives its task boxes, for the sanitiser to tell them from boxes written as HTML. */
const taskBoxName = `ferry-task-${Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('')}`;

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    checkbox: ({ checked }) => `<input type="checkbox" name="${taskBoxName}"${checked ? ' checked=""' : ''}> `,
  },
});

/** One run of blocks as HTML; `key` is unique within one render and stable while the run is. */
export interface MarkdownBlock {
  key: string;
  html: string;
  /** The line of the text the run starts at (0 for the first). */
  firstLine: number;
  /**
   * The lines, counted from `firstLine`, of the task items whose boxes the HTML holds (data-task
   * 0, 1, …); null when the boxes and the items found in the text do not match one for one, and
   * the boxes must stay read-only.
   */
  tasks: number[] | null;
}

interface RenderedRun {
  html: string;
  tasks: number[] | null;
}

/**
 * Renders the whole text at once, for callers that keep no cache. Joining the runs' HTML is
 * safe: each is a balanced fragment as DOMPurify serialised it, with no comment or raw-text
 * element left open to swallow the next.
 */
export function renderMarkdown(text: string): string {
  return createMarkdownRenderer()(text)
    .map((block) => block.html)
    .join('');
}

/** A renderer that remembers each run's HTML between calls (createMarkdownRenderer). */
export interface MarkdownRenderer {
  /** Every run of `text` as HTML. */
  (text: string): MarkdownBlock[];
  /**
   * As much as fits: runs are rendered in order while `more()` says there is time, the rest come
   * back without HTML (html ''), and `complete` says whether any is left. Calling again with the
   * same text goes on where it stopped, so a long note can be shown a slice at a time without
   * holding the page for a second.
   */
  part(text: string, more: () => boolean): { blocks: MarkdownBlock[]; complete: boolean };
}

/**
 * A renderer that remembers the HTML of each run from its previous call, so typing in a long
 * note renders only the run being typed in. One per preview: it holds what that preview showed.
 */
export function createMarkdownRenderer(): MarkdownRenderer {
  let remembered = new Map<string, RenderedRun>();
  let split: { text: string; runs: string[]; definitions: string } | null = null;
  const render = (text: string, more: () => boolean) => {
    if (split?.text !== text) split = { text, ...splitRuns(text) };
    const { runs, definitions } = split;
    const next = new Map<string, RenderedRun>();
    const seen = new Map<string, number>();
    const pass = { complete: true, rendered: 0 };
    let firstLine = 0;
    const blocks = runs.map((run): MarkdownBlock => {
      // Reference links ([x][ref]) may be defined in another run: each run gets every definition,
      // ahead of it (after it, an unclosed fence at the end of the note would swallow them).
      const source = definitions === '' ? run : `${definitions}\n\n${run}`;
      let done = next.get(source) ?? remembered.get(source);
      // In order, at least one run per pass, and none after the first left out.
      if (done === undefined && pass.complete && (pass.rendered === 0 || more())) {
        done = renderRun(run, source);
        pass.rendered++;
      }
      if (done === undefined) pass.complete = false;
      else next.set(source, done);
      const count = seen.get(source) ?? 0;
      seen.set(source, count + 1);
      const block = { key: count === 0 ? source : `${source}\u0000${count}`, html: done?.html ?? '', firstLine, tasks: done?.tasks ?? null };
      firstLine += lineCount(run);
      return block;
    });
    // What an unfinished pass left out is kept from before, for the next pass to find.
    if (!pass.complete) for (const [source, html] of remembered) if (!next.has(source)) next.set(source, html);
    remembered = next;
    return { blocks, complete: pass.complete };
  };
  const whole = (text: string) => render(text, () => true).blocks;
  return Object.assign(whole, { part: render });
}

// ---------------------------------------------------------------------------- cutting into runs

/** Runs are at least this long, so a long note is a few hundred runs, not thousands of blocks. */
const shortRun = 2 * 1024;
/** Past that, a run ends at one place in this many where a cut is allowed, chosen by content. */
const cutEvery = 4;
/** Past this length a run ends at the next place where a cut is allowed, whatever its content. */
const longRun = 16 * 1024;
/** Elements whose HTML blocks may hold blank lines and Markdown (GitHub's <details> idiom). */
const containerTags = /<(\/?)(details|div|table|section|aside|figure|dl|blockquote|center)\b[^>]*?(\/?)>/giu;

/**
 * Cuts the text before lines that start a new top-level block after a blank line, where no fence,
 * HTML block or list may continue. When in doubt it does not cut: a missed cut costs speed only.
 * Cut places are chosen by the content of the line that follows them (content-defined chunking,
 * as backup tools do), so an edit in one run leaves the boundaries of the runs after it where
 * they were, or puts them back within a run or two.
 */
export function splitRuns(text: string): { runs: string[]; definitions: string } {
  const lines = text.split('\n');
  const runs: string[] = [];
  const definitions: string[] = [];
  let start = 0;
  let runLength = 0;
  let fence: Fence | null = null;
  let rawHtmlEnd: RegExp | null = null;
  let depth = 0;
  let afterBlank = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    runLength += line.length + 1;
    if (fence !== null) {
      if (closesFence(line, fence)) fence = null;
      continue;
    }
    if (rawHtmlEnd !== null) {
      if (rawHtmlEnd.test(line)) rawHtmlEnd = null;
      continue;
    }
    if (line.trim() === '') {
      afterBlank = true;
      continue;
    }
    if (afterBlank && depth === 0 && runLength > shortRun && mayStartRun(line) && (runLength > longRun || hash(line) % cutEvery === 0)) {
      runs.push(lines.slice(start, i).join('\n'));
      start = i;
      runLength = line.length + 1;
    }
    afterBlank = false;
    fence = fenceOpening(line);
    if (fence !== null) continue;
    rawHtmlEnd = rawHtmlBlockEnd(line);
    if (/^ {0,3}</u.test(line)) depth = Math.max(0, depth + containerDepthChange(line));
    if (/^ {0,3}\[[^\]]+\]:\s*\S/u.test(line) && isDefinition(line)) definitions.push(line);
  }
  runs.push(lines.slice(start).join('\n'));
  return { runs, definitions: definitions.join('\n') };
}

/** A line at the margin that is neither a list item nor part of one (those may be loose). */
function mayStartRun(line: string): boolean {
  return !/^\s/u.test(line) && !/^(?:[-+*]|\d{1,9}[.)])(?:\s|$)/u.test(line);
}

/** Whether marked reads the line as a link reference definition and nothing else. */
function isDefinition(line: string): boolean {
  return marked.lexer(line).every((token) => token.type === 'def' || token.type === 'space');
}


/** HTML blocks that end at a closing tag rather than at a blank line (CommonMark types 1 and 2). */
function rawHtmlBlockEnd(line: string): RegExp | null {
  const raw = /^ {0,3}<(script|pre|style|textarea)(?:\s|>|$)/iu.exec(line);
  if (raw !== null) {
    const end = new RegExp(`</${raw[1]!}>`, 'iu');
    return end.test(line) ? null : end;
  }
  if (/^ {0,3}<!--/u.test(line) && !line.includes('-->', line.indexOf('<!--') + 4)) return /-->/u;
  return null;
}

function containerDepthChange(line: string): number {
  let change = 0;
  for (const match of line.matchAll(containerTags)) {
    if (match[3] === '/') continue;
    change += match[1] === '/' ? -1 : 1;
  }
  return change;
}

/** FNV-1a over the first characters: cheap, and the same for the same line. */
function hash(line: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < Math.min(line.length, 48); i++) h = Math.imul(h ^ line.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// ---------------------------------------------------------------------------- Markdown to safe HTML

/** A run as safe HTML, with its task items' lines when its boxes match them one for one. */
function renderRun(run: string, source: string): RenderedRun {
  taskBoxes = 0;
  const html = purifier().sanitize(marked.parse(source, { async: false }), sanitizeConfig);
  const tasks = taskLines(run).map((task) => task.line);
  return { html, tasks: tasks.length === taskBoxes ? tasks : null };
}

/** Task boxes the sanitiser has numbered in the run being rendered. */
let taskBoxes = 0;

function lineCount(run: string): number {
  let count = 1;
  for (let at = run.indexOf('\n'); at !== -1; at = run.indexOf('\n', at + 1)) count++;
  return count;
}

const sanitizeConfig = {
  ALLOWED_TAGS: [
    'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div',
    'dl', 'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'input', 'ins', 'kbd',
    'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody',
    'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
  ],
  ALLOWED_ATTR: ['href', 'src', 'alt', 'title', 'width', 'height', 'align', 'start', 'reversed', 'type', 'checked', 'disabled', 'colspan', 'rowspan', 'lang', 'dir', 'open', 'datetime', 'value', 'name'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
};

const linkTarget = /^(?:https?:|mailto:|tel:)/iu;
const imageSource = /^data:image\//iu;
// What browsers ignore inside a URL's scheme (and DOMPurify strips before its own check).
const urlWhitespace = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/gu; // eslint-disable-line no-control-regex -- control characters are what is stripped

let configured: Purifier | null = null;

/**
 * DOMPurify needs a window, so it is made on first use, in the page (or jsdom) that renders;
 * it is a private instance, so its hooks do not touch anyone else's DOMPurify.
 */
function purifier(): Purifier {
  if (configured !== null) return configured;
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href');
      if (href !== null && !linkTarget.test(href.replace(urlWhitespace, ''))) node.removeAttribute('href');
      if (node.hasAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    } else if (node.nodeName === 'IMG') {
      // DOMPurify has already dropped what it deems unsafe (file:, javascript:…); this narrows it.
      const src = node.getAttribute('src');
      if (src !== null && !imageSource.test(src.replace(urlWhitespace, ''))) node.removeAttribute('src');
      if (!node.hasAttribute('src')) node.setAttribute('title', 'Image not loaded: Ferry shows only images held in the note (data:), never from the network.');
    } else if (node.nodeName === 'INPUT') {
      node.setAttribute('type', 'checkbox');
      node.setAttribute('disabled', '');
      if (node.getAttribute('name') === taskBoxName) node.setAttribute('data-task', String(taskBoxes++));
    }
    // `name` is let through for marked's task boxes only, and kept by none.
    node.removeAttribute('name');
  });
  configured = instance;
  return instance;
}
