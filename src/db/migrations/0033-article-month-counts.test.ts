import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { migrateUpTo, openEmptyDatabase } from '../../../test/support/empty-database.ts';
import * as articleMonthCounts from './0033-article-month-counts.ts';

describe('migration 0033-article-month-counts', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let db: Kysely<Database>;
  let sectionId: number;
  let sequence = 0;

  /** The kept counts as "month: total", zero rows left out. */
  async function kept(): Promise<string[]> {
    const rows = await db.selectFrom('article_month_counts').selectAll().where('total', '!=', 0).orderBy('month').execute();
    return rows.map((r) => `${r.month}: ${r.total}`);
  }

  async function addArticle(status: string, publishedAt: string | null): Promise<number> {
    const now = new Date().toISOString();
    sequence++;
    const { rows } = await sql<{ id: number }>`insert into articles (section_id, slug, title, body, status, language, published_at, created_at, updated_at)
      values (${sectionId}, ${`a-${sequence}`}, 'A', '{"type":"doc","content":[]}', ${status}, 'en', ${publishedAt}, ${now}, ${now}) returning id`.execute(db);
    return rows[0]!.id;
  }

  before(async () => {
    database = await openEmptyDatabase();
    db = database.handle.db;
    await migrateUpTo(database, '0033-article-month-counts');
    const now = new Date().toISOString();
    sectionId = (await db.insertInto('sections').values({ name: 'News', slug: 'news', created_at: now } as never).returning('id').executeTakeFirstOrThrow()).id;
    await addArticle('published', '2024-02-29T23:59:59.999Z');
    await addArticle('published', '2024-03-01T00:00:00.000Z');
    await addArticle('draft', '2024-03-02T00:00:00.000Z'); // unpublished, its first date kept
    await addArticle('draft', null);
    await articleMonthCounts.up(db as unknown as Kysely<unknown>, database.context);
  });
  after(() => database.dispose());

  it('counts the published articles already there by their UTC month', async () => {
    assert.deepEqual(await kept(), ['2024-02: 1', '2024-03: 1']);
  });

  it('keeps the counts through inserts, status and date changes and deletes', async () => {
    const scheduled = await addArticle('published', '2031-01-05T10:00:00.000Z');
    const draft = await addArticle('draft', null);
    assert.deepEqual(await kept(), ['2024-02: 1', '2024-03: 1', '2031-01: 1']);
    await db.updateTable('articles').set({ status: 'published', published_at: '2024-03-15T08:00:00.000Z' }).where('id', '=', draft).execute();
    await db.updateTable('articles').set({ published_at: '2024-02-10T08:00:00.000Z' }).where('id', '=', scheduled).execute();
    // A change to another column, or a date change of an article that is not published, leaves the counts alone.
    await db.updateTable('articles').set({ title: 'B' }).execute();
    await db.updateTable('articles').set({ published_at: '2020-01-01T00:00:00.000Z' }).where('status', '=', 'draft').execute();
    assert.deepEqual(await kept(), ['2024-02: 2', '2024-03: 2']);
    await db.updateTable('articles').set({ status: 'trashed' }).where('id', '=', draft).execute();
    await db.deleteFrom('articles').where('id', '=', scheduled).execute();
    assert.deepEqual(await kept(), ['2024-02: 1', '2024-03: 1']);
  });
});
