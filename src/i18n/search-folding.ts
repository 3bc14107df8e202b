import { toKazakhLatin } from './kazakh-latin.ts';

/**
 * Text folded for readers' full-text search (domain/search), the same way for the index and for a
 * query, so that a query typed without a language's special letters finds them: lower case in
 * every script, the Kazakh letters made their plain Russian-alphabet partners (ә→а, ғ→г, қ→к, ң→н,
 * ө→о, ұ→у, ү→у, һ→х, і→и), ё→е, and Latin letters without their marks (the Kazakh Latin ä ğ ñ ö ş
 * ū ü ı and é, ç… alike). Cyrillic й keeps its breve: Russian endings such as -ый, -ой are what
 * PostgreSQL's russian stemmer strips, and folding й→и would change its stems.
 *
 * Everything that is not a letter, digit or mark becomes a space, so both databases split the
 * folded text into the same words (PostgreSQL's parser reads «», quotes and dashes as letters in a
 * C-locale database; FTS5's unicode61 tokenizer never would). Invisible characters (soft hyphens,
 * zero-width joiners) are dropped, so a word split by one stays one word.
 *
 * The fold works one code point at a time, so a position in the folded text maps back to the
 * original (foldWithOffsets): that is how snippets mark the reader's words in the text as written.
 * Changing the fold changes what the index must hold: ship a migration that rebuilds the search
 * documents (migrations/0015-reader-search.ts shows the walk).
 */

const KAZAKH_AND_CYRILLIC: Record<string, string> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и', ё: 'е' };
// Dotless ı has no decomposition: NFD leaves it alone, so it is named here.
const LATIN_WITHOUT_DECOMPOSITION: Record<string, string> = { ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l' };
const LATIN_BASE_WITH_MARKS = /^([a-z])\p{M}+$/u;
const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;

const folded = new Map<string, string>();

/** The folded form of one code point: '' (invisible), ' ' (anything but a letter, digit or mark), or letters. */
function foldCodePoint(c: string): string {
  let out = folded.get(c);
  if (out !== undefined) return out;
  // A mark standing alone (text not in NFC, or İ lower-cased into i + dot) folds away with its accent.
  if (INVISIBLE.test(c) || /^\p{M}+$/u.test(c)) out = '';
  else if (!WORD_CHARACTER.test(c)) out = ' ';
  else {
    out = [...c.normalize('NFKC').toLowerCase()]
      .map((ch) => {
        const mapped = KAZAKH_AND_CYRILLIC[ch] ?? LATIN_WITHOUT_DECOMPOSITION[ch];
        if (mapped !== undefined) return mapped;
        const decomposed = ch.normalize('NFD');
        return LATIN_BASE_WITH_MARKS.exec(decomposed)?.[1] ?? ch;
      })
      .join('')
      // Lower-casing İ leaves i + U+0307 COMBINING DOT ABOVE: the mark goes too.
      .replace(/(?<=[a-z])\p{M}+/gu, '');
    if (!WORD_CHARACTER.test(out)) out = ' ';
  }
  folded.set(c, out);
  return out;
}

/** A text folded for search, and where each folded code unit came from in the original. */
export type FoldedText = {
  text: string;
  /** For each UTF-16 index of `text`, the index in the original of the code point it came from. */
  from: number[];
  /** For each UTF-16 index of `text`, the index in the original just past that code point. */
  to: number[];
};

const foldedLatin = new Map<string, string>();

/** The folded form of one code point read in Kazakh Latin script first (қ → q, ш → ş → s). */
function foldLatinCodePoint(c: string): string {
  let out = foldedLatin.get(c);
  if (out === undefined) {
    out = '';
    for (const part of toKazakhLatin(c)) out += foldCodePoint(part);
    foldedLatin.set(c, out);
  }
  return out;
}

// The folds of code points met in snippets, by number: a one-character string of a letter outside
// Latin-1 (Cyrillic) is a new string each time, and hashing it for a Map cost a Kazakh or Russian
// page three times what an English one did; a number is looked up at once.
const foldedByCode = new Map<number, string>();
const foldedLatinByCode = new Map<number, string>();

/**
 * Folds `original` one code point at a time, recording where each folded unit came from;
 * `latin` reads Kazakh Cyrillic in the Latin alphabet of 2021 first (қ→q→q, ә→ä→a, ш→ş→s).
 * Snippets fold every result's text on every search, so each code point's fold is looked up once.
 */
export function foldWithOffsets(original: string, options: { latin?: boolean } = {}): FoldedText {
  const fold = options.latin ? foldLatinCodePoint : foldCodePoint;
  const memory = options.latin ? foldedLatinByCode : foldedByCode;
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let index = 0; index < original.length; ) {
    const code = original.codePointAt(index)!;
    const end = index + (code > 0xffff ? 2 : 1);
    let piece = memory.get(code);
    if (piece === undefined) {
      piece = fold(original.slice(index, end));
      memory.set(code, piece);
    }
    for (let i = 0; i < piece.length; i++) {
      from.push(index);
      to.push(end);
    }
    text += piece;
    index = end;
  }
  return { text, from, to };
}

/** Words longer than this are folded each time (prose repeats short words; long runs are rare). */
const MAX_REMEMBERED_WORD_LENGTH = 64;
/** Folded words remembered per kind of fold; the memory is dropped whole when it fills. */
const MAX_REMEMBERED_WORDS = 50_000;

/**
 * Folds `text` one space-separated word at a time, remembering each word's fold: an article's
 * words recur, and indexing an archive folds millions of them. A space folds to a space and the
 * Latin reading of a letter looks no further than its own word, so this is the same as folding
 * the whole text at once.
 */
function foldByWord(text: string, foldWord: (word: string) => string, memory: Map<string, string>): string {
  const words = text.split(' ');
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    let out = memory.get(word);
    if (out === undefined) {
      out = foldWord(word);
      if (word.length <= MAX_REMEMBERED_WORD_LENGTH) {
        if (memory.size >= MAX_REMEMBERED_WORDS) memory.clear();
        memory.set(word, out);
      }
    }
    words[i] = out;
  }
  return words.join(' ').replace(/ {2,}/g, ' ').trim();
}

function foldWord(word: string): string {
  let out = '';
  for (const c of word) out += foldCodePoint(c);
  return out;
}

const foldedWords = new Map<string, string>();
const foldedLatinWords = new Map<string, string>();

/** A text folded for search (see above), with runs of spaces collapsed and no spaces at the ends. */
export function foldForSearch(text: string): string {
  return foldByWord(text, foldWord, foldedWords);
}

/** Kazakh text folded as it reads in the Latin alphabet of 2021 ("Қазақстан" → "qazaqstan"). */
export function foldKazakhLatin(text: string): string {
  return foldByWord(text, (word) => foldWord(toKazakhLatin(word)), foldedLatinWords);
}

/** The words of a folded text. */
export function searchWords(foldedText: string): string[] {
  return foldedText.split(' ').filter((word) => word !== '');
}

/** The folded, searchable fields of an article (migrations/0015-reader-search.ts stores them). */
export type SearchDocument = { title: string; standfirst: string; body: string };

/**
 * What the index holds for an article in `language`: each field folded; a Kazakh article's fields
 * also as they read in Latin script, so a query typed in either alphabet finds it (the query is
 * folded, never transliterated: Latin → Cyrillic is ambiguous, Cyrillic → Latin is not).
 */
export function searchDocument(language: string, fields: { title: string; standfirst: string; plainText: string }): SearchDocument {
  const fold = (text: string) => {
    const cyrillic = foldForSearch(text);
    if (language !== 'kk') return cyrillic;
    const latin = foldKazakhLatin(text);
    return latin === cyrillic ? cyrillic : `${cyrillic} ${latin}`.trim();
  };
  return { title: fold(fields.title), standfirst: fold(fields.standfirst), body: fold(fields.plainText) };
}

/**
 * PostgreSQL's text search configuration for a language's articles: the Snowball stemmers it ships
 * for Russian and English; Kazakh (which it has none for) and any other language word for word.
 */
export function textSearchConfig(language: string): 'russian' | 'english' | 'simple' {
  return language === 'ru' ? 'russian' : language === 'en' ? 'english' : 'simple';
}
