// Snippets of search hits and the words marked in them: the engine's list of hits, and the open note's marks.
import { describe, expect, it } from 'vitest';
import { highlightTerms } from './search-query.js';
import { firstMatchAt, makeSnippet, tagSnippet, termsToMark, type Snippet } from './snippet.js';

const marked = (texts: string[], query: string) => {
  const { snippet, highlights } = makeSnippet(texts, highlightTerms(query));
  let out = '';
  let at = 0;
  for (const [s, e] of highlights) {
    out += `${snippet.slice(at, s)}[${snippet.slice(s, e)}]`;
    at = e;
  }
  return out + snippet.slice(at);
};

describe('search snippets', () => {
  it('show the words around the first match on one line, with the matches marked', () => {
    const body = 'Day one.\n\nWe took the night train to Vienna and slept well on the train.\n\nDay two was long and we walked a lot through the old town.';
    expect(marked([body], 'train')).toBe('…We took the night [train] to Vienna and slept well on the [train]. Day two was …');
  });

  it('mark words whatever their accents and case, and prefixes', () => {
    expect(marked(['Un CAFÉ crème au café.'], 'cafe')).toBe('Un [CAFÉ] crème au [café].');
    expect(marked(['Cafeteria, café and caffeine.'], 'caf*')).toBe('[Cafeteria], [café] and [caffeine].');
    // A phrase where its words follow each other, not each of its words wherever it is.
    expect(marked(['A garden plan for the garden.'], '"garden plan" -weeds')).toBe('A [garden] [plan] for the garden.');
  });

  it('mark a word of Japanese or Chinese inside a run of it, and show about as much text as in other scripts', () => {
    const body = '今日は朝から雨だった。浅草寺に行って、雷門の前で写真を撮った。それから東京スカイツリーに登って、夜景を見た。とても楽しい一日だった。';
    expect(marked([body], '写真')).toBe('…雨だった。浅草寺に行って、雷門の前で[写真]を撮った。それから東京スカイツリーに登って、夜景を見た。とても楽しい一日だった。');
    // The characters of the word, together: not each wherever it stands (日 of 今日, 一日).
    expect(marked([body], '日本')).not.toContain('[');
    expect(marked(['東京tower', ''], '京t*')).toBe('東[京tower]');
  });

  it('fall back to the title or tags when the body does not hold the words', () => {
    expect(marked(['Nothing here about it.', 'Holiday ideas', 'travel'], 'holiday')).toBe('[Holiday] ideas');
    expect(marked(['Body text.', 'Title', 'travel'], 'trav*')).toBe('[travel]');
    expect(marked(['', 'Title only'], 'zzz')).toBe('Title only');
  });

  it('show a note found by a tag as the tag, marked, and the start of the note', () => {
    const show = (found: Snippet | null) => (found === null ? null : found.highlights.reduceRight((text, [start, end]) => `${text.slice(0, start)}[${text.slice(start, end)}]${text.slice(end)}`, found.snippet));
    expect(show(tagSnippet(['home', 'garden'], highlightTerms('gard*'), 'Tomatoes by the wall.'))).toBe('#[garden] · Tomatoes by the wall.');
    expect(show(tagSnippet(['garden'], highlightTerms('garden'), ''))).toBe('#[garden]');
    expect(tagSnippet(['home'], highlightTerms('garden'), 'x')).toBeNull();
  });

  it('start without "…" when only punctuation comes before', () => {
    expect(marked(['- Middlemarch\n- Le Petit Prince\n'], 'prince')).toBe('Middlemarch Le Petit [Prince]');
    expect(marked(['# Plans\n\nGo to Lyon.'], 'plans')).toBe('[Plans] Go to Lyon.');
  });

  it('read as plain text, without the Markdown around the words, as the list\'s preview does', () => {
    expect(marked(['## Garden\n\n- [x] **water** the _tomatoes_\n- [ ] weed'], 'water')).toBe('Garden [water] the tomatoes weed');
    expect(marked(['See [the garden plan](https://example.org/plan) and `notes`.'], 'plan')).toBe('See the garden [plan] and notes.');
    expect(marked(['> Quote about ~~old~~ gardens'], 'gardens')).toBe('Quote about old [gardens]');
  });

  it('keep the Markdown where the match is only in it, as in a link\'s address', () => {
    expect(marked(['Read [this](https://example.org/compost) first.'], 'compost')).toBe('…this](https://example.org/[compost]) first.');
  });

  it('say "…" where the lines read stop before the note does', () => {
    const body = 'water by [the well](https://example.org/a/b/c/d/e/f/g/h/i/j/k/l/m/n)\nMore words after.';
    expect(marked([body], 'water')).toBe('[water] by the well …');
  });

  it('still say "…" where words were left out before or after the lines read', () => {
    const body = `${'Earlier words. '.repeat(40)}\n- **water** the tomatoes\n${'Later words. '.repeat(40)}`;
    expect(marked([body], 'water')).toBe('…Earlier words. Earlier words. [water] the tomatoes Later words. Later words. Later words. Later words. Later …');
  });

  it('find a word at the end of a very long note in one pass', () => {
    const body = 'lorem ipsum '.repeat(500_000) + 'the needle at the end';
    expect(marked([body], 'needle')).toBe('…ipsum lorem ipsum the [needle] at the end');
  });
});

describe('firstMatchAt', () => {
  it('finds where the first match starts, accents and case aside, a phrase as a whole', () => {
    const text = 'Notes from Lyon.\n\nThe café by the river; another Café later.\n\nNew York, then york alone.';
    expect(firstMatchAt(text, highlightTerms('cafe'))).toBe(text.indexOf('café'));
    expect(firstMatchAt(text, highlightTerms('riv*'))).toBe(text.indexOf('river'));
    expect(firstMatchAt(text, highlightTerms('"new york"'))).toBe(text.indexOf('New York'));
    expect(firstMatchAt(text, highlightTerms('paris'))).toBeNull();
    expect(firstMatchAt('', highlightTerms('cafe'))).toBeNull();
  });
});

describe('termsToMark', () => {
  it('takes the search as the list looks it up: the last word a prefix while it is typed', () => {
    expect(termsToMark('ferr')).toEqual([{ tokens: ['ferr'], prefix: true }]);
    expect(termsToMark('"ferry"')).toEqual([{ tokens: ['ferry'], prefix: false }]);
    expect(termsToMark('"new york" Café')).toEqual([
      { tokens: ['new', 'york'], prefix: false },
      { tokens: ['cafe'], prefix: true },
    ]);
  });

  it('marks nothing for no words, exclusions only, or one letter (looked up in titles only)', () => {
    expect(termsToMark('')).toEqual([]);
    expect(termsToMark('   ')).toEqual([]);
    expect(termsToMark('-milk')).toEqual([]);
    expect(termsToMark('g')).toEqual([]);
  });
});
