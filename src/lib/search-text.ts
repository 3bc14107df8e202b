/**
 * Text folded for substring search, the same way on SQLite and PostgreSQL: the database's own
 * lower() folds only ASCII on SQLite and depends on the ctype on PostgreSQL, so "Астана" and
 * "қазақ" are folded here, in JS, when a row is written (a `search_text` column) and when a query
 * is read, and the database compares the folded strings with a plain LIKE.
 *
 * Changing the fold changes what stored rows must hold: ship a migration that recomputes every
 * `search_text` with it (see migrations/0003-search-text.ts).
 */

// Dotted capital İ (Kazakh Latin, Turkish) lowercases to i + U+0307 COMBINING DOT ABOVE, and dotless
// ı has no ASCII partner; both become plain i so "İ", "ı", "I" and "i" all find one another.
const DOTTED_AND_DOTLESS_I = /[\u0130\u0131]/g;
// Soft hyphens, zero-width spaces and joiners, BOMs: invisible, but they would split a word.
// Unicode's NFKC_Casefold drops these Default_Ignorable_Code_Points too.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
const WHITESPACE_RUN = /\s+/gu;
// Each part is folded to one line, so a query (always one line) never matches across two parts.
const PART_SEPARATOR = '\n';

function foldOne(text: string): string {
  return text
    .normalize('NFKC')
    .replace(DOTTED_AND_DOTLESS_I, 'i')
    .replace(INVISIBLE, '')
    .toLowerCase() // Unicode case mapping, the same for every locale (unlike toLocaleLowerCase())
    .normalize('NFKC') // lowercasing can leave a letter + combining mark that NFKC composes again
    .replace(WHITESPACE_RUN, ' ')
    .trim();
}

/**
 * The search form of one or more texts: NFKC, lower case (all scripts), invisible characters
 * dropped, whitespace runs as one space; non-empty parts joined by a newline.
 */
export function searchText(...parts: string[]): string {
  return parts
    .map(foldOne)
    .filter((part) => part !== '')
    .join(PART_SEPARATOR);
}

// The escape character of every pattern built here; SQL names it: `escape '\'`.
const LIKE_ESCAPE = '\\';

/**
 * A LIKE pattern finding the folded `query` anywhere in a search_text column, with % _ and the
 * escape character typed by the user escaped so they match themselves; undefined for a query that
 * folds to nothing (no filter). Use it as `search_text like ${pattern} escape '\'`.
 */
export function searchPattern(query: string): string | undefined {
  const folded = searchText(query);
  if (folded === '') return undefined;
  return `%${folded.replace(/[\\%_]/g, (c) => `${LIKE_ESCAPE}${c}`)}%`;
}

// FTS5's trigram index needs at least three characters: a shorter phrase matches no row.
const MIN_INDEXED_LENGTH = 3;

/**
 * An FTS5 phrase for SQLite's trigram index (migration 0010) finding the folded `query` anywhere,
 * as searchPattern's LIKE does, or undefined for a query under three characters (the caller then
 * uses searchPattern). Inside a phrase every character is itself (`*`, `?`, `%`…); a double quote
 * is doubled (FTS5's string syntax). Use it as `articles_search_fts match ${phrase}`.
 */
export function trigramPhrase(query: string): string | undefined {
  const folded = searchText(query);
  if ([...folded].length < MIN_INDEXED_LENGTH) return undefined;
  return `"${folded.replaceAll('"', '""')}"`;
}
