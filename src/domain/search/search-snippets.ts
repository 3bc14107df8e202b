import { foldWithOffsets, type FoldedText } from '#src/i18n/search-folding.ts';
import type { SearchTerm } from './search-query.ts';
import { stemPrefix } from './search-stemming.ts';

/**
 * Snippets and highlighted titles of search results, made in JS from the article's own text, so
 * both databases show the same thing. A snippet is plain text cut into parts, some marked as the
 * reader's words: the view renders each part as escaped text (a marked one inside <mark>), so no
 * markup from the database ever reaches a page.
 */

/** A piece of text, marked when it is one of the reader's words. */
export type TextPart = { text: string; isMatch: boolean };

/** About how many characters a snippet shows. */
const SNIPPET_LENGTH = 240;
/** How much text comes before the first marked word, when the snippet does not start the text. */
const LEAD_IN = 60;
/** How far into a text a snippet looks (characters): a long read's later pages cost no time. */
const SNIPPET_SOURCE_LENGTH = 20_000;
/**
 * How much of a text is folded at a time while looking for the reader's words. Folding was most of
 * a search page's cost for long reads (a Kazakh text in Latin script, 20,000 characters each): the
 * snippet stops reading once a part holds every word of the query.
 */
const FOLD_PART_LENGTH = 2_000;

type Range = { start: number; end: number; term: number };

function wordRanges(folded: FoldedText, terms: readonly SearchTerm[], language: string): Range[] {
  const prefixes = terms.map((term) => (term.isPrefix ? stemPrefix(term.text, language) : term.text));
  const ranges: Range[] = [];
  for (const match of folded.text.matchAll(/[^ ]+/g)) {
    const word = match[0];
    const term = prefixes.findIndex((prefix, i) => (terms[i]!.isPrefix ? word.startsWith(prefix) : word === prefix));
    if (term < 0) continue;
    const last = match.index + word.length - 1;
    ranges.push({ start: folded.from[match.index]!, end: folded.to[last]!, term });
  }
  return ranges;
}

// Folded query words in the Russian alphabet (the Kazakh letters fold into it) or in plain Latin.
const CYRILLIC_LETTER = /[а-яй]/u;
const LATIN_ONLY = /^[a-z0-9]+$/u;

/**
 * Which readings of a Kazakh text can hold the reader's words: the Latin reading turns every
 * Cyrillic letter into Latin ones, so a word with a Cyrillic letter is only ever found in the text
 * as written; a word in plain Latin letters is found in the Latin reading wherever the text as
 * written has it (Latin letters read the same in both), so that reading alone is searched for it.
 * Folding a text costs more than anything else in a snippet; a query in one alphabet folds it once.
 */
function kazakhReadings(terms: readonly SearchTerm[]): { written: boolean; latin: boolean } {
  return {
    written: terms.some((term) => !LATIN_ONLY.test(term.text)),
    latin: terms.some((term) => !CYRILLIC_LETTER.test(term.text)),
  };
}

/** Where the reader's words are in `text`, in order and not overlapping (a Kazakh text is also read in Latin script). */
function matchRanges(text: string, terms: readonly SearchTerm[], language: string): Range[] {
  const readings = language === 'kk' ? kazakhReadings(terms) : { written: true, latin: false };
  const ranges = readings.written ? wordRanges(foldWithOffsets(text), terms, language) : [];
  if (readings.latin) ranges.push(...wordRanges(foldWithOffsets(text, { latin: true }), terms, language));
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const range of ranges) {
    const previous = merged.at(-1);
    if (previous && range.start < previous.end) previous.end = Math.max(previous.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

function partsOf(text: string, ranges: readonly Range[], offset: number): TextPart[] {
  const parts: TextPart[] = [];
  let at = offset;
  for (const range of ranges) {
    if (range.start > at) parts.push({ text: text.slice(at, range.start), isMatch: false });
    parts.push({ text: text.slice(range.start, range.end), isMatch: true });
    at = range.end;
  }
  if (at < offset + text.length) parts.push({ text: text.slice(at), isMatch: false });
  return parts.filter((part) => part.text !== '');
}

/** A short text (a title) with the reader's words marked. */
export function highlightText(text: string, terms: readonly SearchTerm[], language: string): TextPart[] {
  return partsOf(text, matchRanges(text, terms, language), 0);
}

/** The window with the most different terms (then the most matches) within SNIPPET_LENGTH. */
function bestWindow(ranges: readonly Range[]): { start: number; terms: number; count: number } {
  let best = { start: ranges[0]?.start ?? 0, terms: 0, count: 0 };
  for (let i = 0; i < ranges.length; i++) {
    const inWindow = ranges.slice(i).filter((r) => r.end <= ranges[i]!.start + SNIPPET_LENGTH - LEAD_IN);
    const terms = new Set(inWindow.map((r) => r.term)).size;
    if (terms > best.terms || (terms === best.terms && inWindow.length > best.count)) best = { start: ranges[i]!.start, terms, count: inWindow.length };
  }
  return best;
}

/**
 * The best window of the reader's words in `flat` (whitespace already single spaces), read part by
 * part, cut between words, up to the first part after which one window holds every query word: a
 * denser passage further on no longer moves the snippet there. Null when no word is found.
 */
function firstFullWindow(flat: string, terms: readonly SearchTerm[], language: string): { start: number; ranges: Range[] } | null {
  const ranges: Range[] = [];
  for (let at = 0; at < flat.length; ) {
    let end = Math.min(flat.length, at + FOLD_PART_LENGTH);
    const space = end < flat.length ? flat.lastIndexOf(' ', end) : -1;
    if (space > at) end = space;
    const found = matchRanges(flat.slice(at, end), terms, language);
    for (const range of found) ranges.push({ start: range.start + at, end: range.end + at, term: range.term });
    at = end;
    if (found.length > 0 && bestWindow(ranges).terms === terms.length) break;
  }
  return ranges.length === 0 ? null : { start: bestWindow(ranges).start, ranges };
}

/** `index` moved back (or forward) to the nearest word boundary, within a few characters. */
function toWordBoundary(text: string, index: number, direction: -1 | 1): number {
  let at = index;
  for (let step = 0; step < 20 && at > 0 && at < text.length; step++) {
    if (/\s/u.test(text[at - 1]!) || /\s/u.test(text[at]!)) return at;
    at += direction;
  }
  return index;
}

/**
 * A passage of `text` around the reader's words (the part where most of them meet, within its
 * first SNIPPET_SOURCE_LENGTH characters), about SNIPPET_LENGTH characters cut at word boundaries,
 * "…" where it was cut; the start of the text when no word is found there (the article matched by
 * its title, by a stem only PostgreSQL knows, or further on).
 */
export function snippetOf(text: string, terms: readonly SearchTerm[], language: string): TextPart[] {
  const flat = text.slice(0, SNIPPET_SOURCE_LENGTH).replace(/\s+/gu, ' ').trim();
  if (flat === '') return [];
  const found = firstFullWindow(flat, terms, language);
  const ranges = found?.ranges ?? [];
  const start = found ? toWordBoundary(flat, Math.max(0, found.start - LEAD_IN), -1) : 0;
  const end = start + SNIPPET_LENGTH >= flat.length ? flat.length : toWordBoundary(flat, start + SNIPPET_LENGTH, -1);
  const window = flat.slice(start, end);
  const inside = ranges.filter((r) => r.start >= start && r.end <= end).map((r) => ({ ...r, start: r.start - start, end: r.end - start }));
  const parts = partsOf(window, inside, 0);
  const trimmed = parts.map((part, i) => ({
    ...part,
    text: i === 0 && start > 0 ? part.text.trimStart() : i === parts.length - 1 && end < flat.length ? part.text.trimEnd() : part.text,
  }));
  return [...(start > 0 ? [{ text: '… ', isMatch: false }] : []), ...trimmed, ...(end < flat.length ? [{ text: ' …', isMatch: false }] : [])];
}
