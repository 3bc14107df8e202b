import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { createSection, findSectionBySlug, listSections, updateSection } from './section-repository.ts';
import { Invalid } from '#src/lib/errors.ts';

describe('section repository', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('creates, finds and lists sections in menu order', async () => {
    const db = server.context.database.db;
    const b = await createSection(db, { name: 'Business', slug: 'business', position: 2 });
    const n = await createSection(db, { name: 'News', slug: 'news', position: 1, description: 'Daily news' });
    const found = await findSectionBySlug(db, 'news');
    assert.equal(found?.id, n);
    assert.equal(found?.description, 'Daily news');
    const order = (await listSections(db)).map((s) => s.id);
    assert.ok(order.indexOf(n) < order.indexOf(b));
  });

  it('refuses reserved, malformed and taken slugs with Invalid("slug")', async () => {
    const db = server.context.database.db;
    await createSection(db, { name: 'Sport', slug: 'sport' });
    for (const slug of ['newsroom', 'api', 'tag', 'Bad Slug', 'double--hyphen', '', 'sport']) {
      await assert.rejects(createSection(db, { name: 'X', slug }), (e: unknown) => e instanceof Invalid && e.field === 'slug', slug);
    }
  });

  it('updates fields and refuses a parent loop', async () => {
    const db = server.context.database.db;
    const a = await createSection(db, { name: 'World', slug: 'world' });
    const b = await createSection(db, { name: 'Asia', slug: 'asia', parentId: a });
    assert.equal(await updateSection(db, a, { name: 'The World', slug: 'the-world' }), true);
    assert.equal((await findSectionBySlug(db, 'the-world'))?.name, 'The World');
    await assert.rejects(updateSection(db, a, { parentId: b }), (e: unknown) => e instanceof Invalid && e.field === 'parentId');
    assert.equal(await updateSection(db, 999999, { name: 'Nothing' }), false);
  });
});
