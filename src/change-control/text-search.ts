/**
 * Change control's text search (`q`), served by a full-text index of the title. Pure.
 *
 * A word is a run of letters, digits and `_`. A row matches when every word of `q` is a whole
 * word of its title, except the last word of `q`, which may be the beginning of one
 * (search as you type): `azure furn` finds "Azure Furniture 100%". Case does not matter;
 * punctuation in `q` is ignored. A `q` without any letter or digit (`%`, `_`) is matched as
 * before: the title contains it.
 *
 * The exact test is a regular expression per word (REGEXP, bound as a parameter; SQLite gets a
 * JavaScript implementation). The index (SQLite FTS5, MySQL/MariaDB FULLTEXT) only narrows the
 * rows to test, through the words it can serve that are rare in the newest rows: InnoDB's
 * full-text search over a word found in most rows costs seconds at a million rows, while walking
 * the newest rows finds a common word's first page at once.
 */

export interface TextWord {
  /** Lower-cased. */
  text: string;
  /** The last word of `q`: may be the beginning of a title word. */
  prefix: boolean;
}

const WORD = /[\p{L}\p{N}_]+/gu;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export function textWords(q: string): TextWord[] {
  const words = (q.match(WORD) ?? []).filter((word) => HAS_LETTER_OR_DIGIT.test(word)).map((word) => word.toLowerCase());
  return words.map((text, index) => ({ text, prefix: index === words.length - 1 }));
}

/** The exact test of one word: not preceded (and, unless a prefix, not followed) by a word character. */
export function wordRegexp(word: TextWord): string {
  return `(?<![\\p{L}\\p{N}_])${word.text}${word.prefix ? '' : '(?![\\p{L}\\p{N}_])'}`;
}

/**
 * InnoDB's default full-text stop words and its minimum token size (3): such words are not in a
 * MySQL/MariaDB FULLTEXT index, so they are never used to narrow (on either database, to keep one behaviour).
 */
const STOP_WORDS = new Set([
  ...'a about an are as at be by com de en for from how i in is it la of on or that'.split(' '),
  ...'the this to was what when where who will with und www'.split(' '),
]);
export const MIN_INDEXED_LENGTH = 3;

export function indexable(word: TextWord): boolean {
  return [...word.text].length >= MIN_INDEXED_LENGTH && !STOP_WORDS.has(word.text);
}

/** SQLite FTS5 query: `"azure" AND "furn"*` (words are letters, digits and _ only, so quoting is safe). */
export function fts5Query(words: TextWord[]): string {
  return words.map((word) => `"${word.text}"${word.prefix ? '*' : ''}`).join(' AND ');
}

/** MySQL/MariaDB boolean-mode query: `+azure +furn*`. */
export function booleanModeQuery(words: TextWord[]): string {
  return words.map((word) => `+${word.text}${word.prefix ? '*' : ''}`).join(' ');
}

/** How many of the newest rows are sampled to tell rare words from common ones, and the share above which a word is common. */
export const SAMPLE_ROWS = 2000;
export const COMMON_SHARE = 0.01;

/** The words worth narrowing by: indexable and rare in the sample (`hits[i]` rows of `sampled` contain word i). */
export function narrowingWords(words: TextWord[], hits: number[], sampled: number): TextWord[] {
  const limit = Math.max(1, Math.floor(sampled * COMMON_SHARE));
  return words.filter((word, index) => indexable(word) && hits[index] <= limit);
}
