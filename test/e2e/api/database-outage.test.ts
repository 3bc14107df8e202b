import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.ts';

// Only PostgreSQL can "go away" under a running process; the SQLite file is in-process.
const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl?.startsWith('postgres')) {
  describe('when PostgreSQL goes away', () => {
    let proxy: TcpProxy;
    let server: TestServer;
    before(async () => {
      const target = new URL(databaseUrl);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      server = await startTestServer({}, { databasePort: proxy.port });
    });
    after(async () => {
      await proxy.restore().catch(() => {});
      await server.close();
      await proxy.close();
    });

    it('answers 503 on /healthz and on pages while it is gone, and recovers when it is back', async () => {
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);

      await proxy.cut();
      const health = await fetch(`${server.url}/healthz`);
      assert.equal(health.status, 503);
      const body = (await health.json()) as { database: { reachable: boolean } };
      assert.equal(body.database.reachable, false);
      const page = await fetch(`${server.url}/news/some-story`);
      assert.equal(page.status, 503, 'a page that needs the database answers 503, not 500');
      assert.ok(page.headers.get('retry-after'));
      assert.match(await page.text(), /Reference: [\w-]+\./, 'the page gives a reference that finds the logged error');

      await proxy.restore();
      let recovered = 0;
      // The pool replaces its broken clients on the next checkout; allow a few attempts for that.
      for (let attempt = 0; attempt < 20 && recovered !== 200; attempt++) {
        recovered = (await fetch(`${server.url}/healthz`)).status;
        if (recovered !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      assert.equal(recovered, 200);
    });
  });
}
