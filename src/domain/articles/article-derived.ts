import type { ArticleBody } from './article-body.ts';
import { bodyToPlainText, countWords, readingMinutes } from './body-text.ts';
import { searchText } from '#src/lib/search-text.ts';

/** Data computed from an article's fields when they change, stored beside them (never computed on read). */
export type ArticleDerived = { plain_text: string; word_count: number; reading_minutes: number; search_text: string };

/**
 * Plain text, word count and reading time of the body, and the newsroom search text: title and
 * standfirst folded by lib/search-text.ts (the lines an editor finds a story by; bodies are too
 * long for a substring scan and belong to full-text search).
 */
export function deriveArticle(fields: { title: string; standfirst: string; body: ArticleBody }): ArticleDerived {
  const plain = bodyToPlainText(fields.body);
  const words = countWords(plain);
  return {
    plain_text: plain,
    word_count: words,
    reading_minutes: readingMinutes(words),
    search_text: searchText(fields.title, fields.standfirst),
  };
}
