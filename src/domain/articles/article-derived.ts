import type { ArticleBody } from './article-body.ts';
import { bodyToPlainText, countWords, readingMinutes } from '#src/render/body-text.ts';

/** Data computed from the body when it changes, stored beside it (never computed on read). */
export type ArticleDerived = { plain_text: string; word_count: number; reading_minutes: number };

/** Plain text, word count and reading time of a body. */
export function deriveFromBody(body: ArticleBody): ArticleDerived {
  const plain = bodyToPlainText(body);
  const words = countWords(plain);
  return { plain_text: plain, word_count: words, reading_minutes: readingMinutes(words) };
}
