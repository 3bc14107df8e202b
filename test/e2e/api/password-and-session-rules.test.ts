import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createUserFixture, getAs, loginAs, postForm, signedInAs } from '../../support/auth.ts';

const WEAK = ['1234567890', '1111111111', 'password123'];
const BIN = path.resolve('bin/qalam.js');

/** The decoded text of a form field's error message. */
function fieldError(html: string, field: string): string {
  const raw = new RegExp(`id="f-${field}-error" role="alert">([^<]*)<`).exec(html)?.[1] ?? '';
  return raw.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
}

describe('the password rule', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('refuses common, repeated and sequence passwords when an admin creates an account, saying why', async () => {
    const admin = await signedInAs(server, 'admin');
    for (const [index, password] of WEAK.entries()) {
      const response = await postForm(server, admin, '/newsroom/users', { email: `weak${index}@example.kz`, name: 'Weak', role: 'author', password });
      assert.equal(response.status, 422, password);
      assert.match(fieldError(await response.text(), 'password'), /guessed|common|leaked/, password);
    }
    const accepted = await postForm(server, admin, '/newsroom/users', { email: 'fine@example.kz', role: 'author', password: 'Tulip-Orbit-Harness-42' });
    assert.equal(accepted.status, 303, 'added, and sent on to the users page');
    assert.match(accepted.headers.get('location') ?? '', /^\/newsroom\/users\?added=\d+$/);
  });

  it('refuses them when a user changes their own password', async () => {
    const user = await createUserFixture(server.context, { role: 'author' });
    const session = await loginAs(server, user);
    for (const password of WEAK) {
      const response = await postForm(server, session, '/newsroom/password', { currentPassword: user.password, newPassword: password, confirm: password });
      assert.equal(response.status, 422, password);
      assert.ok(fieldError(await response.text(), 'newPassword'), password);
    }
  });

  it('refuses them in qalam user create', () => {
    const database = server.context.config.database;
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', DATA_DIR: server.context.config.dataDir };
    if (database.kind === 'postgres') env.DATABASE_URL = database.url;
    for (const password of WEAK) {
      const result = spawnSync(process.execPath, [BIN, 'user', 'create', '--email', 'cli-weak@example.kz', '--role', 'author', '--password', password], { env, encoding: 'utf8' });
      assert.notEqual(result.status, 0, password);
      assert.match(result.stderr, /guessed|common|leaked/, password);
    }
  });
});

describe('session lifetimes', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('refuses a session signed in more than 30 days ago even if it was used yesterday', async () => {
    const user = await createUserFixture(server.context, { role: 'author' });
    const session = await loginAs(server, user);
    assert.equal((await getAs(server, session, '/api/admin/session')).status, 200);
    const day = 24 * 60 * 60 * 1000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const db = server.context.database.db;
    // Used yesterday, so its idle expiry is 13 days away; but it was opened 31 days ago.
    await db
      .updateTable('sessions')
      .set({ created_at: iso(Date.now() - 31 * day), last_seen_at: iso(Date.now() - day), expires_at: iso(Date.now() + 13 * day) })
      .where('user_id', '=', user.id)
      .execute();
    assert.equal((await getAs(server, session, '/api/admin/session')).status, 401);
  });

  it('keeps a session used daily alive within 30 days, and never extends it past them', async () => {
    const user = await createUserFixture(server.context, { role: 'author' });
    const session = await loginAs(server, user);
    const day = 24 * 60 * 60 * 1000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const db = server.context.database.db;
    const createdAt = Date.now() - 25 * day;
    await db
      .updateTable('sessions')
      .set({ created_at: iso(createdAt), last_seen_at: iso(Date.now() - day), expires_at: iso(Date.now() + 13 * day) })
      .where('user_id', '=', user.id)
      .execute();
    assert.equal((await getAs(server, session, '/api/admin/session')).status, 200);
    const row = await db.selectFrom('sessions').select('expires_at').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    assert.ok(new Date(row.expires_at).getTime() <= createdAt + 30 * day + 1000, `extended to ${row.expires_at}, past 30 days from sign-in`);
  });
});
