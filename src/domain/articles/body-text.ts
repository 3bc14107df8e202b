import type { ArticleBody, Block, InlineNode } from './article-body.ts';

/** Words a reader reads per minute: the figure Medium and most news CMSs use for "N min read". */
const WORDS_PER_MINUTE = 200;

function inlineText(nodes: InlineNode[] | undefined): string {
  return (nodes ?? []).map((n) => (n.type === 'text' ? n.text : '\n')).join('');
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(block.content);
    case 'figure':
      return block.attrs.caption;
    case 'embed':
      return block.attrs.title;
    case 'bulletList':
    case 'orderedList':
      return block.content.map((item) => item.content.map(blockText).join('\n')).join('\n');
    case 'blockquote':
      return block.content.map(blockText).join('\n');
    case 'horizontalRule':
      return '';
  }
}

/** The body's readable text, one block a paragraph, captions excluded from nothing but markup. */
export function bodyToPlainText(body: ArticleBody): string {
  return body.content
    .map(blockText)
    .filter((t) => t.trim() !== '')
    .join('\n\n');
}

/** A letter or digit in any script: what words are made of. */
const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;
/** Per UTF-16 unit of the Basic Multilingual Plane: 0 not asked yet, 1 a letter or digit, 2 not. */
const isWordUnit = new Uint8Array(0x10000);

function isWordCodePoint(code: number): boolean {
  if (code > 0xffff) return WORD_CHARACTER.test(String.fromCodePoint(code));
  let known = isWordUnit[code]!;
  if (known === 0) isWordUnit[code] = known = WORD_CHARACTER.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
}

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const HYPHEN = 0x2d;

/**
 * Words in a text: runs of letters or digits (Unicode-aware, so Cyrillic and Kazakh count), an
 * apostrophe or hyphen between two letters joining them into one ("don't", "Алма-Ата"). The
 * matches of `[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*` (flags gu), counted by one pass over the code points:
 * matching that pattern was a tenth of a synthetic seed's time, most of it building the array of
 * matches only to count it (body-text.test.ts compares the two on many texts).
 */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let index = 0; index < text.length; ) {
    const code = text.codePointAt(index)!;
    const next = index + (code > 0xffff ? 2 : 1);
    if (isWordCodePoint(code)) {
      if (!inWord) words++;
      inWord = true;
    } else if (!(inWord && (code === APOSTROPHE || code === RIGHT_QUOTE || code === HYPHEN) && next < text.length && isWordCodePoint(text.codePointAt(next)!))) {
      inWord = false;
    }
    index = next;
  }
  return words;
}

/** Whole minutes to read a text, at least one (a 180-word story is "1 min read"). */
export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE));
}
