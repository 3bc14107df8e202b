import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { migrateUpTo, openEmptyDatabase } from '../../../test/support/empty-database.ts';
import * as articleCounts from './0028-article-counts.ts';

describe('migration 0028-article-counts', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let db: Kysely<Database>;
  let sectionId: number;
  let sequence = 0;

  /** The kept counts as "status language: total", zero rows left out. */
  async function kept(): Promise<string[]> {
    const rows = await db.selectFrom('article_counts').selectAll().where('total', '!=', 0).orderBy('status').orderBy('language').execute();
    return rows.map((r) => `${r.status} ${r.language}: ${r.total}`);
  }

  async function addArticle(status: string, language: string): Promise<number> {
    const now = new Date().toISOString();
    sequence++;
    const { rows } = await sql<{ id: number }>`insert into articles (section_id, slug, title, body, status, language, created_at, updated_at)
      values (${sectionId}, ${`a-${sequence}`}, 'A', '{"type":"doc","content":[]}', ${status}, ${language}, ${now}, ${now}) returning id`.execute(db);
    return rows[0]!.id;
  }

  before(async () => {
    database = await openEmptyDatabase();
    db = database.handle.db;
    await migrateUpTo(database, '0028-article-counts');
    const now = new Date().toISOString();
    sectionId = (await db.insertInto('sections').values({ name: 'News', slug: 'news', created_at: now } as never).returning('id').executeTakeFirstOrThrow()).id;
    await addArticle('published', 'en');
    await addArticle('draft', 'en');
    await articleCounts.up(db as unknown as Kysely<unknown>, database.context);
  });
  after(() => database.dispose());

  it('counts the articles already there by status and language', async () => {
    assert.deepEqual(await kept(), ['draft en: 1', 'published en: 1']);
  });

  it('keeps the counts through inserts, status and language changes and deletes', async () => {
    const ru = await addArticle('draft', 'ru');
    const en = await addArticle('draft', 'en');
    assert.deepEqual(await kept(), ['draft en: 2', 'draft ru: 1', 'published en: 1']);
    await db.updateTable('articles').set({ status: 'published' }).where('id', '=', ru).execute();
    await db.updateTable('articles').set({ language: 'kk' }).where('id', '=', en).execute();
    // A change to another column leaves the counts alone.
    await db.updateTable('articles').set({ title: 'B' }).execute();
    assert.deepEqual(await kept(), ['draft en: 1', 'draft kk: 1', 'published en: 1', 'published ru: 1']);
    await db.deleteFrom('articles').where('id', 'in', [ru, en]).execute();
    assert.deepEqual(await kept(), ['draft en: 1', 'published en: 1']);
  });
});
