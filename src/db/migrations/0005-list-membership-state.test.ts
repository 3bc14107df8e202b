import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Generated, Kysely } from 'kysely';
import { migrateUpTo, openEmptyDatabase } from '../../../test/support/empty-database.ts';
import * as listMembershipState from './0005-list-membership-state.ts';

// Articles in every state, as an install had them before the migration.
const STATES = [
  { status: 'published', published_at: '2023-02-08T04:28:00.000Z' },
  { status: 'published', published_at: '2024-03-02T10:00:00.000Z' },
  { status: 'draft', published_at: null },
  { status: 'scheduled', published_at: null },
  { status: 'trashed', published_at: '2022-01-01T00:00:00.000Z' },
] as const;

describe('migration 0005-list-membership-state', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let db: Kysely<unknown>;

  before(async () => {
    database = await openEmptyDatabase();
    db = database.handle.db as Kysely<unknown>;
    await migrateUpTo(database, '0005-list-membership-state');
    const old = db.withTables<{
      sections: { id: Generated<number>; name: string; slug: string; created_at: string };
      tags: { id: Generated<number>; name: string; slug: string; created_at: string };
      authors: { id: Generated<number>; name: string; slug: string; created_at: string };
      articles: { id: Generated<number>; section_id: number; slug: string; title: string; body: string; status: string; published_at: string | null; created_at: string; updated_at: string };
      article_tags: { article_id: number; tag_id: number };
      article_authors: { article_id: number; author_id: number };
    }>();
    const now = new Date().toISOString();
    const section = await old.insertInto('sections').values({ name: 'News', slug: 'news', created_at: now }).returning('id').executeTakeFirstOrThrow();
    const tag = await old.insertInto('tags').values({ name: 'Energy', slug: 'energy', created_at: now }).returning('id').executeTakeFirstOrThrow();
    const author = await old.insertInto('authors').values({ name: 'Dana', slug: 'dana', created_at: now }).returning('id').executeTakeFirstOrThrow();
    for (const [index, state] of STATES.entries()) {
      const article = await old
        .insertInto('articles')
        .values({ section_id: section.id, slug: `a-${index}`, title: `A ${index}`, body: '{"type":"doc","content":[]}', ...state, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await old.insertInto('article_tags').values({ article_id: article.id, tag_id: tag.id }).execute();
      await old.insertInto('article_authors').values({ article_id: article.id, author_id: author.id }).execute();
    }
    await listMembershipState.up(db, database.context);
  });
  after(() => database.dispose());

  for (const link of ['article_tags', 'article_authors'] as const) {
    it(`copies each article's status and published_at to its ${link} rows`, async () => {
      type Link = { article_id: number; status: string; published_at: string | null };
      const rows = await db
        .withTables<{ articles: { id: number; slug: string }; article_tags: Link; article_authors: Link }>()
        .selectFrom(link)
        .innerJoin('articles', 'articles.id', `${link}.article_id`)
        .select(['articles.slug', `${link}.status`, `${link}.published_at`])
        .orderBy('articles.slug')
        .execute();
      assert.deepEqual(
        rows.map((row) => ({ status: row.status, published_at: row.published_at && new Date(row.published_at).toISOString() })),
        STATES.map((state) => ({ ...state })),
      );
    });
  }
});
