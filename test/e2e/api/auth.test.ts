import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { cookiesOf, createUserFixture, getAs, loginAs, openLoginForm, postForm, postLogin, signedInAs } from '../../support/auth.ts';
import { ensureFirstAdmin } from '#src/domain/people/first-admin.ts';
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from '#src/domain/people/login-throttle.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function setCookieHeader(response: Response, name: string): string {
  const header = response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
  assert.ok(header, `expected a Set-Cookie for ${name}`);
  return header;
}

describe('signing in and out of the newsroom', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('signs in through the form, sets an HttpOnly SameSite=Lax cookie, and stores only the hash of its token', async () => {
    const user = await createUserFixture(server.context, { role: 'editor' });
    const response = await postLogin(server, user);
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/newsroom');
    const header = setCookieHeader(response, 'qalam_session');
    assert.match(header, /HttpOnly/i);
    assert.match(header, /SameSite=Lax/i);
    assert.match(header, /Path=\//);
    assert.doesNotMatch(header, /Secure/i, 'no Secure flag on a plain-http origin');
    const token = cookiesOf(response).qalam_session!;
    const rows = await server.context.database.db.selectFrom('sessions').select(['id', 'user_id']).where('user_id', '=', user.id).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.id, sha256(token));
    assert.notEqual(rows[0]!.id, token);
  });

  it('stores the password as an argon2id hash', async () => {
    const user = await createUserFixture(server.context, { role: 'author' });
    const row = await server.context.database.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    assert.match(row.password_hash, /^\$argon2id\$/);
    assert.ok(!row.password_hash.includes(user.password));
  });

  it('gives the same answer for a wrong password and for an unknown email, and audits the failure without the password', async () => {
    const user = await createUserFixture(server.context, { role: 'contributor' });
    const wrongPassword = await postLogin(server, { email: user.email, password: 'not-the-password-123' });
    const unknownEmail = await postLogin(server, { email: 'nobody-here@example.test', password: 'not-the-password-123' });
    assert.equal(wrongPassword.status, 401);
    assert.equal(unknownEmail.status, 401);
    const message = (html: string) => /nr-notice--error[^>]*>([^<]*)</.exec(html)?.[1];
    const first = message(await wrongPassword.text());
    assert.equal(first, 'The email or password is incorrect.');
    assert.equal(message(await unknownEmail.text()), first);
    assert.equal(cookiesOf(wrongPassword).qalam_session, undefined);
    const failures = await server.context.database.db
      .selectFrom('audit_log')
      .select(['details', 'user_id'])
      .where('action', '=', 'login.failed')
      .execute();
    assert.equal(failures.length, 2);
    for (const row of failures) assert.ok(!row.details.includes('not-the-password-123'), 'the audit log never holds a password');
    assert.ok(failures.some((row) => row.user_id === user.id));
  });

  it('signs out: the session row is deleted and the old cookie no longer opens the newsroom', async () => {
    const session = await signedInAs(server, 'editor');
    assert.equal((await getAs(server, session, '/newsroom/tags')).status, 200);
    const out = await postForm(server, session, '/newsroom/logout', {});
    assert.equal(out.status, 303);
    assert.equal(out.headers.get('location'), '/newsroom/login?out=1');
    assert.match(setCookieHeader(out, 'qalam_session'), /Expires=Thu, 01 Jan 1970/i);
    const left = await server.context.database.db.selectFrom('sessions').select('id').where('user_id', '=', session.user.id).execute();
    assert.equal(left.length, 0);
    const again = await getAs(server, session, '/newsroom/tags');
    assert.equal(again.status, 302);
    assert.match(again.headers.get('location')!, /^\/newsroom\/login\?next=/);
  });

  it('returns to a same-site `next` path after sign-in, and never to another site', async () => {
    const user = await createUserFixture(server.context, { role: 'editor' });
    const cases: Array<[string, string]> = [
      ['/newsroom/tags?x=1', '/newsroom/tags?x=1'],
      ['//evil.example/steal', '/newsroom'],
      ['https://evil.example/', '/newsroom'],
      ['/\\evil.example', '/newsroom'],
      ['javascript:alert(1)', '/newsroom'],
    ];
    for (const [next, expected] of cases) {
      const response = await postLogin(server, { ...user, next });
      assert.equal(response.status, 303, next);
      assert.equal(response.headers.get('location'), expected, next);
    }
    const page = await fetch(`${server.url}/newsroom/login?next=${encodeURIComponent('//evil.example')}`);
    assert.match(await page.text(), /name="next" value="\/newsroom"/);
  });

  it('sends anonymous visitors of newsroom pages to sign in, and answers API calls with 401 JSON', async () => {
    const page = await getAs(server, null, '/newsroom/sections?x=1');
    assert.equal(page.status, 302);
    assert.equal(page.headers.get('location'), `/newsroom/login?next=${encodeURIComponent('/newsroom/sections?x=1')}`);
    const api = await getAs(server, null, '/api/admin/session');
    assert.equal(api.status, 401);
    const body = (await api.json()) as { error: string; message: string };
    assert.equal(body.error, 'unauthenticated');
    assert.match(body.message, /sign in/i);
  });

  it('forbids a role that is too low (403), on pages and before validating a body', async () => {
    const contributor = await signedInAs(server, 'contributor');
    assert.equal((await getAs(server, contributor, '/newsroom/users')).status, 403);
    const post = await postForm(server, contributor, '/newsroom/sections', { name: '' });
    assert.equal(post.status, 403);
    const rows = await server.context.database.db.selectFrom('sections').select('id').execute();
    assert.equal(rows.length, 0);
  });

  it('extends a session that is used (sliding expiry) and ignores an expired one', async () => {
    const session = await signedInAs(server, 'editor');
    const id = sha256(session.cookie.split('=')[1]!);
    const db = server.context.database.db;
    const soon = new Date(Date.now() + 60_000).toISOString();
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    await db.updateTable('sessions').set({ expires_at: soon, last_seen_at: hourAgo }).where('id', '=', id).execute();
    const used = await getAs(server, session, '/newsroom/tags');
    assert.equal(used.status, 200);
    assert.match(setCookieHeader(used, 'qalam_session'), /Max-Age=1209600/);
    const extended = await db.selectFrom('sessions').select('expires_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(new Date(extended.expires_at).getTime() > Date.now() + 13 * 24 * 3_600_000);
    await db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', id).execute();
    const expired = await getAs(server, session, '/newsroom/tags');
    assert.equal(expired.status, 302);
  });

  it('signs a disabled user out everywhere and refuses their next sign-in with the generic message', async () => {
    const admin = await signedInAs(server, 'admin');
    const victim = await createUserFixture(server.context, { role: 'author' });
    const victimSession = await loginAs(server, victim);
    const disabled = await postForm(server, admin, `/newsroom/users/${victim.id}/disable`, {});
    assert.equal(disabled.status, 303);
    assert.equal((await getAs(server, victimSession, '/api/admin/session')).status, 401);
    const retry = await postLogin(server, victim);
    assert.equal(retry.status, 401);
    assert.match(await retry.text(), /The email or password is incorrect\./);
  });
});

describe('CSRF protection', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('refuses a newsroom form posted without the token, or with a wrong one, with 403 and a clear message', async () => {
    const session = await signedInAs(server, 'editor');
    const missing = await fetch(`${server.url}/newsroom/tags`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Energy' }),
    });
    assert.equal(missing.status, 403);
    assert.match(await missing.text(), /security token \(CSRF\) is missing/);
    const wrong = await postForm(server, session, '/newsroom/tags', { name: 'Energy', _csrf: 'x'.repeat(43) });
    assert.equal(wrong.status, 403);
    assert.match(await wrong.text(), /CSRF\) of this request is wrong/);
    const tags = await server.context.database.db.selectFrom('tags').select('id').execute();
    assert.equal(tags.length, 0, 'nothing was written');
    const right = await postForm(server, session, '/newsroom/tags', { name: 'Energy' });
    assert.equal(right.status, 303);
  });

  it('guards a percent-encoded newsroom path like the plain one (the router decodes it)', async () => {
    const session = await signedInAs(server, 'editor');
    for (const path of ['/newsroo%6D/tags', '/%6Eewsroom/tags', '/newsroom/%74ags']) {
      const forged = await fetch(`${server.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ name: `Forged via ${path}` }),
      });
      assert.equal(forged.status, 403, path);
      const anonymous = await getAs(server, null, path);
      assert.equal(anonymous.status, 302, path);
      assert.match(anonymous.headers.get('location')!, /^\/newsroom\/login\?next=/);
    }
    const forgedTags = await server.context.database.db.selectFrom('tags').select('name').where('name', 'like', 'Forged%').execute();
    assert.deepEqual(forgedTags, []);
  });

  it('refuses an admin API write without the x-csrf-token header (403 JSON)', async () => {
    const session = await signedInAs(server, 'editor');
    const response = await fetch(`${server.url}/api/admin/session`, { method: 'DELETE', headers: { cookie: session.cookie } });
    assert.equal(response.status, 403);
    const body = (await response.json()) as { error: string; message: string };
    assert.equal(body.error, 'forbidden');
    assert.match(body.message, /x-csrf-token/);
  });

  it('refuses a write whose Origin is another site, even with the right token', async () => {
    const session = await signedInAs(server, 'editor');
    const response = await fetch(`${server.url}/newsroom/tags`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session.cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: session.csrfToken, name: 'Energy' }),
    });
    assert.equal(response.status, 403);
    assert.match(await response.text(), /another site/);
  });

  it('protects the sign-in form itself with a double-submit token', async () => {
    const user = await createUserFixture(server.context, { role: 'editor' });
    const form = await openLoginForm(server);
    const post = (headers: Record<string, string>, fields: Record<string, string>) =>
      fetch(`${server.url}/newsroom/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ email: user.email, password: user.password, ...fields }),
      });
    assert.equal((await post({}, { _csrf: form.csrfToken })).status, 403, 'token without its cookie');
    assert.equal((await post({ cookie: form.cookie }, {})).status, 403, 'cookie without the token');
    assert.equal((await post({ cookie: form.cookie }, { _csrf: 'forged' })).status, 403, 'a token that does not match');
    assert.equal((await post({ cookie: form.cookie }, { _csrf: form.csrfToken })).status, 303);
  });
});

describe('failed sign-in limits', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it(`locks an account after ${MAX_FAILURES_PER_ACCOUNT} failures with 429, even for the right password`, async () => {
    const user = await createUserFixture(server.context, { role: 'editor' });
    for (let attempt = 1; attempt <= MAX_FAILURES_PER_ACCOUNT; attempt++) {
      assert.equal((await postLogin(server, { email: user.email, password: `wrong-${attempt}-password` })).status, 401);
    }
    const locked = await postLogin(server, user);
    assert.equal(locked.status, 429);
    assert.match(await locked.text(), /Too many failed sign-in attempts for this account/);
    // Another account from the same address is not locked by this one.
    const other = await createUserFixture(server.context, { role: 'editor' });
    assert.equal((await postLogin(server, other)).status, 303);
  });

  it('counts only the failures of the last 15 minutes', async () => {
    const user = await createUserFixture(server.context, { role: 'author' });
    const old = new Date(Date.now() - 16 * 60 * 1000).toISOString();
    const recent = new Date(Date.now() - 14 * 60 * 1000).toISOString();
    const key = `email:${user.email}`;
    await server.context.database.db
      .insertInto('login_failures')
      .values(Array.from({ length: MAX_FAILURES_PER_ACCOUNT }, () => ({ key, created_at: old })))
      .execute();
    assert.equal((await postLogin(server, user)).status, 303, 'failures older than the window do not lock');
    await server.context.database.db
      .insertInto('login_failures')
      .values(Array.from({ length: MAX_FAILURES_PER_ACCOUNT }, () => ({ key, created_at: recent })))
      .execute();
    assert.equal((await postLogin(server, user)).status, 429, 'failures inside the window do');
  });

  it(`limits an address after ${MAX_FAILURES_PER_IP} failures across accounts`, async () => {
    await server.context.database.db.deleteFrom('login_failures').execute();
    const user = await createUserFixture(server.context, { role: 'editor' });
    for (let attempt = 1; attempt <= MAX_FAILURES_PER_IP; attempt++) {
      const response = await postLogin(server, { email: `guess-${attempt}@example.test`, password: 'guess-password-1' });
      assert.equal(response.status, 401, `attempt ${attempt}`);
    }
    const blocked = await postLogin(server, user);
    assert.equal(blocked.status, 429);
    assert.match(await blocked.text(), /Too many failed sign-in attempts from your network/);
  });
});

describe('the first admin and temporary passwords', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('creates one admin on an empty install with a one-time password that must be replaced at first sign-in', async () => {
    const created = await ensureFirstAdmin(server.context);
    assert.ok(created);
    assert.equal(await ensureFirstAdmin(server.context), null, 'only once');
    const users = await server.context.database.db.selectFrom('users').select(['email', 'role', 'must_change_password']).execute();
    assert.deepEqual(users, [{ email: created.email, role: 'admin', must_change_password: 1 }]);

    const login = await postLogin(server, created);
    assert.equal(login.status, 303);
    assert.equal(login.headers.get('location'), '/newsroom/password');
    const cookie = `qalam_session=${cookiesOf(login).qalam_session}`;
    const session = { cookie, csrfToken: ((await (await fetch(`${server.url}/api/admin/session`, { headers: { cookie } })).json()) as { csrfToken: string }).csrfToken };
    const elsewhere = await getAs(server, session, '/newsroom/users');
    assert.equal(elsewhere.status, 302);
    assert.equal(elsewhere.headers.get('location'), '/newsroom/password');

    const tooShort = await postForm(server, session, '/newsroom/password', { currentPassword: created.password, newPassword: 'short', confirm: 'short' });
    assert.equal(tooShort.status, 422);
    const tooShortPage = await tooShort.text();
    assert.match(tooShortPage, /id="f-newPassword-error" role="alert">Use at least 10 characters/);
    // A refused form gives back what was not at fault: here the current password, not the short new one.
    const valueOf = (html: string, name: string) => new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0].match(/value="([^"]*)"/)?.[1] ?? '';
    assert.deepEqual(['currentPassword', 'newPassword', 'confirm'].map((name) => valueOf(tooShortPage, name)), [created.password, '', '']);
    const mismatch = await postForm(server, session, '/newsroom/password', { currentPassword: created.password, newPassword: 'a-new-long-password', confirm: 'another-one-entirely' });
    assert.equal(mismatch.status, 400);
    const mismatchPage = await mismatch.text();
    assert.match(mismatchPage, /The two passwords differ/);
    assert.deepEqual(['currentPassword', 'newPassword', 'confirm'].map((name) => valueOf(mismatchPage, name)), [created.password, 'a-new-long-password', '']);

    const changed = await postForm(server, session, '/newsroom/password', { currentPassword: created.password, newPassword: 'a-new-long-password', confirm: 'a-new-long-password' });
    assert.equal(changed.status, 303);
    assert.equal(changed.headers.get('location'), '/newsroom/password?saved=1');
    assert.match(await (await getAs(server, session, '/newsroom/password?saved=1')).text(), /Your password has been changed/);
    assert.equal((await getAs(server, session, '/newsroom/users')).status, 200);
    assert.equal((await postLogin(server, created)).status, 401, 'the one-time password is spent');
    assert.equal((await postLogin(server, { email: created.email, password: 'a-new-long-password' })).status, 303);
  });
});

describe('security headers on newsroom pages', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('sends a CSP without unsafe-inline, frame-ancestors none and no-store on the sign-in page and on signed-in pages', async () => {
    const session = await signedInAs(server, 'admin');
    for (const response of [await getAs(server, null, '/newsroom/login'), await getAs(server, session, '/newsroom/settings')]) {
      assert.equal(response.status, 200);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'/);
      assert.match(csp, /style-src 'self'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const html = await response.text();
      assert.doesNotMatch(html, /\sstyle="/, 'no inline styles');
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline scripts');
    }
  });

  it('marks the session cookie Secure when the public origin is https', async () => {
    // loadConfig derives secureCookies from an https BASE_URL; flip it on this server rather than start a second one.
    server.context.config.secureCookies = true;
    try {
      const user = await createUserFixture(server.context, { role: 'editor' });
      const response = await postLogin(server, user);
      assert.equal(response.status, 303);
      assert.match(setCookieHeader(response, 'qalam_session'), /;\s*Secure/i);
    } finally {
      server.context.config.secureCookies = false;
    }
  });
});
