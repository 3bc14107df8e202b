import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Generated, type Kysely } from 'kysely';
import { migrateUpTo, openEmptyDatabase } from '../../../test/support/empty-database.ts';
import * as languages from './0011-languages.ts';

// The tables as an install had them before the migration, and the columns it adds.
type Tables = {
  site_settings: {
    id: number;
    name: string;
    tagline: string;
    social_links: string;
    time_zone: string;
    reuse_share_percent: number;
    reuse_policy_text: string;
    updated_at: string;
    languages?: string;
    default_language?: string;
    kazakh_latin?: number;
    localized?: string;
  };
  sections: { id: Generated<number>; name: string; slug: string; created_at: string };
  tags: { id: Generated<number>; name: string; slug: string; created_at: string };
  users: { id: Generated<number>; email: string; name: string; password_hash: string; role: string; created_at: string; interface_language?: string | null };
  articles: {
    id: Generated<number>;
    section_id: number;
    slug: string;
    title: string;
    body: string;
    status: string;
    published_at: string | null;
    search_text: string;
    created_at: string;
    updated_at: string;
    language?: string;
    translation_of_id?: number | null;
  };
  article_tags: { article_id: number; tag_id: number; status: string; published_at: string | null; language?: string };
  article_revisions: { id: Generated<number>; article_id: number; version: number; snapshot: string; kind: string; created_at: string };
  term_translations: { kind: string; term_id: number; language: string; name: string; slug: string | null; description: string };
};

describe('migration 0011-languages', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let db: Kysely<Tables>;
  let sectionId: number;
  let tagId: number;
  const articleIds: number[] = [];

  before(async () => {
    database = await openEmptyDatabase();
    db = (database.handle.db as Kysely<unknown>).withTables<Tables>();
    await migrateUpTo(database, '0011-languages');
    const now = new Date().toISOString();
    await db
      .insertInto('site_settings')
      .values({ id: 1, name: 'Qalam', tagline: 't', social_links: '{}', time_zone: 'Asia/Almaty', reuse_share_percent: 30, reuse_policy_text: 'p', updated_at: now })
      .execute();
    await db.insertInto('users').values({ email: 'a@example.test', name: 'A', password_hash: 'x', role: 'admin', created_at: now }).execute();
    sectionId = (await db.insertInto('sections').values({ name: 'News', slug: 'news', created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    tagId = (await db.insertInto('tags').values({ name: 'Energy', slug: 'energy', created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    for (const [slug, status, publishedAt] of [
      ['wind-farm', 'published', '2023-02-08T04:28:00.000Z'],
      ['draft-story', 'draft', null],
    ] as const) {
      const { id } = await db
        .insertInto('articles')
        .values({ section_id: sectionId, slug, title: slug, body: '{"type":"doc","content":[]}', status, published_at: publishedAt, search_text: `жаңалық ${slug}`, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      articleIds.push(id);
      await db.insertInto('article_tags').values({ article_id: id, tag_id: tagId, status, published_at: publishedAt }).execute();
      await db.insertInto('article_revisions').values({ article_id: id, version: 1, snapshot: '{}', kind: 'create', created_at: now }).execute();
    }
    await languages.up(database.handle.db as Kysely<unknown>, database.context);
  });
  after(() => database.dispose());

  it('gives the settings three languages with English the default, Kazakh Latin on and no per-language texts', async () => {
    const row = await db.selectFrom('site_settings').select(['languages', 'default_language', 'kazakh_latin', 'localized']).executeTakeFirstOrThrow();
    assert.deepEqual(row, { languages: '["en","kk","ru"]', default_language: 'en', kazakh_latin: 1, localized: '{}' });
  });

  it('puts every existing article, and its tag links, in English, as originals', async () => {
    const rows = await db.selectFrom('articles').select(['id', 'language', 'translation_of_id']).orderBy('id').execute();
    assert.deepEqual(rows, articleIds.map((id) => ({ id, language: 'en', translation_of_id: null })));
    const links = await db.selectFrom('article_tags').select(['article_id', 'language', 'status']).orderBy('article_id').execute();
    assert.deepEqual(links, [
      { article_id: articleIds[0], language: 'en', status: 'published' },
      { article_id: articleIds[1], language: 'en', status: 'draft' },
    ]);
  });

  it('keeps the rows that point at articles (rebuilding the table on SQLite cascades nothing)', async () => {
    const revisions = await db.selectFrom('article_revisions').select('article_id').orderBy('article_id').execute();
    assert.deepEqual(revisions.map((r) => r.article_id), articleIds);
  });

  it('gives users no interface language (the site default)', async () => {
    const user = await db.selectFrom('users').select('interface_language').executeTakeFirstOrThrow();
    assert.equal(user.interface_language, null);
  });

  it('lets a translation keep its slug in another language, and refuses the same slug twice in one language and section', async () => {
    const now = new Date().toISOString();
    const values = { section_id: sectionId, slug: 'wind-farm', title: 'Ветряная электростанция', body: '{"type":"doc","content":[]}', status: 'draft', published_at: null, search_text: '', created_at: now, updated_at: now };
    const ru = await db.insertInto('articles').values({ ...values, language: 'ru', translation_of_id: articleIds[0] }).returning('id').executeTakeFirstOrThrow();
    await assert.rejects(db.insertInto('articles').values({ ...values, language: 'en' }).execute());
    await assert.rejects(db.insertInto('articles').values({ ...values, language: 'ru' }).execute());
    // The link is a foreign key to the articles table itself: a missing original is refused.
    await assert.rejects(db.insertInto('articles').values({ ...values, slug: 'other', language: 'kk', translation_of_id: 999_999 }).execute());
    await db.deleteFrom('articles').where('id', '=', ru.id).execute();
  });

  it('keeps one translation of a term per language, and its slug unique per kind and language', async () => {
    const row = { kind: 'tag', term_id: tagId, language: 'ru', name: 'Энергетика', slug: 'energetika', description: '' };
    await db.insertInto('term_translations').values(row).execute();
    await assert.rejects(db.insertInto('term_translations').values({ ...row, slug: 'other' }).execute());
    await assert.rejects(db.insertInto('term_translations').values({ ...row, term_id: tagId + 1 }).execute());
    // Locations have no slug: any number of them per language.
    await db.insertInto('term_translations').values({ kind: 'location', term_id: 1, language: 'ru', name: 'Астана', slug: null, description: 'Казахстан' }).execute();
    await db.insertInto('term_translations').values({ kind: 'location', term_id: 2, language: 'ru', name: 'Алматы', slug: null, description: 'Казахстан' }).execute();
  });

  it('keeps the SQLite search index in step with the rebuilt table (its triggers are made again)', async (t) => {
    if (database.context.kind !== 'sqlite') return t.diagnostic('PostgreSQL: no FTS table');
    const indexed = async () => (await sql<{ id: number }>`select rowid as id from articles_search_fts where search_text glob '*жаңалық*' order by rowid`.execute(db)).rows.map((r) => r.id);
    assert.deepEqual(await indexed(), articleIds);
    await db.updateTable('articles').set({ search_text: 'басқа' }).where('id', '=', articleIds[1]!).execute();
    assert.deepEqual(await indexed(), [articleIds[0]]);
  });

  it('reads the home list of one language from an index', async () => {
    const plan =
      database.context.kind === 'sqlite'
        ? (await sql<{ detail: string }>`explain query plan select id from articles where language = 'en' and status = 'published' and published_at <= '2030-01-01' order by published_at desc, id desc limit 10`.execute(db)).rows
            .map((r) => r.detail)
            .join('\n')
        : await db.transaction().execute(async (trx) => {
            await sql`set local enable_seqscan = off`.execute(trx);
            const { rows } = await sql<{ 'QUERY PLAN': string }>`explain select id from articles where language = 'en' and status = 'published' and published_at <= '2030-01-01' order by published_at desc, id desc limit 10`.execute(trx);
            return rows.map((r) => r['QUERY PLAN']).join('\n');
          });
    assert.match(plan, /articles_public_list_idx/);
    assert.doesNotMatch(plan, /TEMP B-TREE|Sort/);
  });
});
