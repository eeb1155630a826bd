// The line a note list shows under a title: what the note says, not its Markdown.
import { describe, expect, it } from 'vitest';
import { previewLine } from './preview.js';

describe('a note’s preview line', () => {
  it.each([
    ['plain text stays as written', 'milk and eggs', 'Groceries', 'milk and eggs'],
    ['a first heading that repeats the title is left out', '# Groceries\n\nmilk\neggs\n', 'Groceries', 'milk eggs'],
    ['a heading that says something else is kept, without its marks', '## Monday\nwent running', 'Week', 'Monday went running'],
    ['bullets, numbers, quotes and tasks lose their marks', '- one\n* two\n1. three\n> four\n- [x] five', 'List', 'one two three four five'],
    ['emphasis, code and links read as their text', 'a **bold** and _quiet_ `code` [link](https://example.com) ![pic](p.png)', 'x', 'a bold and quiet code link pic'],
    ['rules and code fences are not text', 'before\n---\n```js\nlet x\n```\nafter', 'x', 'before let x after'],
    ['an empty note has an empty preview', '', 'Untitled', ''],
    ['snake_case words are not taken for emphasis', 'rename my_var_name now', 'x', 'rename my_var_name now'],
  ])('%s', (_story, body, title, expected) => {
    expect(previewLine(body, title)).toBe(expected);
  });

  it('cuts a long body at a word, with an ellipsis', () => {
    const line = previewLine('word '.repeat(100), 'x');
    expect(line.length).toBeLessThanOrEqual(161);
    expect(line.endsWith('word…')).toBe(true);
  });
});
