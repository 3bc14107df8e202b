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

/** The latest review step of each of `articleIds` (e.g. when each was submitted). */
export async function latestReviews(db: Executor, articleIds: number[]): Promise<Map<number, ReviewEntry>> {
  const result = new Map<number, ReviewEntry>();
  if (articleIds.length === 0) return result;
  const rows = await db
    .selectFrom('article_reviews as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select(['r.id', 'r.article_id', 'r.action', 'r.note', 'r.created_at', 'r.created_by', 'u.name as user_name'])
    .where('r.article_id', 'in', articleIds)
    .orderBy('r.id')
    .execute();
  for (const r of rows) {
    result.set(r.article_id, {
      id: r.id,
      action: r.action,
      note: r.note,
      createdAt: r.created_at,
      createdBy: r.created_by === null ? null : { id: r.created_by, name: r.user_name ?? '(deleted user)' },
    });
  }
  return result;
}
