import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('GET /healthz', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('answers 200 with the database kind when the database answers', async () => {
    const response = await fetch(`${server.url}/healthz`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { status: string; database: { kind: string; reachable: boolean } };
    assert.equal(body.status, 'ok');
    assert.equal(body.database.reachable, true);
    assert.equal(body.database.kind, process.env.DATABASE_URL ? 'postgres' : 'sqlite');
  });
});
