import { sql } from 'kysely';
import { loadConfig } from '#src/config/config.ts';
import { openDatabase } from '#src/db/database.ts';
import { findArticleById, insertArticle, type ArticleRecord } from '#src/domain/articles/article-repository.ts';

const BATCH = 1000;
/** Spacing of the generated stories' publication times: 100k of them span about five years. */
const MINUTES_APART = 25;

/**
 * Fills a demo install up to a newsroom's archive: `count` published articles made from the demo's
 * own stories (their bodies, figures, sections, tags and bylines), each with its own title, slug and
 * time, written through the article repository so derived columns are what the service stores.
 */
export async function addArchiveArticles(env: NodeJS.ProcessEnv, count: number): Promise<void> {
  const database = openDatabase(loadConfig(env));
  try {
    const ids = await database.db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').execute();
    const templates = (await Promise.all(ids.map(({ id }) => findArticleById(database.db, id)))).filter((a): a is ArticleRecord => !!a);
    if (templates.length === 0) throw new Error('no published demo article to copy; run `qalam seed` first');
    const oldest = Math.min(...templates.map((t) => Date.parse(t.publishedAt!)));
    for (let start = 0; start < count; start += BATCH) {
      await database.db.transaction().execute(async (tx) => {
        for (let n = start; n < Math.min(count, start + BATCH); n++) {
          const template = templates[n % templates.length]!;
          const publishedAt = new Date(oldest - (n + 1) * MINUTES_APART * 60_000).toISOString();
          await insertArticle(
            tx,
            { ...template, title: `${template.title} — archive ${n + 1}`, slug: `${template.slug}-archive-${n + 1}` },
            { status: 'published', publishedAt, userId: null },
          );
        }
      });
    }
    // A live PostgreSQL gets this from autovacuum within minutes of a bulk change: statistics for
    // the planner and a visibility map that allows index-only scans. Measure that steady state.
    if (database.kind === 'postgres') await sql`vacuum analyze`.execute(database.db);
  } finally {
    await database.close();
  }
}
