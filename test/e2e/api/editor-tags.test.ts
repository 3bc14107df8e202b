import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { signedInAs } from '../../support/auth.ts';

describe('POST /newsroom/articles/tags (tags typed in the editor)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('creates a new tag once, audits it and announces it; the same name again finds it', async () => {
    const { cookie, csrfToken, user } = await signedInAs(server, 'author');
    let announced = 0;
    server.context.events.on('taxonomy.updated', () => announced++);
    const post = (name: string) =>
      fetch(`${server.url}/newsroom/articles/tags`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });

    const created = await post('Steppe ecology');
    assert.equal(created.status, 201);
    const tag = (await created.json()) as { id: number; name: string };
    const again = await post('  Steppe ecology ');
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { id: number }).id, tag.id);

    assert.equal(announced, 1);
    const audit = await server.context.database.db
      .selectFrom('audit_log')
      .select(['user_id', 'subject_type', 'subject_id'])
      .where('action', '=', 'taxonomy.created')
      .execute();
    assert.deepEqual(audit, [{ user_id: user.id, subject_type: 'tag', subject_id: String(tag.id) }]);
  });
});
