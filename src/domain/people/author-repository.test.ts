import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { createAuthor, findAuthorBySlug, listAuthors, updateAuthor } from './author-repository.ts';
import { Invalid } from '#src/lib/errors.ts';

describe('author repository', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('creates, updates and lists authors', async () => {
    const db = server.context.database.db;
    const id = await createAuthor(db, { name: 'Aigerim Sadykova', slug: 'aigerim-sadykova', bio: 'Reporter' });
    assert.equal((await findAuthorBySlug(db, 'aigerim-sadykova'))?.bio, 'Reporter');
    await updateAuthor(db, id, { bio: 'Senior reporter' });
    assert.equal((await findAuthorBySlug(db, 'aigerim-sadykova'))?.bio, 'Senior reporter');
    assert.ok((await listAuthors(db)).some((a) => a.id === id));
  });

  it('refuses a taken slug and a photo that is not in the library', async () => {
    const db = server.context.database.db;
    await createAuthor(db, { name: 'A', slug: 'taken' });
    await assert.rejects(createAuthor(db, { name: 'B', slug: 'taken' }), (e: unknown) => e instanceof Invalid && e.field === 'slug');
    await assert.rejects(
      createAuthor(db, { name: 'C', slug: 'c', photoMediaId: 424242 }),
      (e: unknown) => e instanceof Invalid && e.field === 'photoMediaId',
    );
  });
});
