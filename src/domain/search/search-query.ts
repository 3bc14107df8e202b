import { foldForSearch, searchWords } from '#src/i18n/search-folding.ts';
import { cleanText } from '#src/lib/text-input.ts';

/** The longest query read, in characters: the rest of a pasted page is dropped, not searched. */
export const MAX_QUERY_LENGTH = 200;
/** At most this many words of a query are searched (each one narrows the results). */
export const MAX_QUERY_TERMS = 8;
/** A word longer than this is cut: no real word is, and FTS5 and tsquery need no more. */
const MAX_TERM_LENGTH = 40;

/** One word of a query as the index is asked for it. */
export type SearchTerm = {
  /** The folded word: letters, digits and marks only, so it can never be an operator. */
  text: string;
  /** Whether words that start with it match too (three letters and more; shorter ones match whole). */
  isPrefix: boolean;
};

/** A reader's query: what they typed (cleaned and cut), and the words searched. */
export type SearchQuery = {
  /** The query as the search box shows it again: control characters removed, at most MAX_QUERY_LENGTH. */
  text: string;
  /** The words every result has (all of them); empty when the query holds no searchable word. */
  terms: SearchTerm[];
};

/**
 * Reads a reader's query safely: control characters (NUL too) removed, cut at MAX_QUERY_LENGTH,
 * folded (i18n/search-folding.ts), split into words on everything that is not a letter or digit.
 * Quotes, FTS5 and tsquery operators (AND OR NOT NEAR * ^ : ( ) " & | ! <->) are punctuation here,
 * so no query reaches the database as syntax: each term is quoted again by the repository.
 * Single letters are dropped (they would match nearly everything), as are repeats.
 */
export function parseSearchQuery(raw: string): SearchQuery {
  const text = [...cleanText(raw).trim()].slice(0, MAX_QUERY_LENGTH).join('');
  const words = searchWords(foldForSearch(text))
    .map((word) => [...word].slice(0, MAX_TERM_LENGTH).join(''))
    .filter((word) => [...word].length >= 2);
  const terms = [...new Set(words)].slice(0, MAX_QUERY_TERMS).map((word) => ({ text: word, isPrefix: [...word].length >= 3 }));
  return { text, terms };
}
