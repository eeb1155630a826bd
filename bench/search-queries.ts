// The fixed query set for the search figures: what a person types into the search box, in the
// query language of electron/journal/search-query.ts. The words come from the workload
// generator's vocabulary (a Zipf law over ~3,500 words: English words, inflections and a long
// tail of made-up names); with seed 1 and 10,000 notes, "the" is in nearly every note, the
// made-up names in about 1%, a three-digit number from a code block in one note, and "zyzzyva"
// in none.

export type QueryKind = 'common word' | 'word' | 'rare word' | 'no match' | 'prefix' | 'two words' | 'phrase' | 'or' | 'exclusion';

export interface BenchQuery {
  text: string;
  kind: QueryKind;
}

export const benchQueries: readonly BenchQuery[] = [
  { text: 'the', kind: 'common word' },
  { text: 'people', kind: 'common word' },
  { text: 'water', kind: 'common word' },
  { text: 'journal', kind: 'common word' },
  { text: 'garden', kind: 'word' },
  { text: 'mountain', kind: 'word' },
  { text: 'coffee', kind: 'word' },
  { text: 'deadline', kind: 'word' },
  { text: 'cithond', kind: 'rare word' },
  { text: 'stoutheack', kind: 'rare word' },
  { text: 'drapleefliond', kind: 'rare word' },
  { text: '457', kind: 'rare word' },
  { text: 'zyzzyva', kind: 'no match' },
  { text: 'gar*', kind: 'prefix' },
  { text: 'pla*', kind: 'prefix' },
  { text: 'mou*', kind: 'prefix' },
  { text: 'th*', kind: 'prefix' },
  { text: 'garden plan', kind: 'two words' },
  { text: 'water river', kind: 'two words' },
  { text: 'coffee meeting', kind: 'two words' },
  { text: 'budget flight', kind: 'two words' },
  { text: '"the people"', kind: 'phrase' },
  { text: '"of the"', kind: 'phrase' },
  { text: 'recipe OR lunch', kind: 'or' },
  { text: 'garden -water', kind: 'exclusion' },
];
