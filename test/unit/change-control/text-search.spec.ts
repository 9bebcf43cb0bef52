import { booleanModeQuery, fts5Query, indexable, narrowingWords, textWords, wordRegexp } from '../../../src/change-control/text-search';
import { sqliteRegexp } from '../../../src/database/sqlite-functions';

describe('text search words', () => {
  it.each([
    ['Azure', [{ text: 'azure', prefix: true }]],
    [
      '  azure,  FURN ',
      [
        { text: 'azure', prefix: false },
        { text: 'furn', prefix: true },
      ],
    ],
    ['100%', [{ text: '100', prefix: true }]],
    ['Gemini_Furniture', [{ text: 'gemini_furniture', prefix: true }]],
    [
      'España 2026',
      [
        { text: 'españa', prefix: false },
        { text: '2026', prefix: true },
      ],
    ],
    ['_', []],
    ['%', []],
    ['"+-*()~<>@', []],
  ])('%j → %j', (q, words) => {
    expect(textWords(q)).toEqual(words);
  });

  it.each([
    ['azure', true],
    ['es', false],
    ['the', false],
    ['this', false],
    ['100', true],
    ['año', true],
  ])('%s indexable: %s', (text, expected) => {
    expect(indexable({ text, prefix: false })).toBe(expected);
  });

  it('builds index queries from words only', () => {
    const words = textWords('Azure furn');
    expect(fts5Query(words)).toBe('"azure" AND "furn"*');
    expect(booleanModeQuery(words)).toBe('+azure +furn*');
  });

  it('narrows by the indexable words that are rare in the sample', () => {
    const words = textWords('contact the 4321');
    expect(narrowingWords(words, [2000, 1999, 0], 2000).map((w) => w.text)).toEqual(['4321']);
    expect(narrowingWords(words, [20, 0, 21], 2000).map((w) => w.text)).toEqual(['contact']);
    expect(narrowingWords(words, [3, 3, 3], 10).map((w) => w.text)).toEqual([]);
    expect(narrowingWords(words, [1, 0, 1], 10).map((w) => w.text)).toEqual(['contact', '4321']);
  });
});

describe('the word test (SQLite regexp, same pattern as MySQL/MariaDB REGEXP)', () => {
  const matches = (q: string, title: string) => textWords(q).every((word) => sqliteRegexp(wordRegexp(word), title) === 1);
  it.each([
    ['azure', 'Azure Interior', true],
    ['AZURE', 'azure furniture 100%', true],
    ['azure furn', 'Azure Furniture 100%', true],
    ['furn azure', 'Azure Furniture', false],
    ['furniture azure', 'Azure Furniture', true],
    ['zure', 'Azure Interior', false],
    ['azur', 'Azure Interior', true],
    ['azur interior', 'Azure Interior', false],
    ['100', 'azure furniture 100%', true],
    ['furniture', 'Gemini_Furniture', false],
    ['gemini_furn', 'Gemini_Furniture', true],
    ['españa', 'ESPAÑA', true],
    ['contact 4321', 'Contact 43210', true],
    ['contact 4321', 'Contact 14321', false],
    ['nothing like this', 'Azure Interior', false],
  ])('%j in %j: %s', (q, title, expected) => {
    expect(matches(q, title)).toBe(expected);
  });

  it('is false for null titles', () => {
    expect(sqliteRegexp(wordRegexp({ text: 'x', prefix: true }), null)).toBe(0);
  });
});
