/**
 * The part of a query word that other forms of the word start with, per language. PostgreSQL stems
 * the index and the query with Snowball (russian, english) and matches `stem:*`, so "выборах"
 * finds "выборы"; SQLite's FTS5 has no Russian stemmer, so there the query word is cut to a
 * stem-like prefix here and matched as `prefix*` against the unstemmed words, which finds the same
 * forms in the common cases. Snippets mark words by the same prefix on both databases.
 *
 * This is a light suffix strip, not Snowball: it only removes one common inflectional ending and
 * never leaves fewer than MIN_STEM letters. A Snowball port (the `snowball-stemmers` package:
 * `newStemmer('russian').stem(word)`) can replace a language's entry in STEMMERS without any other
 * change; Kazakh has no stemmer on either database and is matched by prefix (its endings follow the
 * stem, so `астана*` finds "астанада", "астанадағы").
 */

/** A function from a folded word to the prefix its other forms share. */
export type Stemmer = (word: string) => string;

const MIN_STEM = 4;

// Russian noun, adjective and verb endings, longest first (folded text: ё is already е).
const RUSSIAN_ENDINGS = [
  'иями', 'ями', 'ами', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'иях', 'ях', 'ах', 'ов', 'ев', 'ей', 'ий', 'ый', 'ой', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие',
  'ую', 'юю', 'ом', 'ем', 'ам', 'ям', 'ть', 'ла', 'ло', 'ли', 'а', 'я', 'ы', 'и', 'у', 'ю', 'е', 'о', 'ь', 'й',
];

function stripEnding(word: string, endings: readonly string[]): string {
  const length = [...word].length;
  for (const ending of endings) {
    if (word.endsWith(ending) && length - [...ending].length >= MIN_STEM) return word.slice(0, word.length - ending.length);
  }
  return word;
}

/** English plurals and -ing/-ed forms, as Snowball would keep their stem's start. */
const ENGLISH_ENDINGS = ['ings', 'ing', 'ies', 'es', 'ed', 's'];

const STEMMERS: Readonly<Record<string, Stemmer>> = {
  ru: (word) => stripEnding(word, RUSSIAN_ENDINGS),
  en: (word) => (word.endsWith('ss') ? word : stripEnding(word, ENGLISH_ENDINGS)),
};

/** The prefix other forms of a folded query word share in `language` (the word itself where no stemmer applies). */
export function stemPrefix(word: string, language: string): string {
  return STEMMERS[language]?.(word) ?? word;
}
