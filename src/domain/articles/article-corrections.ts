import type { Executor } from '#src/db/database.ts';
import { nowIso } from '#src/lib/clock.ts';

/** A correction or update notice shown under a published article. */
export type Correction = { id: number; kind: 'correction' | 'update'; text: string; createdAt: string };

/**
 * Appends a notice. Corrections are a public record (see the SPJ code: "acknowledge mistakes and
 * correct them promptly and prominently"), so this module offers no way to edit or delete one.
 */
export async function appendCorrection(
  db: Executor,
  articleId: number,
  kind: Correction['kind'],
  text: string,
  userId: number | null,
): Promise<Correction> {
  const createdAt = nowIso();
  const { id } = await db
    .insertInto('article_corrections')
    .values({ article_id: articleId, kind, text, created_by: userId, created_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, kind, text, createdAt };
}

/** The notices of an article, oldest first. */
export async function listCorrections(db: Executor, articleId: number): Promise<Correction[]> {
  const rows = await db
    .selectFrom('article_corrections')
    .select(['id', 'kind', 'text', 'created_at'])
    .where('article_id', '=', articleId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind as Correction['kind'], text: r.text, createdAt: r.created_at }));
}
