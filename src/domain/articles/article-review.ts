import type { Executor } from '#src/db/database.ts';
import type { ReviewAction } from '#src/db/schema.ts';
import { nowIso } from '#src/lib/clock.ts';

/** A step of the review workflow, as recorded in article_reviews. */
export type { ReviewAction };

/** One recorded review step. */
export type ReviewEntry = { id: number; action: ReviewAction; note: string; createdAt: string; createdBy: { id: number; name: string } | null };

/** Appends a review step (submit, approve, return with a note). */
export async function recordReview(db: Executor, articleId: number, action: ReviewAction, note: string, userId: number | null): Promise<void> {
  await db
    .insertInto('article_reviews')
    .values({ article_id: articleId, action, note, created_by: userId, created_at: nowIso() })
    .execute();
}

/** The review steps of `articleIds`, oldest first, each with its article's id. */
async function reviewRows(db: Executor, articleIds: number[]): Promise<Array<ReviewEntry & { articleId: number }>> {
  if (articleIds.length === 0) return [];
  const rows = await db
    .selectFrom('article_reviews as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select(['r.id', 'r.article_id', 'r.action', 'r.note', 'r.created_at', 'r.created_by', 'u.name as user_name'])
    .where('r.article_id', 'in', articleIds)
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    articleId: r.article_id,
    id: r.id,
    action: r.action,
    note: r.note,
    createdAt: r.created_at,
    createdBy: r.created_by === null ? null : { id: r.created_by, name: r.user_name ?? '(deleted user)' },
  }));
}

/** The latest review step of each of `articleIds` (e.g. when each was submitted). */
export async function latestReviews(db: Executor, articleIds: number[]): Promise<Map<number, ReviewEntry>> {
  const result = new Map<number, ReviewEntry>();
  for (const { articleId, ...entry } of await reviewRows(db, articleIds)) result.set(articleId, entry);
  return result;
}

/** Every review step of an article, oldest first: the trail beside its comments, where a return's note stays. */
export async function listReviews(db: Executor, articleId: number): Promise<ReviewEntry[]> {
  return (await reviewRows(db, [articleId])).map(({ articleId: _, ...entry }) => entry);
}
