// @vitest-environment jsdom
// Markdown to safe HTML: what a note from another device must never do to this page (run
// scripts, load frames, restyle the app, send requests on its own), what it must still show,
// and that cutting the text into runs renders the same as rendering it whole.
import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer, renderMarkdown, splitRuns } from './render-markdown.js';

/** The rendered HTML as a DOM, to ask it questions rather than match strings. */
function rendered(text: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = renderMarkdown(text);
  return div;
}

function attributes(root: HTMLElement): string[] {
  return [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => `${el.nodeName.toLowerCase()}[${a.name}=${a.value}]`));
}

describe('renderMarkdown refuses what untrusted text could do', () => {
  const vectors: { name: string; text: string }[] = [
    { name: 'a script tag', text: 'Hello <script>window.pwned = 1</script> world' },
    { name: 'a script block', text: '<script>\nwindow.pwned = 1\n</script>\n\ntext' },
    { name: 'an onerror handler', text: '<img src="x" onerror="window.pwned = 1">' },
    { name: 'a javascript: link', text: '[click](javascript:window.pwned=1)' },
    { name: 'a javascript: link with entities and spaces', text: '<a href=" jav&#x09;ascript:alert(1)">x</a>' },
    { name: 'an svg onload', text: '<svg onload="window.pwned = 1"><circle r="4"/></svg>' },
    { name: 'an iframe', text: '<iframe src="https://evil.example/"></iframe>' },
    { name: 'a srcdoc iframe', text: '<iframe srcdoc="<script>parent.pwned=1</script>"></iframe>' },
    { name: 'a style attribute', text: '<p style="position:fixed;inset:0;background:red">cover</p>' },
    { name: 'a style element', text: '<style>body { display: none }</style>\n\ntext' },
    { name: 'a form', text: '<form action="https://evil.example/"><input name="q"><button>Go</button></form>' },
    { name: 'an object', text: '<object data="https://evil.example/x.swf"></object>' },
    { name: 'a meta refresh', text: '<meta http-equiv="refresh" content="0;url=https://evil.example/">' },
    { name: 'a base tag', text: '<base href="https://evil.example/">' },
    { name: 'a data: html link', text: '<a href="data:text/html,<script>alert(1)</script>">x</a>' },
    { name: 'a details ontoggle', text: '<details open ontoggle="window.pwned=1"><summary>s</summary>x</details>' },
    { name: 'a class to borrow the app’s styles', text: '<div class="toast">fake notice</div>' },
    { name: 'an id to clobber globals', text: '<a id="ferry" href="https://x.example/">x</a><img name="cookie">' },
    { name: 'mathml', text: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>' },
  ];

  it.each(vectors)('$name', ({ text }) => {
    const root = rendered(text);
    expect(root.querySelector('script, style, iframe, form, object, embed, svg, math, meta, base, link, button')).toBeNull();
    for (const attribute of attributes(root)) {
      expect(attribute).not.toMatch(/^[a-z]+\[(on[a-z]+|style|class|id|name|srcdoc|action)=/u);
      expect(attribute).not.toMatch(/javascript:|data:text/iu);
    }
    expect((window as unknown as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('drops comments, which could hide markup from a reader of the text', () => {
    expect(renderMarkdown('a <!-- hidden <img src=x onerror=alert(1)> --> b')).not.toMatch(/<!--|onerror/u);
  });

  it('keeps a text input out: only disabled checkboxes remain', () => {
    const root = rendered('<input type="text" value="x"> and <input type="checkbox">');
    const inputs = [...root.querySelectorAll('input')];
    expect(inputs.length).toBe(2);
    for (const input of inputs) {
      expect(input.type).toBe('checkbox');
      expect(input.disabled).toBe(true);
    }
  });
});

describe('renderMarkdown on links and images', () => {
  it('opens links outside the app, without telling the target where they came from', () => {
    const link = rendered('[site](https://example.org/page) and <mailto:me@example.org>').querySelectorAll('a');
    expect(link[0]!.getAttribute('href')).toBe('https://example.org/page');
    expect(link[0]!.getAttribute('target')).toBe('_blank');
    expect(link[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link[1]!.getAttribute('href')).toBe('mailto:me@example.org');
  });

  it('drops relative links, which would navigate the app itself, and keeps their text', () => {
    const root = rendered('[other](other-note.html) [top](#top)');
    expect([...root.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([null, null]);
    expect(root.textContent).toContain('other');
    expect(root.querySelector('a[target]')).toBeNull();
  });

  it.each([
    { src: 'https://example.org/a.png', loaded: false },
    { src: 'data:image/png;base64,iVBORw0KGgo=', loaded: true },
    { src: 'http://example.org/a.png', loaded: false },
    { src: '//example.org/a.png', loaded: false },
    { src: 'file:///etc/passwd', loaded: false },
    { src: 'relative.png', loaded: false },
  ])('an image from $src is loaded: $loaded', ({ src, loaded }) => {
    const img = rendered(`![alt text](${src})`).querySelector('img')!;
    expect(img.getAttribute('alt')).toBe('alt text');
    expect(img.getAttribute('src')).toBe(loaded ? src : null);
    if (!loaded) expect(img.getAttribute('title') ?? '').toMatch(/only images held in the note/u);
  });

  it('refuses srcset, which could load from anywhere', () => {
    expect(rendered('<img src="https://example.org/a.png" srcset="http://evil.example/a.png 2x">').querySelector('img')!.hasAttribute('srcset')).toBe(false);
  });
});

describe('renderMarkdown shows Markdown', () => {
  it('renders headings, emphasis and paragraphs', () => {
    const root = rendered('# Title\n\n## Part\n\nSome *em* and **strong** and ~~gone~~.');
    expect(root.querySelector('h1')!.textContent).toBe('Title');
    expect(root.querySelector('h2')!.textContent).toBe('Part');
    expect(root.querySelector('em')!.textContent).toBe('em');
    expect(root.querySelector('strong')!.textContent).toBe('strong');
    expect(root.querySelector('del')!.textContent).toBe('gone');
  });

  it('renders lists, task lists (disabled) and ordered lists with their start', () => {
    const root = rendered('- one\n- two\n\n- [x] done\n- [ ] to do\n\n3. three\n4. four');
    expect([...root.querySelectorAll('ul li')].length).toBe(4);
    const boxes = [...root.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    expect(boxes.map((b) => [b.checked, b.disabled])).toEqual([
      [true, true],
      [false, true],
    ]);
    expect(root.querySelector('ol')!.getAttribute('start')).toBe('3');
  });

  it('numbers the boxes of task items, and only those, and says on which lines the items are', () => {
    const root = rendered('- [x] done\n- [ ] to do\n\n<input type="checkbox" name="ferry-task-0" data-task="7">');
    expect([...root.querySelectorAll<HTMLInputElement>('input')].map((b) => [b.dataset.task ?? null, b.getAttribute('name'), b.disabled])).toEqual([
      ['0', null, true],
      ['1', null, true],
      [null, null, true],
    ]);
    const text = ['# List', '', '- [x] done', '  - [ ] nested', '', '```', '- [ ] code', '```'].join('\n');
    expect(createMarkdownRenderer()(text).map((b) => [b.firstLine, b.tasks])).toEqual([[0, [2, 3]]]);
  });

  it('leaves a run’s boxes read-only when the items in its text and the boxes do not match', () => {
    // In an HTML block, `- [ ]` is text: no box, though the line looks like a task item.
    const [block] = createMarkdownRenderer()('<div>\n- [ ] inside html\n</div>\n\n- [ ] a real one');
    expect(block!.tasks).toBeNull();
  });

  it('gives each run the line it starts at', () => {
    const text = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} with words enough to fill a run.\n\n- [ ] task ${i}`).join('\n\n');
    const blocks = createMarkdownRenderer()(text);
    expect(blocks.length).toBeGreaterThan(3);
    const lines = text.split('\n');
    for (const block of blocks) {
      expect(block.tasks).not.toBeNull();
      for (const line of block.tasks!) expect(lines[block.firstLine + line]).toMatch(/^- \[ \] task \d+$/u);
    }
    expect(blocks.flatMap((b) => b.tasks!.map((line) => b.firstLine + line))).toHaveLength(400);
  });

  it('renders code spans and fenced code without interpreting what is inside', () => {
    const root = rendered('Use `<b>` here.\n\n```html\n<script>alert(1)</script>\n\n# not a heading\n```');
    expect(root.querySelector('p code')!.textContent).toBe('<b>');
    expect(root.querySelector('pre code')!.textContent).toBe('<script>alert(1)</script>\n\n# not a heading\n');
    expect(root.querySelector('h1')).toBeNull();
    expect(root.querySelector('script')).toBeNull();
  });

  it('renders tables with their alignment', () => {
    const root = rendered('| Name | Count |\n|:-----|------:|\n| a | 1 |\n| b | 2 |');
    expect([...root.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Name', 'Count']);
    expect(root.querySelectorAll('tbody tr').length).toBe(2);
    expect(root.querySelector('td:last-child')!.getAttribute('align')).toBe('right');
  });

  it('renders blockquotes and rules', () => {
    const root = rendered('> quoted\n\n---\n\nafter');
    expect(root.querySelector('blockquote')!.textContent.trim()).toBe('quoted');
    expect(root.querySelector('hr')).not.toBeNull();
  });

  it('keeps safe HTML such as details and summary', () => {
    const root = rendered('<details>\n<summary>More</summary>\n\nHidden *text*\n\n</details>');
    expect(root.querySelector('details summary')!.textContent).toBe('More');
    expect(root.querySelector('details em')!.textContent).toBe('text');
  });
});

describe('cutting into runs', () => {
  // Many short blocks of every kind, so that each kind meets a cut place somewhere.
  const section = (i: number) =>
    `## Part ${i}\n\nText ${i} with a [ref link][home].\n\n- item ${i}\n\n- loose item ${i}\n\nAfter ${i}.\n\n    indented code ${i}\n\n\`\`\`\nfenced ${i}\n\n## not a heading ${i}\n\`\`\`\n`;
  const sections = 200;
  const text = `${Array.from({ length: sections }, (_, i) => section(i)).join('\n')}\n[home]: https://example.org/home\n`;

  it('renders the same cut as whole', () => {
    const { runs } = splitRuns(text);
    expect(runs.length).toBeGreaterThan(5);
    expect(runs.join('\n')).toBe(text);
    const root = rendered(text);
    expect(root.querySelectorAll('h2').length).toBe(sections);
    expect(root.querySelectorAll('pre').length).toBe(2 * sections);
    expect(root.querySelectorAll('a').length).toBe(sections);
    expect([...root.querySelectorAll('a')].every((a) => a.getAttribute('href') === 'https://example.org/home')).toBe(true);
    // A loose list stays one list: its items are never cut apart.
    expect(root.querySelectorAll('ul').length).toBe(sections);
  });

  it('never cuts inside a fence, a raw HTML block, a details element or a list', () => {
    const lines = ['```', 'a', '', 'X1', '```', '', '<pre>', '', 'X2', '</pre>', '', '<details>', '', 'X3', '', '</details>', '', '<!--', '', 'X4', '-->', '', '- a', '', '- X5', '', '  X6', '', 'Y'];
    const { runs } = splitRuns(Array.from({ length: 400 }, () => lines.join('\n')).join('\n\n'));
    expect(runs.length).toBeGreaterThan(5);
    for (const run of runs) expect(run).toMatch(/^(?:```|<pre>|<details>|<!--|Y)/u);
  });

  it('takes only real definitions to other runs', () => {
    expect(splitRuns('[a]: https://example.org\n\n[b]: this is not a definition at all\n').definitions).toBe('[a]: https://example.org');
  });

  it('renders again only the run that changed', () => {
    const render = createMarkdownRenderer();
    const before = new Set(render(text).map((b) => b.key));
    const after = render(text.replace('Text 100 with', 'Text 100, edited, with'));
    expect(after.filter((block) => !before.has(block.key)).length).toBe(1);
    expect(new Set(after.map((b) => b.key)).size).toBe(after.length);
  });

  it('renders a long note a slice at a time, top first, to the same HTML as all at once', () => {
    const render = createMarkdownRenderer();
    let budget = 3;
    const passes: { blocks: { html: string }[]; complete: boolean }[] = [];
    for (let pass = render.part(text, () => budget-- > 0); ; pass = render.part(text, () => budget-- > 0)) {
      passes.push(pass);
      budget = 3;
      if (pass.complete) break;
    }
    expect(passes.length).toBeGreaterThan(2);
    // Each pass shows a longer stretch from the top, and nothing after its first gap.
    const shown = passes.map((p) => p.blocks.findIndex((b) => b.html === ''));
    expect(shown.slice(0, -1).every((at, i) => at > 0 && (i === 0 || at > shown[i - 1]!))).toBe(true);
    for (const p of passes.slice(0, -1)) expect(p.blocks.slice(shown[passes.indexOf(p)]).every((b) => b.html === '')).toBe(true);
    expect(passes.at(-1)!.blocks.map((b) => b.html).join('')).toBe(renderMarkdown(text));
    // With no time at all, a pass still makes progress.
    const stingy = createMarkdownRenderer();
    expect(stingy.part(text, () => false).blocks.filter((b) => b.html !== '')).toHaveLength(1);
  });

  it('gives repeated runs distinct keys', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `Paragraph ${i % 40}.`).join('\n\n');
    const { runs } = splitRuns(text);
    expect(new Set(runs).size).toBeLessThan(runs.length);
    const blocks = createMarkdownRenderer()(text);
    expect(new Set(blocks.map((b) => b.key)).size).toBe(blocks.length);
  });

  // Rendering is checked on smaller notes above (jsdom's DOM is far slower than a browser's, so
  // timing it here would measure jsdom); what keeps a 1 MB note fast is that an edit touches
  // few runs, and that is checked on the cutting itself, at full size.
  it('cuts a 1 MB note into a few hundred runs, of which an edit changes at most a few', () => {
    const part = (i: number) => `## Heading ${i}\n\nSome *text* with \`code\` and a [link](https://example.org/${i}).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| ${i} | 2 |\n\n`;
    let big = '';
    for (let i = 0; big.length < 1_000_000; i++) big += part(i);
    const { runs } = splitRuns(big);
    expect(runs.length).toBeGreaterThan(100);
    expect(runs.length).toBeLessThan(1000);
    const before = new Set(runs);
    const edits = [big.replace('Heading 3000', 'Heading 3000 edited'), `${big}More.`, `Start.\n\n${big}`, big.replace('## Heading 10\n', ''), big.replace('| 20 | 2 |', '| 20 | 2 |\n| 21 | 3 |')];
    for (const edited of edits) expect(splitRuns(edited).runs.filter((run) => !before.has(run)).length).toBeLessThanOrEqual(3);
  });
});
