import { z } from 'zod';
import type { Executor } from '#src/db/database.ts';
import { CORRECTION_KINDS } from '#src/db/schema.ts';
import { nowIso } from '#src/lib/clock.ts';

/** A correction or update notice shown under a published article. */
export const correctionSchema = z.object({
  id: z.number().int(),
  /** 'correction' fixes an error; 'update' adds news. */
  kind: z.enum(CORRECTION_KINDS),
  /** The notice as readers see it. */
  text: z.string(),
  /** When it was appended (ISO instant). */
  createdAt: z.string(),
});
export type Correction = z.infer<typeof correctionSchema>;

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
  return rows.map((r) => ({ id: r.id, kind: r.kind, text: r.text, createdAt: r.created_at }));
}
