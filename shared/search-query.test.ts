import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { asNameSoFar, asTypedSoFar, nothingToFind, segmented, titlesOnlySoFar, toFtsQuery, unsegmented } from './search-query.js';

// ── A small journal to search ───────────────────────────────────────────────────────────────────

/** The search index exactly as the journal creates it (migrations/0001-journal.ts), which holds text segmented (store.ts, indexedText). */
const searchTable = `CREATE VIRTUAL TABLE search USING fts5(title, body, tags, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`;

const notes = [
  { title: 'Garden plan', body: 'Tomatoes along the south fence, basil in pots.', tags: 'garden' },
  { title: 'Bench', body: 'The plan: move the old garden bench under the oak.', tags: 'yard' },
  { title: 'Garden draft', body: 'Half-baked ideas for the garden, draft.', tags: 'draft' },
  { title: 'Café du coin', body: 'Un café crème et un croissant à la terrasse.', tags: 'paris' },
  { title: 'Cafeteria menu', body: 'The cafe downstairs serves soup on Fridays.', tags: 'work' },
  { title: 'Einkaufsliste', body: 'Brötchen, Käse und Äpfel für das Frühstück, Hauptstraße 5.', tags: 'einkaufen' },
  { title: '東京旅行', body: '浅草寺と東京スカイツリー', tags: '旅行' },
  { title: 'ملاحظات', body: 'مرحبا بالعالم', tags: 'عربي' },
  { title: 'Weekend ideas 🤔', body: 'Plant the 🥑 pits 😀', tags: 'home' },
  { title: 'C++ templates', body: 'template<typename T> std::vector<T>; set foo:bar = 1 in the config', tags: 'code' },
  { title: 'Logic gates', body: 'AND, OR and NOT gates. NEAR field communication.', tags: 'electronics' },
] as const;

const db = new Database(':memory:');
db.exec(searchTable);
const insert = db.prepare('INSERT INTO search (title, body, tags) VALUES (?, ?, ?)');
for (const note of notes) insert.run(segmented(note.title), segmented(note.body), segmented(note.tags));
const matching = db.prepare('SELECT title FROM search WHERE search MATCH ? ORDER BY rowid').pluck();
const matchingRowids = db.prepare('SELECT rowid FROM search WHERE search MATCH ?').pluck();
afterAll(() => db.close());

/** The titles of the notes a person finds by typing `typed`, or null when there is nothing to search for. */
function find(typed: string): string[] | null {
  const query = toFtsQuery(typed);
  return query === null ? null : (matching.all(query) as string[]).map(unsegmented);
}

/** Runs the translated query the way the app does; throws whatever FTS5 throws. */
function run(typed: string): void {
  const query = toFtsQuery(typed);
  if (query !== null) matchingRowids.all(query);
}

// ── What people type, and what they find ────────────────────────────────────────────────────────

describe('a person searching their notes', () => {
  it('typing two words finds the notes holding both, in any order and any column', () => {
    expect(find('garden plan')).toEqual(['Garden plan', 'Bench']);
    expect(find('plan garden')).toEqual(['Garden plan', 'Bench']);
    expect(find('tomatoes garden')).toEqual(['Garden plan']); // body and title/tags
    expect(find('paris croissant')).toEqual(['Café du coin']); // tags and body
    expect(find('garden plan oak')).toEqual(['Bench']);
  });

  it('putting words in double quotes finds them side by side, in that order', () => {
    expect(find('"garden plan"')).toEqual(['Garden plan']);
    expect(find('"plan garden"')).toEqual([]);
    expect(find('"old garden" bench')).toEqual(['Bench']);
  });

  it('forgetting the closing quote still finds the phrase (it runs to the end)', () => {
    expect(find('"garden plan')).toEqual(['Garden plan']);
    expect(find('tomatoes "garden pl')).toEqual([]);
  });

  it('typing curly quotes, as phones and Macs do, works like straight quotes', () => {
    expect(find('“garden plan”')).toEqual(['Garden plan']);
    expect(find('„garden plan“')).toEqual(['Garden plan']);
  });

  it('ending a word with * finds every word starting that way', () => {
    expect(find('caf*')).toEqual(['Café du coin', 'Cafeteria menu']);
    expect(find('caf')).toEqual([]);
    expect(find('Frühst*')).toEqual(['Einkaufsliste']);
    expect(find('fruhst*')).toEqual(['Einkaufsliste']);
    expect(find('g*')).toEqual(['Garden plan', 'Bench', 'Garden draft', 'Logic gates']);
  });

  it('ending a phrase with * makes its last word a prefix, inside or outside the quotes', () => {
    expect(find('"garden pl*"')).toEqual(['Garden plan']);
    expect(find('"garden pl"*')).toEqual(['Garden plan']);
    expect(find('"garden pl"')).toEqual([]);
  });

  it('typing café finds cafe, and typing cafe finds Café: accents and case do not matter', () => {
    expect(find('cafe')).toEqual(['Café du coin', 'Cafeteria menu']);
    expect(find('café')).toEqual(['Café du coin', 'Cafeteria menu']);
    expect(find('CAFÉ')).toEqual(['Café du coin', 'Cafeteria menu']);
    expect(find('cafe\u0301')).toEqual(['Café du coin', 'Cafeteria menu']); // é typed as e + combining accent
    expect(find('creme')).toEqual(['Café du coin']);
    expect(find('kase brotchen')).toEqual(['Einkaufsliste']);
    expect(find('KÄSE')).toEqual(['Einkaufsliste']);
    expect(find('hauptstraße')).toEqual(['Einkaufsliste']);
  });

  it('typing OR between two words finds notes with either', () => {
    expect(find('croissant OR soup')).toEqual(['Café du coin', 'Cafeteria menu']);
    expect(find('croissant OR soup OR tomatoes')).toEqual(['Garden plan', 'Café du coin', 'Cafeteria menu']);
    expect(find('"old garden" OR "garden plan"')).toEqual(['Garden plan', 'Bench']);
  });

  it('OR binds tighter than the spaces between words, as in web search', () => {
    // garden AND (tomatoes OR bench), not (garden AND tomatoes) OR bench
    expect(find('garden tomatoes OR bench')).toEqual(['Garden plan', 'Bench']);
    expect(find('tomatoes OR bench oak')).toEqual(['Bench']);
    expect(find('croissant OR soup cafe OR paris')).toEqual(['Café du coin', 'Cafeteria menu']);
  });

  it('typing or in lower case, or OR with nothing on one side, searches for the word "or"', () => {
    expect(find('croissant or soup')).toEqual([]);
    expect(find('OR')).toEqual(['Logic gates']);
    expect(find('or gates')).toEqual(['Logic gates']);
    expect(find('gates OR')).toEqual(['Logic gates']);
    expect(find('"OR" gates')).toEqual(['Logic gates']);
    expect(find('OR OR')).toEqual(['Logic gates']);
  });

  it('typing -word leaves out the notes holding it', () => {
    expect(find('garden -draft')).toEqual(['Garden plan', 'Bench']);
    expect(find('garden -draft -oak')).toEqual(['Garden plan']);
    expect(find('garden -"old garden"')).toEqual(['Garden plan', 'Garden draft']);
    expect(find('caf* -paris')).toEqual(['Cafeteria menu']);
    expect(find('garden -dra*')).toEqual(['Garden plan', 'Bench']);
    expect(find('croissant OR soup -fridays')).toEqual(['Café du coin']);
  });

  it('typing only exclusions searches nothing, like an empty box (FTS5 cannot list "all but")', () => {
    expect(toFtsQuery('-draft')).toBeNull();
    expect(toFtsQuery('-draft -"garden plan" -caf*')).toBeNull();
    // …and says so, so the person is told to add a word rather than that nothing matched.
    expect(nothingToFind('-draft -"garden plan" -caf*')).toBe('only exclusions');
    expect(nothingToFind('garden -draft')).toBeNull();
  });

  it('a hyphen inside a word, or a lone minus, is just punctuation', () => {
    expect(find('half-baked')).toEqual(['Garden draft']);
    expect(find('garden - draft')).toEqual(['Garden draft']);
  });

  it('typing c++ or foo:bar finds the code notes', () => {
    expect(find('c++')).toEqual(['C++ templates']);
    expect(find('C++ templates')).toEqual(['C++ templates']);
    expect(find('foo:bar')).toEqual(['C++ templates']);
    expect(find('std::vector<T>')).toEqual(['C++ templates']);
    expect(find('template<typename')).toEqual(['C++ templates']);
    expect(find('foo:bar=1')).toEqual(['C++ templates']);
  });

  it('typing AND, NOT or NEAR searches for those words; they are never operators', () => {
    expect(find('AND')).toEqual(['Logic gates']);
    expect(find('NOT gates')).toEqual(['Logic gates']);
    expect(find('gates NOT')).toEqual(['Logic gates']);
    expect(find('gates AND')).toEqual(['Logic gates']);
    expect(find('garden AND plan')).toEqual([]); // no garden note holds the word "and"
    expect(find('NEAR(field communication)')).toEqual(['Logic gates']);
    expect(find('NEAR/2')).toEqual([]);
    expect(find('NOT')).toEqual(['Logic gates']);
  });

  it('typing FTS5 column filters, anchors and brackets searches for the words in them', () => {
    expect(find('title:garden')).toEqual([]); // the phrase "title garden", not a column filter
    expect(find('tags:code')).toEqual([]);
    expect(find('{title}:garden')).toEqual([]);
    expect(find('^garden')).toEqual(find('garden'));
    expect(find('(garden)')).toEqual(find('garden'));
    expect(find("garden's")).toEqual([]); // the phrase "garden s"
    expect(find('\\garden\\')).toEqual(find('garden'));
  });

  it('typing a word of Japanese or Chinese finds it inside a run written without spaces', () => {
    expect(find('東京旅行')).toEqual(['東京旅行']);
    expect(find('東京')).toEqual(['東京旅行']);
    expect(find('京旅')).toEqual(['東京旅行']);
    expect(find('スカイツリー')).toEqual(['東京旅行']);
    expect(find('浅草寺と東京')).toEqual(['東京旅行']);
    expect(find('草')).toEqual(['東京旅行']);
    expect(find('東京*')).toEqual(['東京旅行']);
    // The characters in that order, next to each other: not anywhere in the note.
    expect(find('京東')).toEqual([]);
    expect(find('東旅')).toEqual([]);
    expect(find('東京旅行\u3000旅行')).toEqual(['東京旅行']); // an ideographic space separates words
    expect(find('東京 -スカイ')).toEqual([]);
  });

  it('typing Korean or Thai finds a word inside a longer one', () => {
    const probe = new Database(':memory:');
    probe.exec(searchTable);
    probe.prepare('INSERT INTO search (title, body, tags) VALUES (?, ?, ?)').run(segmented('학교'), segmented('학교에서 친구를 만났다'), '');
    probe.prepare('INSERT INTO search (title, body, tags) VALUES (?, ?, ?)').run(segmented('ไทย'), segmented('ภาษาไทยสวัสดีครับ'), '');
    const titles = (typed: string) => (probe.prepare('SELECT title FROM search WHERE search MATCH ?').pluck().all(toFtsQuery(typed)!) as string[]).map(unsegmented);
    expect(titles('친구')).toEqual(['학교']);
    expect(titles('학교에')).toEqual(['학교']);
    expect(titles('สวัสดี')).toEqual(['ไทย']);
    expect(titles('ภาษา')).toEqual(['ไทย']);
    probe.close();
  });

  it('typing right-to-left text finds it', () => {
    expect(find('مرحبا')).toEqual(['ملاحظات']);
    expect(find('\u200Fمرحبا\u200F')).toEqual(['ملاحظات']); // with right-to-left marks around it
  });

  it('typing an emoji finds it when unicode61 indexes it, and searches nothing when it does not', () => {
    expect(find('🤔')).toEqual(['Weekend ideas 🤔']);
    expect(find('🥑 pits')).toEqual(['Weekend ideas 🤔']);
    expect(toFtsQuery('😀')).toBeNull(); // a separator for unicode61, like punctuation
    expect(find('pits 😀')).toEqual(['Weekend ideas 🤔']);
  });

  it('typing punctuation next to words ignores the punctuation, not the words', () => {
    expect(find('garden, plan!')).toEqual(['Garden plan', 'Bench']);
    expect(find('garden !!! plan')).toEqual(['Garden plan', 'Bench']);
    expect(find('croissant OR ??? OR soup')).toEqual(['Café du coin', 'Cafeteria menu']);
    expect(find('garden "" plan')).toEqual(['Garden plan', 'Bench']);
    expect(find('garden * plan')).toEqual(['Garden plan', 'Bench']);
  });

  it('typing only spaces, punctuation or symbols searches nothing', () => {
    for (const typed of ['', ' ', '\t\n ', '\u3000', '!!!', '-', '--', '"', '""', '" "', '*', '**', '()', '—', '...', '"*"', '-*', '\u0000', '\uD800', '\uDFFF', '😀', '❤️', '\u200B\u200F']) {
      expect(toFtsQuery(typed), JSON.stringify(typed)).toBeNull();
      expect(nothingToFind(typed), JSON.stringify(typed)).toBe('no words');
    }
    expect(nothingToFind('c++')).toBeNull();
  });

  it('control characters typed or pasted count as spaces', () => {
    expect(find('garden\u0000plan')).toEqual(['Garden plan', 'Bench']);
    expect(find('"garden\u0000plan"')).toEqual(['Garden plan']);
    expect(find('garden\u0007\u007F\u0085plan')).toEqual(['Garden plan', 'Bench']);
  });
});

describe('the FTS5 expressions toFtsQuery writes', () => {
  it('quotes every term, doubling quotes, with * outside the quotes for prefixes', () => {
    expect(toFtsQuery('garden plan')).toBe('"garden" "plan"');
    expect(toFtsQuery('caf*')).toBe('"caf"*');
    expect(toFtsQuery('"garden pl*"')).toBe('"garden pl"*');
    expect(toFtsQuery('c++ foo:bar')).toBe('"c++" "foo:bar"');
    expect(toFtsQuery('NEAR(a b)')).toBe('"NEAR(a" "b)"');
    expect(toFtsQuery('say"hello world"')).toBe('"say" "hello world"');
    expect(toFtsQuery('5\'11"')).toBe('"5\'11"');
  });

  it('groups ORs in parentheses and puts every exclusion into one NOT', () => {
    expect(toFtsQuery('a OR b')).toBe('("a" OR "b")');
    expect(toFtsQuery('x a OR b y')).toBe('("x" "y") AND ("a" OR "b")');
    expect(toFtsQuery('a OR b -c')).toBe('("a" OR "b") NOT "c"');
    expect(toFtsQuery('a -c -"d e"')).toBe('"a" NOT ("c" OR "d e")');
    expect(toFtsQuery('a b -c')).toBe('("a" "b") NOT "c"');
  });
});

// ── No text at all makes FTS5 throw ─────────────────────────────────────────────────────────────

/** Pieces of FTS5 syntax, and other characters that tend to break query builders. */
const specials = [
  '"', '""', '*', '(', ')', ':', '^', '-', '+', ',', '.', "'", '\\', '/', '{', '}', '[', ']', '$', '%', '&', '|', '~', '!', '?', '<', '>', '=',
  'NEAR', 'NEAR(', 'NEAR/3', 'AND', 'OR', 'NOT', 'and', 'or', 'not', 'title:', '{title body}:', '-title:', 'rank', 'bm25',
  '“', '”', '„', '＂', '\u0000', '\u0001', '\n', '\u200B', '\u200F', '\uFEFF', '\uD800', '\uDC00', '\u0301',
  'e\u0301', 'café', '東京', 'مرحبا', '🤔', '😀', '👩‍👩‍👧', 'a', 'b', 'garden', 'c++', 'foo:bar', '1', '0x',
];
const glue = fc.constantFrom('', '', ' ', '  ', '\t', '\u3000');
/** Text built from FTS5-ish pieces with or without spaces between them. */
const ftsSoup = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...specials), fc.string({ maxLength: 4 })), glue), { maxLength: 24 })
  .map((pieces) => pieces.map(([piece, space]) => piece + space).join(''));
/** Any UTF-16 code units, lone surrogates included. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)), maxLength: 40 });

describe('any text a person types is a valid search', () => {
  it.each([
    ['a typical FTS5 expression', 'NEAR(garden plan, 3) AND title:cafe OR NOT ^x*'],
    ['unbalanced brackets', '((garden'],
    ['a column filter list', '{title body}: "garden plan"'],
    ['quotes galore', '"""""""'],
    ['a minus, a star and a quote', '-"*'],
    ['backslashes', '\\" \\\\ \\'],
    ['a NUL inside a phrase', '"garden\u0000plan"'],
    ['a lone surrogate inside a word', 'gar\uD800den'],
    ['only operators', 'AND OR NOT NEAR'],
    ['OR runs', 'OR OR a OR OR OR b OR'],
    ['10,000 words', 'garden '.repeat(1429)],
    ['10,000 characters in one word', 'g'.repeat(10_000)],
    ['3,333 exclusions', `garden ${'-x '.repeat(3333)}`],
    ['2,500 OR operators', `${'a OR '.repeat(2500)}b`],
    ['1,250 OR groups', 'a OR b '.repeat(1250)],
    ['5,000 opening brackets', '('.repeat(5000)],
    ['10,000 quotes', '"'.repeat(10_000)],
    ['10,000 stars', `garden${'*'.repeat(10_000)}`],
  ])('%s', (_name, typed) => {
    expect(() => run(typed)).not.toThrow();
  });

  it('10,000 random characters', () => {
    for (const typed of fc.sample(fc.string({ unit: 'binary', minLength: 10_000, maxLength: 10_000 }), { numRuns: 3, seed: 20_260_101 })) {
      expect(() => run(typed)).not.toThrow();
    }
  });

  it('any Unicode text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (typed) => {
        run(typed);
      }),
      { numRuns: 2000 },
    );
  });

  it('any UTF-16 code units, lone surrogates included (property)', () => {
    fc.assert(
      fc.property(codeUnits, (typed) => {
        run(typed);
      }),
      { numRuns: 2000 },
    );
  });

  it('any mix of FTS5 syntax, quotes, operators and words (property)', () => {
    fc.assert(
      fc.property(ftsSoup, (typed) => {
        run(typed);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('text as the index holds it', () => {
  it('reads back as it was written, for any text (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('東', '京', '𠮷', 'ー', 'ก', 'ั', '학', 'a', 'é', ' ', '\n', '。', '-', '1') });
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'grapheme' })), (typed) => {
        const clean = typed.replaceAll('\u2060', '');
        expect(unsegmented(segmented(clean))).toBe(clean);
      }),
      { numRuns: 2000 },
    );
    expect(segmented('東京tower 浅草')).toBe('東\u2060京\u2060tower 浅\u2060草');
    expect(segmented('Plain text, untouched.')).toBe('Plain text, untouched.');
  });
});

describe('a person who pastes text from a note finds that note', () => {
  // Whatever a person copies from a note and pastes into the box (minus "-", which excludes),
  // finds the note it came from: words, phrases, prefixes and ORs all hold for the note itself.
  const probe = new Database(':memory:');
  probe.exec(searchTable);
  const put = probe.prepare("INSERT INTO search (rowid, title, body, tags) VALUES (1, '', ?, '')");
  const found = probe.prepare('SELECT rowid FROM search WHERE search MATCH ?').pluck();
  afterAll(() => probe.close());

  function findsItself(text: string): void {
    probe.exec('DELETE FROM search');
    put.run(segmented(text));
    const query = toFtsQuery(text);
    if (query !== null) expect(found.all(query), `${JSON.stringify(text)} → ${query}`).toEqual([1]);
  }

  it('for any Unicode text (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => findsItself(text.replaceAll('-', ''))), { numRuns: 1500 });
  });

  it('for any text in grapheme clusters (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => findsItself(text.replaceAll('-', ''))), { numRuns: 1500 });
  });

  it('for any mix of FTS5 syntax and words (property)', () => {
    fc.assert(fc.property(ftsSoup, (text) => findsItself(text.replaceAll('-', ''))), { numRuns: 1500 });
  });
});

describe('which characters can be searched for', () => {
  it('a single character is searchable exactly when unicode61 indexes it, for all of Unicode', () => {
    // Index every code point as its own row and see which rows got a token: the same
    // measurement the separator table in search-query.ts was generated from.
    const probe = new Database(':memory:');
    try {
      probe.exec(`
        CREATE VIRTUAL TABLE chars USING fts5(c, tokenize = 'unicode61 remove_diacritics 2', content = '', columnsize = 0, detail = column);
        CREATE VIRTUAL TABLE tokens USING fts5vocab(chars, instance);
        WITH RECURSIVE cp(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM cp WHERE n < 1114111)
        INSERT INTO chars (rowid, c) SELECT n, char(n) FROM cp WHERE n NOT BETWEEN 55296 AND 57343;
      `);
      const indexed = new Set(probe.prepare('SELECT DISTINCT doc FROM tokens').pluck().all() as number[]);
      const disagreements: string[] = [];
      for (let cp = 0; cp <= 0x10ffff; cp++) {
        const searchable = toFtsQuery(String.fromCodePoint(cp)) !== null;
        if (searchable !== indexed.has(cp)) disagreements.push(`U+${cp.toString(16).toUpperCase()} ${searchable ? 'searchable' : 'not searchable'}`);
      }
      expect(disagreements.slice(0, 20)).toEqual([]);
      // The characters toFtsQuery reads as syntax (spaces, control characters, quotes, * and -)
      // must be separators as well, or giving them a meaning would hide text unicode61 indexes.
      const syntax = Array.from({ length: 0x10000 }, (_, unit) => unit).filter((unit) => /[\s\p{Cc}"“”„‟＂*-]/u.test(String.fromCharCode(unit)));
      expect(syntax.length).toBeGreaterThan(90);
      expect(syntax.filter((unit) => indexed.has(unit))).toEqual([]);
    } finally {
      probe.close();
    }
  });
});

describe('a query as it is being typed', () => {
  it.each([
    ['viad', 'viad*'],
    ['train viad', 'train viad*'],
    ['train ', 'train '],
    ['"a phrase"', '"a phrase"'],
    ['caf*', 'caf*'],
    ['café', 'café*'],
    ['', ''],
  ])('%s is looked up as %s', (typed, expected) => {
    expect(asTypedSoFar(typed)).toBe(expected);
  });
});

describe('a note looked up by name (the quick switcher)', () => {
  it.each([
    ['jour 2024-10', 'jour* 2024-10'],
    ['gard pla', 'gard* pla'],
    ['gard  pla ', 'gard*  pla* '],
    ['café plan', 'café* plan'],
    ['"garden pl" train', '"garden pl" train'],
    ['garden "pl', 'garden* "pl'],
    ['garden -draft plan', 'garden* -draft plan'],
    ['tomatoes OR basil', 'tomatoes* OR basil'],
    ['caf* plan', 'caf* plan'],
    ['viad', 'viad'],
    ['', ''],
  ])('%s is looked up as %s (the last word is asTypedSoFar’s)', (typed, expected) => {
    expect(asNameSoFar(typed)).toBe(expected);
  });

  it('finds a note by the starts of the words of its name', () => {
    expect(toFtsQuery(asTypedSoFar(asNameSoFar('jour 2024-10')))).toBe(toFtsQuery('jour* 2024-10*'));
  });
});

describe('one character typed so far', () => {
  it.each([
    ['g', true],
    [' G ', true],
    ['7', true],
    ['é', true],
    ['猫', false],
    ['ga', false],
    ['-', false],
    ['', false],
  ])('%j is looked up in titles and tags only: %s', (typed, expected) => {
    expect(titlesOnlySoFar(typed)).toBe(expected);
  });
});
