import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { findRedirect, recordPathChange } from './redirect-repository.ts';
import { Invalid } from '#src/lib/errors.ts';

describe('redirect repository', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('points every old path straight at the newest one (no chains)', async () => {
    const db = server.context.database.db;
    await recordPathChange(db, '/news/a', '/news/b');
    await recordPathChange(db, '/news/b', '/news/c');
    assert.equal(await findRedirect(db, '/news/a'), '/news/c');
    assert.equal(await findRedirect(db, '/news/b'), '/news/c');
    assert.equal(await findRedirect(db, '/news/c'), undefined);
  });

  it('drops the redirect away from a path that becomes live again (no loops)', async () => {
    const db = server.context.database.db;
    await recordPathChange(db, '/world/x', '/world/y');
    await recordPathChange(db, '/world/y', '/world/x');
    assert.equal(await findRedirect(db, '/world/x'), undefined);
    assert.equal(await findRedirect(db, '/world/y'), '/world/x');
  });

  it('refuses paths that are not site paths', async () => {
    const db = server.context.database.db;
    await assert.rejects(recordPathChange(db, 'news/a', '/b'), (e: unknown) => e instanceof Invalid && e.field === 'fromPath');
    await assert.rejects(recordPathChange(db, '/a', '//evil.example/b'), (e: unknown) => e instanceof Invalid && e.field === 'toPath');
  });
});
