import { toKazakhLatin } from '#src/i18n/kazakh-latin.ts';

/**
 * Words as the reuse checker counts and compares them. A word is a run of letters and digits in
 * any script (combining marks stay with their letter); an apostrophe between two such runs keeps
 * them one word ("don't", "Qazaqstan's", the Kazakh Latin of 2017 "a'ke"). Each word keeps its place
 * in the text (UTF-16 offsets, as JavaScript indexes strings) and gets a folded key, so that what a
 * copier changes without changing the words compares equal:
 *
 * - case, Unicode compatibility forms (NFKC: full-width letters, ligatures) and diacritics;
 * - apostrophes and quote marks inside words (’ ʼ ‘ ` ');
 * - Russian ё written as е;
 * - Kazakh Cyrillic and Kazakh Latin (the 2021 alphabet our /kk-latn/ pages use): every Cyrillic
 *   letter is read as its Latin letter, so «Қазақстан» and «Qazaqstan» are one key;
 * - Latin look-alike letters slipped into a Cyrillic word ("Aстана" with a Latin A) and the reverse.
 */

/** One word of a text: its folded key's hash and where it stands. */
export type Word = { hash: number; start: number; end: number };

/** Letters/digits runs joined by in-word apostrophes. */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’ʼ‘`][\p{L}\p{N}\p{M}]+)*/gu;
const APOSTROPHES = /['’ʼ‘`]/g;
const COMBINING = /\p{M}/gu;
const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN = /[a-z]/;
const PLAIN_ASCII = /^[A-Za-z0-9]+$/;

/** Latin letters that look like Cyrillic ones, lower case (the usual homoglyph swaps of copiers evading checks). */
const LATIN_LOOKALIKES: Record<string, string> = {
  a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', i: 'і', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у',
};

/** Every Cyrillic letter → the base Latin letters the folded key uses (the 2021 Kazakh Latin, diacritics dropped). */
const CYRILLIC_KEYS: Map<string, string> = (() => {
  const keys = new Map<string, string>();
  for (let code = 0x0400; code <= 0x04ff; code++) {
    const letter = String.fromCharCode(code);
    if (letter.toLowerCase() !== letter || !/\p{L}/u.test(letter)) continue;
    const latin = toKazakhLatin(letter === 'ё' ? 'е' : letter);
    if (latin !== letter) keys.set(letter, stripMarks(latin));
  }
  return keys;
})();

function stripMarks(text: string): string {
  return text.normalize('NFD').replace(COMBINING, '').replace(/ı/g, 'i');
}

/** A word's folded key: the form every spelling of it that a copier might produce shares. */
export function foldWord(raw: string): string {
  // Most words of English pages, and every digit run, need nothing but lower case.
  if (PLAIN_ASCII.test(raw)) return raw.toLowerCase();
  let word = raw.normalize('NFKC').toLowerCase().replace(APOSTROPHES, '');
  if (CYRILLIC.test(word)) {
    // A word in two scripts is a Cyrillic word with look-alike Latin letters slipped in.
    if (LATIN.test(word)) word = word.replace(/[a-z]/g, (c) => LATIN_LOOKALIKES[c] ?? c);
    let latin = '';
    for (const c of word) latin += CYRILLIC_KEYS.get(c) ?? c;
    word = latin;
  }
  return /[^\x00-\x7f]/.test(word) ? stripMarks(word) : word;
}

/** FNV-1a over the key's UTF-16 units, then a final avalanche (murmur3's fmix32): a 32-bit signed hash. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** murmur3's finaliser: spreads every input bit over the output. */
export function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Distinct words whose hashes are remembered: a language's running text is mostly words seen before. */
const REMEMBERED_WORDS = 100_000;
const hashesOfWords = new Map<string, number>();

/** A word's folded hash, remembered: folding a Cyrillic word (normalizations, a letter map) costs many times a look-up, and a rebuild folds every word of the archive. */
function wordHash(raw: string): number {
  let hash = hashesOfWords.get(raw);
  if (hash === undefined) {
    hash = hashKey(foldWord(raw));
    // Forget all at the bound: simpler than an LRU, and the common words come back at once.
    if (hashesOfWords.size >= REMEMBERED_WORDS) hashesOfWords.clear();
    hashesOfWords.set(raw, hash);
  }
  return hash;
}

/** The words of `text`, in order, with their folded hashes and offsets. */
export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    words.push({ hash: wordHash(match[0]), start, end: start + match[0].length });
  }
  return words;
}

/** How many words `text` has, counted as splitWords counts them. */
export function countReuseWords(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(WORD)) count++;
  return count;
}

/** Flags the words that begin a sentence or a paragraph (first word, or after . ! ? … or a line break). */
export function sentenceStarts(text: string, words: readonly Word[]): Uint8Array {
  const flags = new Uint8Array(words.length);
  for (let k = 0; k < words.length; k++) {
    flags[k] = k === 0 || /[.!?…\n]/.test(text.slice(words[k - 1]!.end, words[k]!.start)) ? 1 : 0;
  }
  return flags;
}
