import type { DatabaseHandle } from '#src/db/database.ts';
import { findPublishedArticleCards, type ArticleCardRecord } from '#src/domain/articles/published-article-repository.ts';
import type { SearchQuery } from './search-query.ts';
import { CANDIDATES, findPlainTexts, searchArticleIds, type SearchFilter } from './search-repository.ts';
import { highlightText, snippetOf, type TextPart } from './search-snippets.ts';

/** One search result: the article as a card, its title with the reader's words marked, and a snippet. */
export type SearchHit = { card: ArticleCardRecord; title: TextPart[]; snippet: TextPart[] };

/** A page of search results and how many there are in all. */
export type SearchResults = {
  hits: SearchHit[];
  /** Matching articles, counted up to CANDIDATES; 0 for a page past the end. */
  total: number;
  /** Whether there may be more than `total` (the count stopped at CANDIDATES). */
  isCapped: boolean;
};

/**
 * A page of readers' search results: published articles whose publication time has come, in one
 * language, best first. The ids come from the index; the cards are read in the readers' scope
 * (publishedScope) again, so an article unpublished a moment ago drops out rather than showing.
 */
export async function searchPublished(
  database: Pick<DatabaseHandle, 'db' | 'kind'>,
  query: SearchQuery,
  filter: Omit<SearchFilter, 'terms'>,
  page: { limit: number; offset: number },
  now: string,
): Promise<SearchResults> {
  const { db, kind } = database;
  const { ids, total } = await searchArticleIds(db, kind, { ...filter, terms: query.terms }, page, now);
  const [cards, texts] = await Promise.all([findPublishedArticleCards(db, ids, now), findPlainTexts(db, ids)]);
  const byId = new Map(cards.map((card) => [card.id, card]));
  const hits = ids.flatMap((id) => {
    const card = byId.get(id);
    if (!card) return [];
    const text = [card.standfirst, texts.get(id) ?? ''].filter((t) => t !== '').join('\n');
    return [{ card, title: highlightText(card.title, query.terms, card.language), snippet: snippetOf(text, query.terms, card.language) }];
  });
  return { hits, total, isCapped: total >= CANDIDATES };
}
