import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { migrateUpTo, openEmptyDatabase, planOf } from '../../../test/support/empty-database.ts';
import * as translationIndex from './0031-translation-index-originals-left-out.ts';

describe('migration 0031-translation-index-originals-left-out', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;

  before(async () => {
    database = await openEmptyDatabase();
    await migrateUpTo(database, '0031-translation-index-originals-left-out');
    await translationIndex.up(database.handle.db as unknown as Kysely<unknown>, database.context);
    if (database.context.kind !== 'sqlite') return;
    // SQLite plans by statistics (ADR 0041), row counts only (ADR 0043): an archive of originals, as a site in one language has
    // (the old index rated a group's lookup as a read of every row).
    const db = database.handle.db;
    const now = '2026-01-01T00:00:00Z';
    await sql`insert into sections (name, slug, created_at) values ('News', 'news', ${now})`.execute(db);
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 3000)
      insert into articles (section_id, slug, title, body, status, language, published_at, created_at, updated_at, translation_of_id)
      select 1, 'story-' || i, 'A story', '{}', 'published', 'en', ${now}, ${now}, ${now}, null from n`.execute(db);
    await sql`analyze`.execute(db);
    await sql`delete from sqlite_stat4`.execute(db);
    await sql`analyze sqlite_schema`.execute(db);
  });
  after(() => database.dispose());

  it('finds a translation group, and the groups of a newsroom list, through the index of translations', async () => {
    // The article page's language versions (published-article-repository.ts) and the newsroom's groups (article-newsroom-list.ts).
    assert.match(await planOf(database, `select id from articles where translation_of_id = 5 and status = 'published' and published_at <= '2030-01-01'`), /articles_translation_of_idx/);
    assert.match(await planOf(database, `select id from articles where id in (5, 6) or translation_of_id in (5, 6)`), /articles_translation_of_idx/);
  });
});
