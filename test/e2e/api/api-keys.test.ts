import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { findApiKeyById } from '#src/domain/api-keys/api-key-repository.ts';
import { createApiKeyService } from '#src/domain/api-keys/api-key-service.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { createUserService } from '#src/domain/people/user-service.ts';
import { adminActorOf, bearer, createApiKeyFixture, type ApiKeyFixture } from '../../support/api-keys.ts';
import { getAs, postForm, signedInAs, type HttpSession } from '../../support/auth.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { textBody } from './articles-client.ts';

type Answer<T = any> = { status: number; body: T; headers: Headers };

const KEY_PATTERN = /qk_[0-9a-f]{12}_[0-9A-Za-z]{43}/g;

describe('API keys on the Admin API', () => {
  let server: TestServer;
  let section: { id: number; slug: string };
  let admin: HttpSession;

  before(async () => {
    server = await startTestServer();
    section = await createSectionFixture(server.context);
    admin = await signedInAs(server, 'admin');
  });
  after(() => server.close());

  /** Sends JSON with the given headers (no cookie unless they carry one); answers status, parsed body and headers. */
  async function send<T = any>(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Answer<T>> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text && text.startsWith('{') ? JSON.parse(text) : text, headers: response.headers };
  }

  /** A JSON client speaking with `key` alone. */
  function as(key: ApiKeyFixture) {
    return <T = any>(method: string, path: string, body?: unknown) => send<T>(method, path, bearer(key.token), body);
  }

  async function counts() {
    const db = server.context.database.db;
    const articles = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const audit = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { articles: Number(articles.n), audit: Number(audit.n) };
  }

  async function auditOf(articleId: number) {
    return server.context.database.db
      .selectFrom('audit_log')
      .select(['action', 'user_id', 'details'])
      .where('subject_type', '=', 'article')
      .where('subject_id', '=', String(articleId))
      .orderBy('id')
      .execute();
  }

  it('drives the whole article workflow with keys alone: a contributor key writes and submits, an editor key approves, unpublishes and trashes', async () => {
    const contributor = as(await createApiKeyFixture(server.context, { role: 'contributor' }));
    const editorKey = await createApiKeyFixture(server.context, { role: 'editor' });
    const editor = as(editorKey);

    const created = await contributor<ArticleJson>('POST', '/api/admin/articles', { title: 'Filed by a machine', sectionId: section.id, body: textBody('First words.') });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    const updated = await contributor<ArticleJson>('PUT', `/api/admin/articles/${id}`, { version: created.body.version, standfirst: 'Now with a standfirst.' });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.equal(updated.body.standfirst, 'Now with a standfirst.');

    const refused = await contributor('POST', `/api/admin/articles/${id}/publish`, { version: updated.body.version });
    assert.equal(refused.status, 403, 'a contributor key may not publish');
    assert.equal((await contributor<ArticleJson>('GET', `/api/admin/articles/${id}`)).body.status, 'draft');

    const submitted = await contributor<ArticleJson>('POST', `/api/admin/articles/${id}/submit`, { version: updated.body.version });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    assert.equal(submitted.body.status, 'review');
    assert.equal((await contributor('POST', `/api/admin/articles/${id}/approve`, { version: submitted.body.version })).status, 403, 'only editors approve');

    const approved = await editor<ArticleJson>('POST', `/api/admin/articles/${id}/approve`, { version: submitted.body.version });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.status, 'published');
    assert.equal((await fetch(`${server.url}${approved.body.path}`)).status, 200, 'readers see it');

    const down = await editor<ArticleJson>('POST', `/api/admin/articles/${id}/unpublish`, { version: approved.body.version });
    assert.equal(down.status, 200, JSON.stringify(down.body));
    assert.equal(down.body.status, 'draft');
    assert.equal((await fetch(`${server.url}${approved.body.path}`, { redirect: 'manual' })).status, 404, 'readers no longer see it');

    const trashed = await editor<ArticleJson>('POST', `/api/admin/articles/${id}/trash`, { version: down.body.version });
    assert.equal(trashed.status, 200, JSON.stringify(trashed.body));
    assert.equal(trashed.body.status, 'trashed');

    // Each step is the editor key's, on behalf of its owner, and says so.
    const steps = (await auditOf(id)).filter((entry) => ['article.approve', 'article.unpublish', 'article.trash'].includes(entry.action));
    assert.deepEqual(
      steps.map((entry) => [entry.action, entry.user_id, JSON.parse(entry.details).apiKeyId]),
      [
        ['article.approve', editorKey.owner.id, editorKey.key.id],
        ['article.unpublish', editorKey.owner.id, editorKey.key.id],
        ['article.trash', editorKey.owner.id, editorKey.key.id],
      ],
    );
  });

  it('lets an author key publish, unpublish and trash its own article', async () => {
    const author = as(await createApiKeyFixture(server.context, { role: 'author' }));
    const created = await author<ArticleJson>('POST', '/api/admin/articles', { title: 'Straight to print', sectionId: section.id, body: textBody('Words.') });
    assert.equal(created.status, 201);
    const published = await author<ArticleJson>('POST', `/api/admin/articles/${created.body.id}/publish`, { version: created.body.version });
    assert.equal(published.status, 200, JSON.stringify(published.body));
    assert.equal(published.body.status, 'published');
    const down = await author<ArticleJson>('POST', `/api/admin/articles/${created.body.id}/unpublish`, { version: published.body.version });
    assert.equal(down.body.status, 'draft');
    const trashed = await author<ArticleJson>('POST', `/api/admin/articles/${created.body.id}/trash`, { version: down.body.version });
    assert.equal(trashed.body.status, 'trashed');
  });

  it('answers 401 JSON naming the problem for an expired key, and writes nothing', async () => {
    const owner = (await createApiKeyFixture(server.context, { role: 'editor' })).owner;
    // Made in the past with an expiry that has passed since.
    const { token } = await createApiKeyService(server.context).create(
      adminActorOf(owner),
      { name: 'Old key', role: 'editor', expiresAt: '2021-01-01T00:00:00Z' },
      Date.parse('2020-06-01T00:00:00Z'),
    );
    const before = await counts();
    const answer = await send('POST', '/api/admin/articles', bearer(token), { title: 'Should not exist', sectionId: section.id });
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error, 'unauthenticated');
    assert.match(answer.body.message, /expired on 2021-01-01/);
    assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token"/);
    assert.deepEqual(await counts(), before);
  });

  it('stops a key the moment an admin revokes it in the newsroom, and audits making and revoking it', async () => {
    const made = await postForm(server, admin, '/newsroom/api-keys', { name: 'Short-lived', role: 'author', expiresOn: '' });
    assert.equal(made.status, 201);
    const [token] = (await made.text()).match(KEY_PATTERN) ?? [];
    assert.ok(token, 'the new key is shown');
    const key = as({ token } as ApiKeyFixture);
    assert.equal((await key('GET', '/api/admin/articles')).status, 200);

    const row = await server.context.database.db.selectFrom('api_keys').select(['id', 'prefix']).where('prefix', '=', token.slice(3, 15)).executeTakeFirstOrThrow();
    const revoked = await postForm(server, admin, `/newsroom/api-keys/${row.id}/revoke`, {});
    assert.equal(revoked.status, 303);

    const before = await counts();
    const answer = await key('POST', '/api/admin/articles', { title: 'Too late', sectionId: section.id });
    assert.equal(answer.status, 401);
    assert.match(answer.body.message, /revoked on \d{4}-\d{2}-\d{2}/);
    assert.equal((await key('GET', '/api/admin/articles')).status, 401);
    assert.deepEqual(await counts(), before);

    const entries = await server.context.database.db
      .selectFrom('audit_log')
      .select(['action', 'user_id', 'details'])
      .where('subject_type', '=', 'api_key')
      .where('subject_id', '=', String(row.id))
      .orderBy('id')
      .execute();
    assert.deepEqual(
      entries.map((entry) => entry.action),
      ['api_key.created', 'api_key.revoked'],
    );
    for (const entry of entries) {
      assert.equal(entry.user_id, (admin as HttpSession & { user: { id: number } }).user.id);
      assert.equal(JSON.parse(entry.details).prefix, row.prefix);
      assert.ok(!entry.details.includes(token.slice(16)), 'the secret never reaches the audit log');
    }
  });

  it('answers 401 for unknown keys, a wrong secret, malformed keys and other schemes, naming the problem', async () => {
    const real = await createApiKeyFixture(server.context, { role: 'admin' });
    const wrongSecret = `${real.token.slice(0, 16)}${'A'.repeat(43)}`;
    const cases: Array<[string, RegExp]> = [
      [`Bearer qk_000000000000_${'B'.repeat(43)}`, /not known/],
      [`Bearer ${wrongSecret}`, /not known/],
      ['Bearer not-a-key', /not an API key/],
      ['Bearer ', /Authorization header must read/],
      [`Bearer ${real.token} extra`, /Authorization header must read/],
    ];
    for (const [authorization, message] of cases) {
      const answer = await send('GET', '/api/admin/articles', { authorization });
      assert.equal(answer.status, 401, authorization);
      assert.match(answer.body.message, message, authorization);
    }
    // The real key, in any case of the scheme name.
    assert.equal((await send('GET', '/api/admin/articles', { authorization: `bearer ${real.token}` })).status, 200);
  });

  it('leaves other Authorization schemes to the session, as behind a proxy’s Basic authentication', async () => {
    const basic = { authorization: `Basic ${Buffer.from('staging:secret').toString('base64')}` };
    const anonymous = await send('GET', '/api/admin/articles', basic);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.body.message, /sign in/);
    const withSession = await send<ArticleJson>('POST', '/api/admin/articles', { ...basic, cookie: admin.cookie, 'x-csrf-token': admin.csrfToken }, { title: 'Written on staging', sectionId: section.id });
    assert.equal(withSession.status, 201);
    const withoutToken = await send('POST', '/api/admin/articles', { ...basic, cookie: admin.cookie }, { title: 'Forged on staging', sectionId: section.id });
    assert.equal(withoutToken.status, 403, 'and its CSRF token is still required');
  });

  it('with a cookie AND a key, acts with the key alone: never the cookie’s rights, never without a token on the cookie’s behalf', async () => {
    const contributorKey = await createApiKeyFixture(server.context, { role: 'contributor' });
    const adminCookie = { cookie: admin.cookie };
    const draft = await as(await createApiKeyFixture(server.context, { role: 'editor' }))<ArticleJson>('POST', '/api/admin/articles', {
      title: 'Someone else’s draft',
      sectionId: section.id,
      body: textBody('Text.'),
    });
    const before = await counts();
    // The admin's session is not consulted: the contributor key may not publish another's draft.
    const mixed = await send('POST', `/api/admin/articles/${draft.body.id}/publish`, { ...adminCookie, ...bearer(contributorKey.token) }, { version: draft.body.version });
    assert.equal(mixed.status, 403);
    // A bad key next to a good cookie, without the CSRF token: 401, not the cookie's session.
    const forged = await send('POST', '/api/admin/articles', { ...adminCookie, authorization: 'Bearer qk_bogus' }, { title: 'Forged', sectionId: section.id });
    assert.equal(forged.status, 401);
    // And the cookie alone still needs its token.
    const cookieOnly = await send('POST', '/api/admin/articles', adminCookie, { title: 'Forged', sectionId: section.id });
    assert.equal(cookieOnly.status, 403);
    assert.match(cookieOnly.body.message, /CSRF/);
    assert.deepEqual(await counts(), before);
  });

  it('is accepted only on /api/admin: a newsroom page with a key but no session still asks to sign in', async () => {
    const key = await createApiKeyFixture(server.context, { role: 'admin' });
    const page = await fetch(`${server.url}/newsroom/api-keys`, { headers: bearer(key.token), redirect: 'manual' });
    assert.equal(page.status, 302);
    assert.match(page.headers.get('location') ?? '', /^\/newsroom\/login\?next=/);
  });

  it('acts for its owner and never beyond them: capped at the owner’s role, and dead with the owner’s account', async () => {
    const fixture = await createApiKeyFixture(server.context, { role: 'admin' });
    const key = as(fixture);
    const users = createUserService(server.context);
    assert.equal((await key('GET', '/api/admin/session')).body.user.role, 'admin');
    await users.changeRole(asSystem(), fixture.owner.id, 'author');
    assert.equal((await key('GET', '/api/admin/session')).body.user.role, 'author');
    const draft = await as(await createApiKeyFixture(server.context, { role: 'editor' }))<ArticleJson>('POST', '/api/admin/articles', { title: 'Not the owner’s', sectionId: section.id });
    assert.equal((await key('POST', `/api/admin/articles/${draft.body.id}/approve`, { version: draft.body.version })).status, 403);
    await users.setDisabled(asSystem(), fixture.owner.id, true);
    const answer = await key('GET', '/api/admin/articles');
    assert.equal(answer.status, 401);
    assert.match(answer.body.message, /account that made this API key is disabled/);
  });

  it('records the last use, without a write on every request', async () => {
    const fixture = await createApiKeyFixture(server.context, { role: 'contributor' });
    const key = as(fixture);
    assert.equal(fixture.key.lastUsedAt, null);
    await key('GET', '/api/admin/articles');
    const first = (await findApiKeyById(server.context.database.db, fixture.key.id))!.lastUsedAt;
    assert.ok(first, 'the first use is recorded');
    await key('GET', '/api/admin/articles');
    await key('GET', '/api/admin/articles');
    assert.equal((await findApiKeyById(server.context.database.db, fixture.key.id))!.lastUsedAt, first, 'uses within the minute write nothing');
  });
});

describe('the API keys page', () => {
  let server: TestServer;
  let admin: HttpSession;

  before(async () => {
    server = await startTestServer();
    admin = await signedInAs(server, 'admin');
  });
  after(() => server.close());

  it('shows a new key once, then lists it by prefix only, with its role, expiry and status', async () => {
    const made = await postForm(server, admin, '/newsroom/api-keys', { name: 'Mobile app', role: 'editor', expiresOn: '2999-12-31' });
    assert.equal(made.status, 201);
    assert.equal(made.headers.get('cache-control'), 'no-store');
    const html = await made.text();
    const tokens = html.match(KEY_PATTERN) ?? [];
    assert.equal(new Set(tokens).size, 1, 'one key shown');
    const token = tokens[0]!;
    assert.equal((await fetch(`${server.url}/api/admin/articles`, { headers: bearer(token) })).status, 200, 'the key shown works');

    const list = await (await getAs(server, admin, '/newsroom/api-keys')).text();
    assert.ok(!list.includes(token.slice(16)), 'the secret is never shown again');
    assert.match(list, new RegExp(`qk_${token.slice(3, 15)}_…`));
    assert.match(list, /Mobile app/);
    assert.match(list, /<td>editor<\/td>/);
    assert.match(list, /3000-01-01 00:00/, 'works until the end of the day asked for, in the site’s zone (Asia/Almaty)');
    assert.match(list, /nr-badge--published">active</);
  });

  it('refuses a form without a name, with an unknown role or a past or malformed expiry, naming the field', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ name: '', role: 'editor', expiresOn: '' }, 'name'],
      [{ name: 'X', role: 'overlord', expiresOn: '' }, 'role'],
      [{ name: 'X', role: 'editor', expiresOn: '2001-01-01' }, 'expiresOn'],
      [{ name: 'X', role: 'editor', expiresOn: '2027-02-30' }, 'expiresOn'],
      [{ name: 'X', role: 'editor', expiresOn: 'tomorrow' }, 'expiresOn'],
    ];
    for (const [fields, field] of cases) {
      const response = await postForm(server, admin, '/newsroom/api-keys', fields);
      assert.equal(response.status, 422, JSON.stringify(fields));
      const html = await response.text();
      assert.match(html, new RegExp(`id="f-${field}-error"`), `${JSON.stringify(fields)} names ${field}`);
      assert.equal(html.match(KEY_PATTERN), null, 'no key made');
    }
  });

  it('marks expired and revoked keys, and offers no revoke button for a revoked one', async () => {
    const fixture = await createApiKeyFixture(server.context, { role: 'author', name: 'Gone soon' });
    await createApiKeyService(server.context).revoke(adminActorOf(fixture.owner), fixture.key.id);
    await createApiKeyService(server.context).create(adminActorOf(fixture.owner), { name: 'Past it', role: 'author', expiresAt: '2021-01-01T00:00:00Z' }, Date.parse('2020-01-01T00:00:00Z'));
    const html = await (await getAs(server, admin, '/newsroom/api-keys')).text();
    assert.match(html, /nr-badge--trashed">revoked</);
    assert.match(html, /nr-badge--draft">expired</);
    assert.ok(!html.includes(`/newsroom/api-keys/${fixture.key.id}/revoke`));
  });

  it('answers 404 for revoking a key that does not exist, and 400 for an id that is not one', async () => {
    assert.equal((await postForm(server, admin, '/newsroom/api-keys/999999/revoke', {})).status, 404);
    assert.equal((await postForm(server, admin, '/newsroom/api-keys/abc/revoke', {})).status, 400);
  });

  it('refuses a form posted without the CSRF token', async () => {
    const response = await fetch(`${server.url}/newsroom/api-keys`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Forged', role: 'admin' }),
    });
    assert.equal(response.status, 403);
    const count = await server.context.database.db.selectFrom('api_keys').select('id').where('name', '=', 'Forged').execute();
    assert.equal(count.length, 0);
  });
});
