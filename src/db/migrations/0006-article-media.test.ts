import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Generated, Kysely } from 'kysely';
import { migrateUpTo, openEmptyDatabase } from '../../../test/support/empty-database.ts';
import * as articleMedia from './0006-article-media.ts';

const figure = (mediaId: number) => ({ type: 'figure', attrs: { mediaId, caption: '', credit: '', alt: '' } });

describe('migration 0006-article-media', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let db: Kysely<unknown>;
  const ids: Record<string, number> = {};

  before(async () => {
    database = await openEmptyDatabase();
    db = database.handle.db as Kysely<unknown>;
    await migrateUpTo(database, '0006-article-media');
    const old = db.withTables<{
      sections: { id: Generated<number>; name: string; slug: string; created_at: string };
      media: { id: Generated<number>; file_key: string; mime_type: string; width: number; height: number; byte_size: number; sha256: string; created_at: string };
      articles: { id: Generated<number>; section_id: number; slug: string; title: string; body: string; lead_media_id: number | null; status: string; created_at: string; updated_at: string };
    }>();
    const now = new Date().toISOString();
    const section = await old.insertInto('sections').values({ name: 'News', slug: 'news', created_at: now }).returning('id').executeTakeFirstOrThrow();
    for (const key of ['one', 'two']) {
      const row = await old
        .insertInto('media')
        .values({ file_key: `${key}.png`, mime_type: 'image/png', width: 1, height: 1, byte_size: 1, sha256: key, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[key] = row.id;
    }
    const bodies: Record<string, { body: string; lead: number | null }> = {
      // Lead and figure of the same image: one row per role. A figure nested in a quote counts.
      both: { lead: ids.one!, body: JSON.stringify({ type: 'doc', content: [{ type: 'blockquote', content: [figure(ids.one!)] }, figure(ids.two!)] }) },
      // An image that no longer exists and a body that is not JSON place nothing.
      missing: { lead: null, body: JSON.stringify({ type: 'doc', content: [figure(999_999)] }) },
      broken: { lead: null, body: '{not json' },
    };
    for (const [slug, { body, lead }] of Object.entries(bodies)) {
      const row = await old
        .insertInto('articles')
        .values({ section_id: section.id, slug, title: slug, body, lead_media_id: lead, status: 'draft', created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[slug] = row.id;
    }
    await articleMedia.up(db, database.context);
  });
  after(() => database.dispose());

  it('records every existing use of an image by role, skipping images that are gone and bodies it cannot read', async () => {
    const rows = await db
      .withTables<{ article_media: { article_id: number; media_id: number; role: string } }>()
      .selectFrom('article_media')
      .select(['article_id', 'media_id', 'role'])
      .orderBy('media_id')
      .orderBy('role')
      .execute();
    assert.deepEqual(rows, [
      { article_id: ids.both, media_id: ids.one, role: 'figure' },
      { article_id: ids.both, media_id: ids.one, role: 'lead' },
      { article_id: ids.both, media_id: ids.two, role: 'figure' },
    ]);
  });
});
