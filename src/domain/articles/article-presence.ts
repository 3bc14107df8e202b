import type { Executor } from '#src/db/database.ts';

/** How long a heartbeat keeps someone "in" an article, in milliseconds (the editor beats every ~10 s). */
export const PRESENCE_WINDOW_MS = 30_000;

/** Records that `userId` has the article open now; answers the others seen within the window. */
export async function heartbeat(db: Executor, articleId: number, userId: number): Promise<Array<{ id: number; name: string }>> {
  const now = new Date();
  await db
    .insertInto('article_presence')
    .values({ article_id: articleId, user_id: userId, seen_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['article_id', 'user_id']).doUpdateSet({ seen_at: now.toISOString() }))
    .execute();
  const since = new Date(now.getTime() - PRESENCE_WINDOW_MS).toISOString();
  const rows = await db
    .selectFrom('article_presence as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['u.id', 'u.name'])
    .where('p.article_id', '=', articleId)
    .where('p.user_id', '!=', userId)
    .where('p.seen_at', '>=', since)
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

/** Forgets heartbeats older than the window (called by the scheduler now and then). */
export async function prunePresence(db: Executor): Promise<void> {
  const before = new Date(Date.now() - PRESENCE_WINDOW_MS * 10).toISOString();
  await db.deleteFrom('article_presence').where('seen_at', '<', before).execute();
}
