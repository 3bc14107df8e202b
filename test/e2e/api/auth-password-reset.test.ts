import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createUserFixture, csrfFieldOf, getAs, loginAs, postLogin } from '../../support/auth.ts';
import { hashToken } from '#src/domain/people/secret-tokens.ts';
import { startSmtpServer } from '../../support/smtp-catcher.ts';

/** Replaces the server's logger with one whose lines the test can read (SMTP_URL is unset, so mail goes to the log). */
function captureLog(server: TestServer): string[] {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  server.context.logger = pino({ level: 'info' }, sink);
  return lines;
}

function resetLinksIn(lines: string[]): string[] {
  const tokens = lines.flatMap((line) => [...line.matchAll(/\/newsroom\/password-reset\/([A-Za-z0-9_-]{20,})/g)].map((m) => m[1]!));
  return [...new Set(tokens)];
}

/** Opens an anonymous form page and returns its cookie and _csrf field. */
async function openForm(server: TestServer, path: string): Promise<{ cookie: string; csrf: string; status: number; html: string }> {
  const response = await fetch(`${server.url}${path}`);
  const html = await response.text();
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('qalam_csrf='))!.split(';')[0]!;
  return { cookie, csrf: html.includes('name="_csrf"') ? csrfFieldOf(html) : '', status: response.status, html };
}

async function postAnonymous(server: TestServer, path: string, fields: Record<string, string>): Promise<Response> {
  const form = await openForm(server, '/newsroom/password-reset');
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: form.csrf, ...fields }),
  });
}

describe('password reset by email', () => {
  let server: TestServer;
  let log: string[];
  before(async () => {
    server = await startTestServer();
    log = captureLog(server);
  });
  after(() => server.close());

  it('answers alike for a known and an unknown email, and sends a link only to the account', async () => {
    const user = await createUserFixture(server.context, { role: 'author' });
    log.length = 0;
    const unknown = await postAnonymous(server, '/newsroom/password-reset', { email: 'stranger@example.test' });
    const unknownText = await unknown.text();
    assert.equal(resetLinksIn(log).length, 0, 'no mail for an unknown address');
    const known = await postAnonymous(server, '/newsroom/password-reset', { email: user.email.toUpperCase() });
    const knownText = await known.text();
    assert.equal(unknown.status, 200);
    assert.equal(known.status, 200);
    const notice = (html: string) => /nr-notice--ok[^>]*>([^<]*)</.exec(html)?.[1];
    assert.ok(notice(knownText));
    assert.equal(notice(unknownText), notice(knownText));
    const links = resetLinksIn(log);
    assert.equal(links.length, 1);
    assert.ok(log.some((line) => line.includes(user.email)), 'the log names the recipient');
  });

  it('explains a malformed email next to the field', async () => {
    const response = await postAnonymous(server, '/newsroom/password-reset', { email: 'not-an-email' });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /id="f-email-error" role="alert">Enter a valid email address/);
  });

  it('sets a new password with the link once, signs the account out everywhere, and refuses the link the second time', async () => {
    const user = await createUserFixture(server.context, { role: 'editor' });
    const oldSession = await loginAs(server, user);
    log.length = 0;
    await postAnonymous(server, '/newsroom/password-reset', { email: user.email });
    const [token] = resetLinksIn(log);
    assert.ok(token);
    const stored = await server.context.database.db.selectFrom('password_resets').select('token_hash').where('user_id', '=', user.id).execute();
    assert.deepEqual(stored.map((r) => r.token_hash), [hashToken(token)], 'only the hash of the token is stored');

    const page = await openForm(server, `/newsroom/password-reset/${token}`);
    assert.equal(page.status, 200);
    const post = (fields: Record<string, string>) =>
      fetch(`${server.url}/newsroom/password-reset/${token}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: page.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: page.csrf, ...fields }),
      });
    const weak = await post({ password: 'short', confirm: 'short' });
    assert.equal(weak.status, 422);
    assert.match(await weak.text(), /id="f-password-error" role="alert">Use at least 10 characters/);

    const done = await post({ password: 'brand-new-password-1', confirm: 'brand-new-password-1' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/newsroom/login?reset=1');
    assert.equal((await getAs(server, oldSession, '/api/admin/session')).status, 401, 'old sessions end');
    assert.equal((await postLogin(server, user)).status, 401, 'the old password no longer works');
    assert.equal((await postLogin(server, { email: user.email, password: 'brand-new-password-1' })).status, 303);

    const again = await post({ password: 'another-password-22', confirm: 'another-password-22' });
    assert.equal(again.status, 410);
    assert.match(await again.text(), /invalid, has already been used, or has expired/);
    assert.equal((await postLogin(server, { email: user.email, password: 'another-password-22' })).status, 401);
  });

  it('refuses an expired link', async () => {
    const user = await createUserFixture(server.context, { role: 'contributor' });
    log.length = 0;
    await postAnonymous(server, '/newsroom/password-reset', { email: user.email });
    const [token] = resetLinksIn(log);
    assert.ok(token);
    const row = await server.context.database.db
      .selectFrom('password_resets')
      .select(['expires_at', 'created_at'])
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirstOrThrow();
    assert.equal(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime(), 60 * 60 * 1000, 'valid for one hour');
    await server.context.database.db
      .updateTable('password_resets')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('token_hash', '=', hashToken(token))
      .execute();
    const page = await openForm(server, `/newsroom/password-reset/${token}`);
    assert.equal(page.status, 410);
    const response = await fetch(`${server.url}/newsroom/password-reset/${token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: page.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: page.cookie.split('=')[1]!, password: 'expired-link-password', confirm: 'expired-link-password' }),
    });
    assert.equal(response.status, 410);
    assert.equal((await postLogin(server, { email: user.email, password: 'expired-link-password' })).status, 401);
  });
});

describe('password reset mail through SMTP', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('sends the link by SMTP when SMTP_URL is set, and the link works', async () => {
    const smtp = await startSmtpServer();
    server.context.config.smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
    try {
      const user = await createUserFixture(server.context, { role: 'author' });
      const response = await postAnonymous(server, '/newsroom/password-reset', { email: user.email });
      assert.equal(response.status, 200);
      const message = await smtp.nextMessage();
      assert.match(message, new RegExp(`^To: ${user.email.replace(/[.+]/g, '\\$&')}`, 'm'));
      assert.match(message, /^Subject: Reset your Qalam newsroom password/m);
      const token = /\/newsroom\/password-reset\/([A-Za-z0-9_-]{20,})/.exec(message.replace(/=\n/g, ''))?.[1];
      assert.ok(token, message);
      assert.equal((await openForm(server, `/newsroom/password-reset/${token}`)).status, 200);
    } finally {
      server.context.config.smtpUrl = undefined;
      await smtp.close();
    }
  });

  it('answers the same when the mail server is down (nothing reveals that the account exists)', async () => {
    const user = await createUserFixture(server.context, { role: 'author' });
    const smtp = await startSmtpServer();
    const deadPort = smtp.port;
    await smtp.close();
    server.context.config.smtpUrl = `smtp://127.0.0.1:${deadPort}`;
    try {
      const known = await postAnonymous(server, '/newsroom/password-reset', { email: user.email });
      const unknown = await postAnonymous(server, '/newsroom/password-reset', { email: 'nobody-at-all@example.test' });
      assert.equal(known.status, 200);
      assert.equal(unknown.status, 200);
      assert.equal(await known.text().then((t) => t.replace(/name="_csrf" value="[^"]*"/, '')), await unknown.text().then((t) => t.replace(/name="_csrf" value="[^"]*"/, '')));
    } finally {
      server.context.config.smtpUrl = undefined;
    }
  });
});
