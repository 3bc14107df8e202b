import type { Executor } from '#src/db/database.ts';
import { storedBody } from './article-text-row.ts';
import type { ArticleBody } from './article-body.ts';
import type { NamedRef } from './published-article-repository.ts';

/** What a feed item carries beyond a list card: its credits, its tags, when it last changed and its body. */
export type FeedEntryDetails = {
  updatedAt: string;
  /** Null unless asked for: a feed of standfirsts (the default) shows no body. */
  body: ArticleBody | null;
  leadCaption: string;
  leadCredit: string;
  authors: NamedRef[];
  tags: NamedRef[];
};

/**
 * Feed details of some published articles (the ids of a list page, already in the readers' scope),
 * in three queries whatever their number: a feed of 30 items must not cost 30 page loads. Authors
 * and tags are named in each article's language (the link tables keep a copy of it). Bodies are
 * read only `withBody` (full-text feeds): reading and parsing 30 bodies was a tenth of a feed's CPU
 * at 100,000 articles, for feeds that show none.
 */
export async function findFeedEntryDetails(db: Executor, ids: readonly number[], withBody: boolean): Promise<Map<number, FeedEntryDetails>> {
  const details = new Map<number, FeedEntryDetails>();
  if (ids.length === 0) return details;
  const [rows, authors, tags] = await Promise.all([
    db
      .selectFrom('articles')
      .select(['id', 'updated_at', 'lead_caption', 'lead_credit'])
      .$if(withBody, (query) => query.select('body'))
      .where('id', 'in', [...ids])
      .execute(),
    db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .leftJoin('term_translations as tt', (join) =>
        join.onRef('tt.term_id', '=', 'authors.id').on('tt.kind', '=', 'author').onRef('tt.language', '=', 'article_authors.language'),
      )
      .select((eb) => ['article_authors.article_id', 'authors.id', eb.fn.coalesce('tt.name', 'authors.name').as('name'), eb.fn.coalesce('tt.slug', 'authors.slug').as('slug')])
      .where('article_authors.article_id', 'in', [...ids])
      .orderBy('article_authors.article_id')
      .orderBy('article_authors.position')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .leftJoin('term_translations as tt', (join) => join.onRef('tt.term_id', '=', 'tags.id').on('tt.kind', '=', 'tag').onRef('tt.language', '=', 'article_tags.language'))
      .select((eb) => ['article_tags.article_id', 'tags.id', eb.fn.coalesce('tt.name', 'tags.name').as('name'), eb.fn.coalesce('tt.slug', 'tags.slug').as('slug')])
      .where('article_tags.article_id', 'in', [...ids])
      .orderBy('article_tags.article_id')
      .orderBy('article_tags.position')
      .execute(),
  ]);
  for (const row of rows) {
    details.set(row.id, { updatedAt: row.updated_at, body: row.body === undefined ? null : storedBody(row.body), leadCaption: row.lead_caption, leadCredit: row.lead_credit, authors: [], tags: [] });
  }
  for (const { article_id, ...author } of authors) details.get(article_id)?.authors.push(author);
  for (const { article_id, ...tag } of tags) details.get(article_id)?.tags.push(tag);
  return details;
}
