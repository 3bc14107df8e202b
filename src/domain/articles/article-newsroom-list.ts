import { sql } from 'kysely';
import type { Db } from '#src/db/database.ts';
import type { ArticleStatus } from '#src/db/schema.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import { searchPattern } from '#src/lib/search-text.ts';
import { publicPath, type ArticleSummary } from './article-json.ts';
import { readScope } from './article-policy.ts';
import { latestReviews, type ReviewEntry } from './article-review.ts';

/** Filters of a newsroom article list. */
export type NewsroomListQuery = {
  /** One status; absent: every status but trashed. */
  status?: ArticleStatus;
  /** Text to find in the title or standfirst, in any case of any script (see lib/search-text.ts). */
  q?: string;
  /** Page number from 1. */
  page: number;
  pageSize?: number;
  /** Only the actor's own articles (created or bylined), whatever their role: "my drafts". */
  mine?: boolean;
  /** Add each article's latest review step (for the review queue). */
  withReviewNote?: boolean;
};

/** A newsroom list row, with the latest review step when asked. */
export type NewsroomListItem = ArticleSummary & { review?: ReviewEntry };

/** Default rows per page of a newsroom list. */
export const NEWSROOM_PAGE_SIZE = 20;

/** A page of articles in the actor's read scope (see readScope), most recently updated first. */
export async function listArticlesForNewsroom(
  db: Db,
  actor: Actor,
  query: NewsroomListQuery,
): Promise<{ items: NewsroomListItem[]; total: number }> {
  const scope = readScope(actor);
  if (scope.kind === 'none') return { items: [], total: 0 };
  const pageSize = query.pageSize ?? NEWSROOM_PAGE_SIZE;
  let base = db.selectFrom('articles as a');
  base = query.status ? base.where('a.status', '=', query.status) : base.where('a.status', '!=', 'trashed');
  const pattern = searchPattern(query.q ?? '');
  if (pattern !== undefined) {
    // search_text holds title and standfirst folded the same way as the query (see article-derived.ts).
    base = base.where(sql<boolean>`a.search_text like ${pattern} escape '\\'`);
  }
  if (query.mine && actor.kind === 'user') {
    const authorId = actor.authorId;
    base = base.where((eb) =>
      eb.or([
        eb('a.created_by', '=', actor.id),
        ...(authorId !== null
          ? [eb.exists(eb.selectFrom('article_authors as aa').select('aa.article_id').whereRef('aa.article_id', '=', 'a.id').where('aa.author_id', '=', authorId))]
          : []),
      ]),
    );
  }
  if (scope.kind === 'own-or-published') {
    base = base.where((eb) =>
      eb.or([
        eb('a.created_by', '=', scope.userId),
        eb('a.status', '=', 'published'),
        ...(scope.authorId !== null
          ? [
              eb.exists(
                eb
                  .selectFrom('article_authors as aa')
                  .select('aa.article_id')
                  .whereRef('aa.article_id', '=', 'a.id')
                  .where('aa.author_id', '=', scope.authorId),
              ),
            ]
          : []),
      ]),
    );
  }
  const countRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // The page's ids from the articles table alone (an index walk by updated_at), then their rows.
  const pageIds = base
    .select('a.id')
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(pageSize)
    .offset((Math.max(1, query.page) - 1) * pageSize);
  const rows = await db
    .selectFrom('articles as a')
    .where('a.id', 'in', pageIds)
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .leftJoin('users as u', 'u.id', 'a.created_by')
    .select([
      'a.id',
      'a.version',
      'a.status',
      'a.title',
      'a.slug',
      'a.section_id',
      's.name as section_name',
      's.slug as section_slug',
      'a.word_count',
      'a.published_at',
      'a.scheduled_at',
      'a.updated_at',
      'a.created_by',
      'u.name as user_name',
    ])
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
  const reviews = query.withReviewNote ? await latestReviews(db, rows.map((r) => r.id)) : new Map<number, ReviewEntry>();
  return {
    total: Number(countRow.n),
    items: rows.map((r) => ({
      id: r.id,
      version: r.version,
      status: r.status,
      title: r.title,
      slug: r.slug,
      sectionId: r.section_id,
      sectionName: r.section_name,
      path: publicPath(r.section_slug, r.slug),
      wordCount: r.word_count,
      publishedAt: r.published_at,
      scheduledAt: r.scheduled_at,
      updatedAt: r.updated_at,
      createdBy: r.created_by === null ? null : { id: r.created_by, name: r.user_name ?? '(deleted user)' },
      ...(reviews.has(r.id) ? { review: reviews.get(r.id)! } : {}),
    })),
  };
}
