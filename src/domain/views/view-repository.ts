import type { Executor } from '#src/db/database.ts';
import { publishedScope } from '#src/domain/articles/published-article-repository.ts';

/** Largest number of ids in one IN list: SQLite allows 32,766 bound parameters per statement. */
const ID_BATCH = 500;

/**
 * Adds counted views to their (article, hour) rows, for articles that exist and are published:
 * a beacon may name any number, and a made-up id must not become a row.
 */
export async function addViews(db: Executor, counts: ReadonlyArray<{ articleId: number; hour: string; views: number }>, now: string): Promise<void> {
  for (let start = 0; start < counts.length; start += ID_BATCH) {
    const batch = counts.slice(start, start + ID_BATCH);
    const ids = [...new Set(batch.map((c) => c.articleId))];
    const published = new Set(
      (await db.selectFrom('articles').select('id').where('id', 'in', ids).where(publishedScope(now)).execute()).map((r) => r.id),
    );
    const rows = batch.filter((c) => published.has(c.articleId)).map((c) => ({ article_id: c.articleId, hour: c.hour, views: c.views }));
    if (rows.length === 0) continue;
    await db
      .insertInto('article_views')
      .values(rows)
      .onConflict((oc) => oc.columns(['article_id', 'hour']).doUpdateSet((eb) => ({ views: eb('article_views.views', '+', eb.ref('excluded.views')) })))
      .execute();
  }
}

/** An article among the most read: what a link to it needs, and its views in the window. */
export type MostReadArticle = { id: number; title: string; slug: string; sectionSlug: string; views: number };

/** The most read published articles in `language` since the UTC hour `sinceHour`, most views first. */
export async function findMostRead(db: Executor, language: string, sinceHour: string, limit: number, now: string): Promise<MostReadArticle[]> {
  const totals = db
    .selectFrom('article_views')
    .select(['article_id', (eb) => eb.fn.sum<number>('views').as('total')])
    .where('hour', '>=', sinceHour)
    .groupBy('article_id')
    .as('totals');
  const rows = await db
    .selectFrom(totals)
    .innerJoin('articles', 'articles.id', 'totals.article_id')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    // The section's address in the article's language: its translation's slug where it has one.
    .leftJoin('term_translations', (join) =>
      join.on('term_translations.kind', '=', 'section').onRef('term_translations.term_id', '=', 'sections.id').onRef('term_translations.language', '=', 'articles.language'),
    )
    .select((eb) => ['articles.id', 'articles.title', 'articles.slug', eb.fn.coalesce('term_translations.slug', 'sections.slug').as('section_slug'), 'totals.total'])
    .where(publishedScope(now))
    .where('articles.language', '=', language)
    .orderBy('totals.total', 'desc')
    .orderBy('articles.published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, slug: r.slug, sectionSlug: r.section_slug, views: Number(r.total) }));
}

/** Drops hourly rows older than `beforeHour`: the window never reaches back that far. */
export async function pruneViews(db: Executor, beforeHour: string): Promise<void> {
  await db.deleteFrom('article_views').where('hour', '<', beforeHour).execute();
}
