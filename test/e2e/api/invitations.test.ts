import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashToken } from '#src/domain/people/secret-tokens.ts';
import { cookiesOf, createUserFixture, csrfFieldOf, getAs, loginAs, postForm, type HttpSession } from '../../support/auth.ts';
import { readMessage, startSmtpServer, type SmtpCatcher } from '../../support/smtp-catcher.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/** The invitation token in a caught mail. */
function tokenIn(message: string): string {
  const token = /\/newsroom\/invitations\/([A-Za-z0-9_-]{20,})/.exec(readMessage(message).body)?.[1];
  assert.ok(token, message);
  return token;
}

describe('invitations by mail', () => {
  let server: TestServer;
  let smtp: SmtpCatcher;
  let admin: HttpSession;

  /** Opens the invitation page as the invitee (no session) and answers its status, HTML and a poster of its form. */
  async function openInvitation(token: string) {
    const page = await fetch(`${server.url}/newsroom/invitations/${token}`);
    const html = await page.text();
    const cookie = page.headers.getSetCookie().find((c) => c.startsWith('qalam_csrf='))?.split(';')[0] ?? '';
    const post = (fields: Record<string, string>) =>
      fetch(`${server.url}/newsroom/invitations/${token}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        // A refused link's page has no form; the pre-session token is the cookie's value (double submit).
        body: new URLSearchParams({ _csrf: html.includes('name="_csrf"') ? csrfFieldOf(html) : cookie.slice('qalam_csrf='.length), ...fields }),
      });
    return { status: page.status, html, post };
  }

  async function invite(fields: Record<string, string>) {
    return postForm(server, admin, '/newsroom/users/invitations', fields);
  }

  before(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    admin = await loginAs(server, await createUserFixture(server.context, { role: 'admin', name: 'Aigerim Admin' }));
  });
  after(async () => {
    await server?.close();
    await smtp?.close();
  });
  beforeEach(() => {
    server.context.config.smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
    smtp.takeAll();
  });

  it('mails a single-use link with which the invitee chooses a password and is signed in with the invited role', async () => {
    const response = await invite({ inviteEmail: 'Dana.Writer@Example.test', inviteName: 'Dana', inviteRole: 'author' });
    assert.equal(response.status, 201);
    assert.match(await response.text(), /Invitation sent to dana\.writer@example\.test/);
    const [message] = smtp.takeAll();
    assert.ok(message, 'one mail');
    const { headers, body } = readMessage(message);
    assert.match(headers, /^To: dana\.writer@example\.test$/m);
    assert.match(body, /Aigerim Admin invited you to the newsroom as author/);
    const token = tokenIn(message);
    const db = server.context.database.db;
    const stored = await db.selectFrom('invitations').selectAll().where('email', '=', 'dana.writer@example.test').executeTakeFirstOrThrow();
    assert.equal(stored.token_hash, hashToken(token), 'only the hash of the token is stored');
    assert.ok(Date.parse(stored.expires_at) - Date.parse(stored.created_at) === 7 * 24 * 3600 * 1000, 'valid for 7 days');

    const page = await openInvitation(token);
    assert.equal(page.status, 200);
    assert.match(page.html, /invited to the newsroom as dana\.writer@example\.test \(author\)/);
    const weak = await page.post({ password: 'short', confirm: 'short' });
    assert.equal(weak.status, 422);
    assert.match(await weak.text(), /id="f-password-error" role="alert">Use at least/);
    const differ = await page.post({ password: 'a long enough passphrase 42', confirm: 'another one' });
    assert.equal(differ.status, 400);
    assert.match(await differ.text(), /id="f-confirm-error" role="alert">The two passwords differ/);
    const joined = await page.post({ password: 'quiet river under the bridge 42', confirm: 'quiet river under the bridge 42' });
    assert.equal(joined.status, 303);
    assert.equal(joined.headers.get('location'), '/newsroom');
    const session = cookiesOf(joined);
    const cookie = Object.entries(session).map(([name, value]) => `${name}=${value}`).join('; ');
    const home = await fetch(`${server.url}/newsroom`, { redirect: 'manual', headers: { cookie } });
    assert.equal(home.status, 200, 'signed in at once');
    const user = await db.selectFrom('users').selectAll().where('email', '=', 'dana.writer@example.test').executeTakeFirstOrThrow();
    assert.equal(user.role, 'author');
    assert.equal(user.name, 'Dana');
    assert.equal(Number(user.must_change_password), 0);
    await loginAs(server, { email: 'dana.writer@example.test', password: 'quiet river under the bridge 42' });
    const audit = await db.selectFrom('audit_log').select('action').where('action', 'in', ['user.invited', 'user.invitation_accepted']).execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['user.invitation_accepted', 'user.invited']);

    const reused = await openInvitation(token);
    assert.equal(reused.status, 410);
    assert.match(reused.html, /invalid, has already been used, has expired or was revoked/);
    assert.equal((await reused.post({ password: 'quiet river under the bridge 43', confirm: 'quiet river under the bridge 43' })).status, 410);
  });

  it('refuses expired and revoked links, and a newer invitation replaces the older', async () => {
    await invite({ inviteEmail: 'late@example.test', inviteRole: 'contributor' });
    const late = tokenIn(smtp.takeAll()[0]!);
    await server.context.database.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('email', '=', 'late@example.test').execute();
    assert.equal((await openInvitation(late)).status, 410);

    await invite({ inviteEmail: 'twice@example.test', inviteRole: 'editor' });
    const first = tokenIn(smtp.takeAll()[0]!);
    await invite({ inviteEmail: 'twice@example.test', inviteRole: 'editor' });
    const second = tokenIn(smtp.takeAll()[0]!);
    assert.equal((await openInvitation(first)).status, 410, 'the newer invitation replaces the older');
    assert.equal((await openInvitation(second)).status, 200);
    const { id } = await server.context.database.db.selectFrom('invitations').select('id').where('token_hash', '=', hashToken(second)).executeTakeFirstOrThrow();
    const usersPage = await (await getAs(server, admin, '/newsroom/users')).text();
    assert.match(usersPage, /Revoke<span class="nr-visually-hidden"> twice@example\.test/);
    const revoked = await postForm(server, admin, `/newsroom/users/invitations/${id}/revoke`, {});
    assert.equal(revoked.status, 200);
    assert.equal((await openInvitation(second)).status, 410);
    assert.equal((await postForm(server, admin, `/newsroom/users/invitations/${id}/revoke`, {})).status, 422, 'revoked once only');
    assert.equal((await postForm(server, admin, '/newsroom/users/invitations/999999/revoke', {})).status, 404);
  });

  it('names the field of a bad invitation, and refuses an address that already has an account', async () => {
    const bad = await invite({ inviteEmail: 'not-an-email', inviteRole: 'author' });
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /id="f-inviteEmail-error" role="alert">Enter a valid email address/);
    const role = await invite({ inviteEmail: 'someone@example.test', inviteRole: 'owner' });
    assert.equal(role.status, 422);
    assert.match(await role.text(), /id="f-inviteRole-error" role="alert">Choose one of/);
    const existing = await createUserFixture(server.context, { role: 'author' });
    const taken = await invite({ inviteEmail: existing.email, inviteRole: 'author' });
    assert.equal(taken.status, 422);
    assert.match(await taken.text(), /An account with the email .* already exists/);
    assert.equal(smtp.takeAll().length, 0);
  });

  it('withdraws the invitation when the mail server refuses it, and without SMTP offers the one-time password instead', async () => {
    const dead = await startSmtpServer();
    await dead.close();
    server.context.config.smtpUrl = `smtp://127.0.0.1:${dead.port}`;
    const refused = await invite({ inviteEmail: 'unlucky@example.test', inviteRole: 'author' });
    assert.equal(refused.status, 422);
    assert.match(await refused.text(), /did not accept the invitation to unlucky@example\.test/);
    const row = await server.context.database.db.selectFrom('invitations').select('revoked_at').where('email', '=', 'unlucky@example.test').executeTakeFirstOrThrow();
    assert.notEqual(row.revoked_at, null);

    server.context.config.smtpUrl = undefined;
    const page = await (await getAs(server, admin, '/newsroom/users')).text();
    assert.match(page, /Inviting by mail needs SMTP_URL/);
    assert.doesNotMatch(page, /name="inviteEmail"/);
    const noMail = await invite({ inviteEmail: 'nomail@example.test', inviteRole: 'author' });
    assert.equal(noMail.status, 422);
    const created = await postForm(server, admin, '/newsroom/users', { email: 'nomail@example.test', role: 'author' });
    assert.equal(created.status, 303, 'the one-time password path is still there');
    const user = await server.context.database.db.selectFrom('users').select('must_change_password').where('email', '=', 'nomail@example.test').executeTakeFirstOrThrow();
    assert.equal(Number(user.must_change_password), 1);
  });
});
