// @vitest-environment jsdom
// The words searched for, marked in the rendered preview.
import { describe, expect, it } from 'vitest';
import { termsToMark } from '../../shared/snippet.js';
import { markTerms } from './mark-terms.js';

function root(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('markTerms', () => {
  it('wraps each matching word in its text nodes, leaving the rest of the HTML as it was', () => {
    const div = root('<h1>Café list</h1><p>Beans from the <em>café</em> on <a href="https://example.org">Rua Augusta</a>; cafes too.</p>');
    expect(markTerms(div, termsToMark('cafe'))).toBe(3);
    expect([...div.querySelectorAll('mark.term')].map((m) => m.textContent)).toEqual(['Café', 'café', 'cafes']);
    expect(div.textContent).toBe('Café listBeans from the café on Rua Augusta; cafes too.');
    expect(div.querySelector('em > mark')).not.toBeNull();
    expect(div.querySelector('a')!.getAttribute('href')).toBe('https://example.org');
  });

  it('marks nothing without terms', () => {
    const div = root('<p>Café</p>');
    expect(markTerms(div, termsToMark(''))).toBe(0);
    expect(div.innerHTML).toBe('<p>Café</p>');
  });
});
