import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isLicensed, licenceCheckAt } from '#src/domain/licences/licence-check.ts';
import { createLicenceService } from '#src/domain/licences/licence-service.ts';
import { createPartnerService } from '#src/domain/licences/partner-service.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { createApiKeyService } from '#src/domain/api-keys/api-key-service.ts';
import { adminActorOf, bearer, createApiKeyFixture } from '../../support/api-keys.ts';
import { createArticleFixture, createPublishedArticle, createSectionFixture, paragraphsBody } from '../../support/factories.ts';
import { createLicenceFixture, createLicenceRequestFixture, createPartnerFixture, uniqueDomain } from '../../support/licences.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, type ApiUser } from './articles-client.ts';

const A_YEAR = 365 * 24 * 3600 * 1000;
const inAYear = () => new Date(Date.now() + A_YEAR).toISOString();

/** Audit entries of one action about one subject. */
function auditOf(server: TestServer, action: string, subjectId: number) {
  return server.context.database.db.selectFrom('audit_log').selectAll().where('action', '=', action as never).where('subject_id', '=', String(subjectId)).execute();
}

describe('licences through the Admin API', () => {
  let server: TestServer;
  let editor: ApiUser;
  let admin: ApiUser;

  before(async () => {
    server = await startTestServer();
    editor = await apiUser(server, 'editor');
    admin = await apiUser(server, 'admin');
  });
  after(() => server?.close());

  it('files a request for a published article, naming who asks, and audits it', async () => {
    const article = await createPublishedArticle(server.context, { title: 'Steppe wind farms' });
    const domain = uniqueDomain('daily');
    const { status, body } = await editor.call('POST', '/api/admin/licences/requests', {
      articleId: article.id,
      organisation: 'Daily Steppe',
      contactName: 'Aliya',
      contactEmail: `aliya@${domain}`,
      domain: `https://www.${domain}/news`,
      message: 'For our weekend edition.',
    });
    assert.equal(status, 201, JSON.stringify(body));
    assert.equal(body.status, 'pending');
    assert.equal(body.domain, domain);
    assert.equal(body.source, 'api');
    assert.equal(body.article.title, 'Steppe wind farms');
    assert.equal((await auditOf(server, 'licence.requested', body.id)).length, 1);
  });

  it('refuses a request naming the field at fault: missing details, a bad domain, an article readers cannot see', async () => {
    const article = await createPublishedArticle(server.context);
    const draft = await createArticleFixture(server.context, { status: 'draft' });
    const base = { articleId: article.id, organisation: 'Org', contactName: 'Name', contactEmail: 'a@b.kz', domain: 'partner.kz' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, organisation: undefined }, 'organisation'],
      [{ ...base, contactEmail: 'not an address' }, 'contactEmail'],
      [{ ...base, domain: '10.1.2.3' }, 'domain'],
      [{ ...base, domain: 'localhost' }, 'domain'],
      [{ ...base, articleId: draft.id }, 'articleId'],
    ];
    for (const [input, field] of cases) {
      const { status, body } = await editor.call('POST', '/api/admin/licences/requests', input);
      assert.ok(status === 400 || status === 422, `${field}: ${status}`);
      assert.equal(body.field, field, JSON.stringify(body));
    }
  });

  it('lets a partner’s own key ask with the article alone: its partner’s details fill the rest', async () => {
    const { key, token } = await createApiKeyFixture(server.context, { role: 'contributor', name: 'Partner feed key' });
    const partner = await createPartnerFixture(server.context, { apiKeyId: key.id, organisation: 'Keyed Partner' });
    const article = await createPublishedArticle(server.context);
    const response = await fetch(`${server.url}/api/admin/licences/requests`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify({ articleId: article.id }),
    });
    const body = await response.json();
    assert.equal(response.status, 201, JSON.stringify(body));
    assert.deepEqual(body.partner, { id: partner.id, organisation: 'Keyed Partner' });
    assert.equal(body.domain, partner.domains[0]);
    assert.equal(body.contactEmail, partner.contactEmail);
  });

  it('approves a request into a licence for a new partner made from it, once; a second decision is a 409', async () => {
    const request = await createLicenceRequestFixture(server.context, { organisation: 'New Publisher' });
    const expiresAt = inAYear();
    const { status, body } = await editor.call('POST', `/api/admin/licences/requests/${request.id}/approve`, { scope: 'article', expiresAt, note: 'Keep the byline.' });
    assert.equal(status, 201, JSON.stringify(body));
    assert.equal(body.request.status, 'approved');
    assert.equal(body.request.licenceId, body.licence.id);
    assert.equal(body.licence.scope, 'article');
    assert.equal(body.licence.article.id, request.article.id);
    assert.equal(body.licence.expiresAt, new Date(expiresAt).toISOString());
    assert.equal(body.licence.partner.organisation, 'New Publisher');
    const partner = await editor.call('GET', `/api/admin/partners/${body.licence.partner.id}`);
    assert.deepEqual(partner.body.domains, [request.domain]);
    assert.equal((await auditOf(server, 'licence.approved', request.id)).length, 1);
    assert.equal((await auditOf(server, 'partner.created', body.licence.partner.id)).length, 1);

    const again = await editor.call('POST', `/api/admin/licences/requests/${request.id}/deny`, { note: 'Changed our mind.' });
    assert.equal(again.status, 409);
  });

  it('gives the licence to the partner already holding the request’s domain', async () => {
    const partner = await createPartnerFixture(server.context);
    const request = await createLicenceRequestFixture(server.context, { domain: partner.domains[0] });
    const { body } = await editor.call('POST', `/api/admin/licences/requests/${request.id}/approve`, { scope: 'all', expiresAt: inAYear() });
    assert.equal(body.licence.partner.id, partner.id);
  });

  it('refuses an approval that expires in the past, or names no section, naming the field', async () => {
    const request = await createLicenceRequestFixture(server.context);
    const past = await editor.call('POST', `/api/admin/licences/requests/${request.id}/approve`, { scope: 'article', expiresAt: '2020-01-01T00:00:00Z' });
    assert.equal(past.status, 422);
    assert.equal(past.body.field, 'expiresAt');
    const section = await editor.call('POST', `/api/admin/licences/requests/${request.id}/approve`, { scope: 'section', sectionId: 2_000_000_000, expiresAt: inAYear() });
    assert.equal(section.status, 422);
    assert.equal(section.body.field, 'sectionId');
    assert.equal((await editor.call('GET', `/api/admin/licences/requests/${request.id}`)).body.status, 'pending');
  });

  it('denies a request with its reason, which is required', async () => {
    const request = await createLicenceRequestFixture(server.context);
    const empty = await editor.call('POST', `/api/admin/licences/requests/${request.id}/deny`, { note: '  ' });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.field, 'note');
    const { status, body } = await editor.call('POST', `/api/admin/licences/requests/${request.id}/deny`, { note: 'We do not syndicate this series.' });
    assert.equal(status, 200);
    assert.equal(body.status, 'denied');
    assert.equal(body.decisionNote, 'We do not syndicate this series.');
    const queue = await editor.call('GET', '/api/admin/licences/requests?status=denied');
    assert.ok(queue.body.items.some((r: { id: number }) => r.id === request.id));
    assert.equal((await auditOf(server, 'licence.denied', request.id)).length, 1);
  });

  it('lists the pending queue oldest first', async () => {
    const first = await createLicenceRequestFixture(server.context);
    const second = await createLicenceRequestFixture(server.context);
    const { body } = await editor.call('GET', '/api/admin/licences/requests');
    const ids = body.items.map((r: { id: number }) => r.id);
    assert.ok(ids.indexOf(first.id) < ids.indexOf(second.id));
    assert.ok(body.items.every((r: { status: string }) => r.status === 'pending'));
  });

  it('revokes a licence once, and audits it', async () => {
    const { licence } = await createLicenceFixture(server.context);
    const first = await editor.call('POST', `/api/admin/licences/${licence.id}/revoke`);
    assert.equal(first.status, 200);
    assert.ok(first.body.revokedAt);
    const second = await editor.call('POST', `/api/admin/licences/${licence.id}/revoke`);
    assert.equal(second.body.revokedAt, first.body.revokedAt);
    assert.equal((await auditOf(server, 'licence.revoked', licence.id)).length, 1);
  });

  it('manages partners: domains checked, normalised and held by one partner; the feed key only by admins', async () => {
    const domain = uniqueDomain('kazinform');
    const created = await editor.call('POST', '/api/admin/partners', {
      organisation: 'Kaz Inform',
      contactName: 'Erlan',
      contactEmail: 'erlan@example.kz',
      domains: [`HTTPS://WWW.${domain.toUpperCase()}/`, `news.${domain}`, domain],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(created.body.domains, [domain, `news.${domain}`].sort());

    const taken = await editor.call('POST', '/api/admin/partners', { organisation: 'Copycat', contactName: 'X', contactEmail: 'x@example.kz', domains: [domain] });
    assert.equal(taken.status, 422);
    assert.equal(taken.body.field, 'domains');
    assert.match(taken.body.message, /already belongs to Kaz Inform/);

    const bad = await editor.call('PATCH', `/api/admin/partners/${created.body.id}`, { domains: ['192.168.0.1'] });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.field, 'domains');

    const { key } = await createApiKeyFixture(server.context, { role: 'contributor' });
    const byEditor = await editor.call('PATCH', `/api/admin/partners/${created.body.id}`, { apiKeyId: key.id });
    assert.equal(byEditor.status, 403);
    const byAdmin = await admin.call('PATCH', `/api/admin/partners/${created.body.id}`, { apiKeyId: key.id, contactName: 'Erlan B.' });
    assert.equal(byAdmin.status, 200, JSON.stringify(byAdmin.body));
    assert.equal(byAdmin.body.apiKey.id, key.id);
    assert.equal(byAdmin.body.contactName, 'Erlan B.');
    const audit = await auditOf(server, 'partner.updated', created.body.id);
    assert.deepEqual(JSON.parse(audit.at(-1)!.details).changed.sort(), ['apiKeyId', 'contactName']);

    const other = await createPartnerFixture(server.context);
    const shared = await admin.call('PATCH', `/api/admin/partners/${other.id}`, { apiKeyId: key.id });
    assert.equal(shared.status, 422);
    assert.equal(shared.body.field, 'apiKeyId');
    const revoked = await createApiKeyFixture(server.context, { role: 'contributor' });
    await createApiKeyService(server.context).revoke(adminActorOf(revoked.owner), revoked.key.id);
    const dead = await admin.call('PATCH', `/api/admin/partners/${other.id}`, { apiKeyId: revoked.key.id });
    assert.equal(dead.status, 422);
    assert.equal(dead.body.field, 'apiKeyId');
  });
});

describe('isLicensed: whether a licence covers a page’s copy of an article', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server?.close());

  const check = (pageUrl: string, articleId: number, at = new Date().toISOString()) => isLicensed(server.context.database.db, pageUrl, articleId, at);

  it('covers the partner’s domains and their subdomains, and no other host', async () => {
    const domain = uniqueDomain();
    const article = await createPublishedArticle(server.context);
    await createLicenceFixture(server.context, { articleId: article.id, domain });
    assert.equal(await check(`https://${domain}/2026/copy.html`, article.id), true);
    assert.equal(await check(`http://news.${domain.toUpperCase()}./copy`, article.id), true);
    assert.equal(await check(`https://${domain}.evil.example/copy`, article.id), false);
    assert.equal(await check(`https://not${domain}/copy`, article.id), false);
    assert.equal(await check('not a url', article.id), false);
    assert.equal(await check(`ftp://${domain}/copy`, article.id), false);
    // The reuse checker's shape: article first, and a page of unknown address is never licensed.
    const forChecker = licenceCheckAt(server.context.database.db, new Date().toISOString());
    assert.equal(await forChecker(article.id, `https://${domain}/copy`), true);
    assert.equal(await forChecker(article.id, null), false);
  });

  it('covers what its scope says: one article, a section with its subsections, or everything', async () => {
    const parent = await createSectionFixture(server.context);
    const child = await createSectionFixture(server.context, { parentId: parent.id });
    const other = await createSectionFixture(server.context);
    const inChild = await createPublishedArticle(server.context, { sectionId: child.id });
    const inParent = await createPublishedArticle(server.context, { sectionId: parent.id });
    const elsewhere = await createPublishedArticle(server.context, { sectionId: other.id });

    const articleDomain = uniqueDomain();
    await createLicenceFixture(server.context, { articleId: inParent.id, domain: articleDomain, scope: 'article' });
    assert.equal(await check(`https://${articleDomain}/a`, inParent.id), true);
    assert.equal(await check(`https://${articleDomain}/a`, inChild.id), false);

    const sectionDomain = uniqueDomain();
    await createLicenceFixture(server.context, { articleId: inParent.id, domain: sectionDomain, scope: 'section' });
    assert.equal(await check(`https://${sectionDomain}/a`, inParent.id), true);
    assert.equal(await check(`https://${sectionDomain}/a`, inChild.id), true);
    assert.equal(await check(`https://${sectionDomain}/a`, elsewhere.id), false);

    const childOnly = uniqueDomain();
    await createLicenceFixture(server.context, { articleId: inParent.id, domain: childOnly, scope: 'section', sectionId: child.id });
    assert.equal(await check(`https://${childOnly}/a`, inChild.id), true);
    assert.equal(await check(`https://${childOnly}/a`, inParent.id), false);

    const allDomain = uniqueDomain();
    await createLicenceFixture(server.context, { articleId: inParent.id, domain: allDomain, scope: 'all' });
    assert.equal(await check(`https://${allDomain}/a`, elsewhere.id), true);
  });

  it('holds from approval up to its expiry, and not after it is revoked', async () => {
    const domain = uniqueDomain();
    const article = await createPublishedArticle(server.context);
    const approvedAt = '2026-01-10T09:00:00.000Z';
    const expiresAt = '2026-03-01T00:00:00.000Z';
    const { licence } = await createLicenceFixture(server.context, { articleId: article.id, domain, expiresAt, now: approvedAt });
    const page = `https://${domain}/copy`;
    assert.equal(await check(page, article.id, '2026-01-10T08:59:59.999Z'), false);
    assert.equal(await check(page, article.id, approvedAt), true);
    assert.equal(await check(page, article.id, '2026-02-28T23:59:59.999Z'), true);
    assert.equal(await check(page, article.id, expiresAt), false);

    await createLicenceService(server.context).revoke(asSystem(), licence.id, '2026-02-01T00:00:00.000Z');
    assert.equal(await check(page, article.id, '2026-01-31T23:59:59.999Z'), true);
    assert.equal(await check(page, article.id, '2026-02-01T00:00:00.000Z'), false);
  });

  it('answers false for a host no partner holds, and for a partner without licences', async () => {
    const article = await createPublishedArticle(server.context);
    const partner = await createPartnerFixture(server.context);
    assert.equal(await check(`https://${partner.domains[0]}/copy`, article.id), false);
    assert.equal(await check(`https://${uniqueDomain()}/copy`, article.id), false);
  });
});

describe('a partner’s syndication feed', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server?.close());

  /** A partner with a feed key and an article licence; answers the key and the licensed article. */
  async function licensedPartner(options: { scope?: 'article' | 'section' | 'all'; language?: string; title?: string } = {}) {
    const { key, token } = await createApiKeyFixture(server.context, { role: 'contributor' });
    const partner = await createPartnerFixture(server.context, { apiKeyId: key.id, organisation: 'Feed Partner' });
    const article = await createPublishedArticle(server.context, {
      title: options.title ?? 'Licensed story',
      language: options.language ?? 'en',
      body: paragraphsBody(['The whole licensed text, every paragraph of it.', 'A second paragraph.']),
    });
    await createLicenceFixture(server.context, { articleId: article.id, domain: partner.domains[0], scope: options.scope ?? 'article' });
    return { token, partner, article };
  }

  it('needs a partner’s API key as Bearer', async () => {
    const anonymous = await fetch(`${server.url}/api/partner/syndication/feed.xml`);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Bearer/);
    const wrong = await fetch(`${server.url}/api/partner/syndication/feed.xml`, { headers: bearer('qk_000000000000_notakeyatall0000000000000000000000000000000') });
    assert.equal(wrong.status, 401);
    const { token } = await createApiKeyFixture(server.context, { role: 'contributor' });
    const unlinked = await fetch(`${server.url}/api/partner/syndication/feed.xml`, { headers: bearer(token) });
    assert.equal(unlinked.status, 403);
  });

  it('carries the full text of what the licences cover, with each article’s terms, and nothing else', async () => {
    const { token, article } = await licensedPartner({ title: 'Licensed story' });
    const unlicensed = await createPublishedArticle(server.context, { title: 'Not licensed story' });
    const response = await fetch(`${server.url}/api/partner/syndication/feed.xml`, { headers: bearer(token) });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/rss\+xml/);
    assert.equal(response.headers.get('cache-control'), 'private, no-store');
    const xml = await response.text();
    assert.match(xml, /Licensed story/);
    assert.match(xml, /The whole licensed text, every paragraph of it\./);
    assert.match(xml, /Republished in full under licence No\. \d+ from Qalam News to Feed Partner, valid until/);
    assert.ok(xml.includes(`${server.url}${article.path}`));
    assert.doesNotMatch(xml, /Not licensed story/);
    assert.ok(unlicensed.id > 0);

    const json = await fetch(`${server.url}/api/partner/syndication/feed.json`, { headers: bearer(token) });
    const feed = (await json.json()) as { items: Array<{ title: string; content_html: string }> };
    assert.deepEqual(feed.items.map((i) => i.title), ['Licensed story']);
    const atom = await fetch(`${server.url}/api/partner/syndication/atom.xml`, { headers: bearer(token) });
    assert.match(await atom.text(), /<feed[^>]*xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
  });

  it('serves one language per feed, with the terms in that language', async () => {
    const { token } = await licensedPartner({ scope: 'all', language: 'ru', title: 'Лицензированная статья' });
    const english = await (await fetch(`${server.url}/api/partner/syndication/feed.xml`, { headers: bearer(token) })).text();
    assert.doesNotMatch(english, /Лицензированная статья/);
    const russian = await (await fetch(`${server.url}/api/partner/syndication/feed.xml?language=ru`, { headers: bearer(token) })).text();
    assert.match(russian, /Лицензированная статья/);
    assert.match(russian, /Перепечатано целиком по лицензии № \d+/);
    assert.match(russian, /<language>ru<\/language>/);
    const unknown = await fetch(`${server.url}/api/partner/syndication/feed.xml?language=de`, { headers: bearer(token) });
    assert.equal(unknown.status, 422);
    assert.equal(((await unknown.json()) as { field: string }).field, 'language');
  });

  it('drops what a revoked licence covered', async () => {
    const { token, partner } = await licensedPartner({ title: 'Soon revoked story' });
    const [licence] = await createLicenceService(server.context).listLicences(asSystem(), partner.id);
    await createLicenceService(server.context).revoke(asSystem(), licence!.id);
    const xml = await (await fetch(`${server.url}/api/partner/syndication/feed.xml`, { headers: bearer(token) })).text();
    assert.doesNotMatch(xml, /Soon revoked story/);
    assert.match(xml, /<channel>/);
  });

  it('is linked to one partner per key: a key already reading a feed cannot be given to another', async () => {
    const { partner } = await licensedPartner();
    const other = await createPartnerFixture(server.context);
    await assert.rejects(createPartnerService(server.context).update(asSystem(), other.id, { apiKeyId: partner.apiKey!.id }), /already reads another partner/);
  });
});
