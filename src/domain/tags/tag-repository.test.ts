import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { createTag, findOrCreateTagByName, findTagBySlug, listTags, updateTag } from './tag-repository.ts';
import { Invalid } from '#src/lib/errors.ts';

describe('tag repository', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('creates, renames and lists tags', async () => {
    const db = server.context.database.db;
    const id = await createTag(db, { name: 'Energy', slug: 'energy' });
    await updateTag(db, id, { name: 'Energy policy', slug: 'energy-policy' });
    assert.equal((await findTagBySlug(db, 'energy-policy'))?.name, 'Energy policy');
    assert.equal(await findTagBySlug(db, 'energy'), undefined);
    assert.ok((await listTags(db)).some((t) => t.id === id));
    await assert.rejects(createTag(db, { name: 'Other', slug: 'energy-policy' }), (e: unknown) => e instanceof Invalid && e.field === 'slug');
  });

  it('finds or creates a tag by its typed name, once', async () => {
    const db = server.context.database.db;
    const first = await findOrCreateTagByName(db, 'Қазақстан');
    const again = await findOrCreateTagByName(db, '  Қазақстан ');
    assert.equal(first.slug, 'qazaqstan');
    assert.equal(again.id, first.id);
    assert.equal(first.isNew, true);
    assert.equal(again.isNew, false);
    await assert.rejects(findOrCreateTagByName(db, '!!!'), (e: unknown) => e instanceof Invalid && e.field === 'name');
  });
});
