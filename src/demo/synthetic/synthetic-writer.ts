import type { ArticleBody, Block } from '#src/domain/articles/article-body.ts';
import { PHRASE_BOOKS, type PhraseBook, type SyntheticLanguage } from './synthetic-phrases.ts';

/** A seeded random source in [0, 1): the same seed writes the same archive. */
export type Random = () => number;

/** mulberry32: small, fast and evenly spread; enough for made-up news. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One element of `items`, evenly. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A whole number from `min` to `max` inclusive. */
export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One news sentence: opener, subject, what they did, and sometimes a closing clause. */
export function sentence(random: Random, language: SyntheticLanguage): string {
  const book = PHRASE_BOOKS[language];
  const parts =
    language === 'kk'
      ? [pick(random, book.openers), pick(random, book.subjects), pick(random, book.predicates), pick(random, book.verbs)]
      : [pick(random, book.openers) + ',', pick(random, book.subjects), pick(random, book.predicates)];
  const tail = random() < 0.4 ? `, ${pick(random, book.tails)}` : '';
  return `${capitalized(parts.join(' '))}${tail}.`;
}

function paragraphText(random: Random, language: SyntheticLanguage): string {
  return Array.from({ length: between(random, 2, 5) }, () => sentence(random, language)).join(' ');
}

function paragraph(text: string): Block {
  return { type: 'paragraph', content: [{ type: 'text', text }] };
}

/** A headline from the language's patterns. */
export function headline(random: Random, language: SyntheticLanguage): string {
  const book: PhraseBook = PHRASE_BOOKS[language];
  const text = pick(random, book.headlines)
    .replace('{place}', pick(random, book.places))
    .replace('{subject}', pick(random, book.subjects))
    .replace('{thing}', pick(random, book.things));
  return capitalized(text);
}

/**
 * How long a piece is, in words: as in a newsroom's archive, mostly news items of a few hundred
 * words, a good share of 400–900-word reports and a few long reads.
 */
export function targetWords(random: Random): number {
  const roll = random();
  if (roll < 0.45) return between(random, 120, 350);
  if (roll < 0.9) return between(random, 350, 900);
  return between(random, 900, 2500);
}

/** Where body images come from: one of the library's ids, drawn per figure. */
export type FigureSource = { mediaIds: readonly number[]; share: number };

/**
 * A body of about `words` words in `language`: paragraphs, and for longer pieces subheadings, a
 * quote, a list, and now and then a figure with one of `figures`' images.
 */
export function body(random: Random, language: SyntheticLanguage, words: number, figures: FigureSource): ArticleBody {
  const book = PHRASE_BOOKS[language];
  const content: Block[] = [];
  let written = 0;
  let sinceHeading = 0;
  const isLong = words > 700;
  while (written < words) {
    if (isLong && sinceHeading >= 4 && random() < 0.5) {
      content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: pick(random, book.subheadings) }] });
      sinceHeading = 0;
    }
    const roll = random();
    let text: string;
    if (roll < 0.05 && content.length > 1) {
      text = sentence(random, language);
      content.push({ type: 'blockquote', content: [paragraph(text)] });
    } else if (roll < 0.08 && content.length > 1) {
      const items = Array.from({ length: between(random, 3, 5) }, () => sentence(random, language));
      text = items.join(' ');
      content.push({ type: 'bulletList', content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })) });
    } else {
      text = paragraphText(random, language);
      content.push(paragraph(text));
    }
    written += text.split(' ').length;
    sinceHeading++;
    if (figures.mediaIds.length > 0 && content.length === 3 && random() < figures.share) {
      content.push({ type: 'figure', attrs: { mediaId: pick(random, figures.mediaIds), caption: '', credit: '', alt: '' } });
    }
  }
  return { type: 'doc', content };
}
