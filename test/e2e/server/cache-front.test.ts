import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { cacheFrontOf } from '#src/web/cache-front.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createAuthorFixture, createPublishedArticle, createSectionFixture, createTagFixture } from '../../support/factories.ts';
import { signedInAs } from '../../support/auth.ts';

/** An answer as it came off the wire: status, header lines in order (name and value as sent), body bytes. */
type RawAnswer = { status: number; headerLines: string[]; body: Buffer };

/** A request on a connection of its own; the header lines keep their order and case, Date left out (it is the clock's). */
function rawRequest(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headerLines: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          if (res.rawHeaders[i]!.toLowerCase() !== 'date') headerLines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
        }
        resolve({ status: res.statusCode!, headerLines, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The same URL with a query parameter the front declines and every page ignores: the framework answers it, from the same cache entry. */
function pastTheFront(path: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}via=framework`;
}

describe('the cache front', () => {
  let server: TestServer;
  const pages: Record<string, string> = {};
  const answered = () => cacheFrontOf(server.app)!.stats().answered;

  before(async () => {
    server = await startTestServer();
    const { context } = server;
    const section = await createSectionFixture(context);
    const tag = await createTagFixture(context);
    const author = await createAuthorFixture(context);
    let article = { path: '' };
    // Thirteen articles: the tag's list has a second page (twelve a page).
    for (let i = 0; i < 13; i++) article = await createPublishedArticle(context, { sectionId: section.id, tagIds: [tag.id], authorIds: [author.id] });
    const russian = await createPublishedArticle(context, { sectionId: section.id, language: 'ru', title: 'Новость на русском' });
    Object.assign(pages, {
      'Main Page': '/',
      section: `/${section.slug}`,
      tag: `/tag/${tag.slug}`,
      'tag, page 2': `/tag/${tag.slug}?page=2`,
      author: `/author/${author.slug}`,
      article: article.path,
      feed: '/feed.xml',
      'section feed': `/${section.slug}/atom.xml`,
      sitemap: '/sitemap.xml',
      robots: '/robots.txt',
      'ru Main Page': '/ru/',
      'ru section': `/ru/${section.slug}`,
      'ru article': `/ru${russian.path}`,
      'ru feed': '/ru/feed.json',
    });
  });
  after(() => server.close());

  it('answers every public page type byte for byte as the framework does, in every coding, for GET, HEAD and conditional GETs', async () => {
    for (const [name, path] of Object.entries(pages)) {
      const warm = await rawRequest(`${server.url}${path}`);
      assert.equal(warm.status, 200, `${name} ${path}`);
      const etag = /^etag: (.*)$/im.exec(warm.headerLines.join('\n'))?.[1];
      const lastModified = /^last-modified: (.*)$/im.exec(warm.headerLines.join('\n'))?.[1];
      type Variant = [string, { method?: string; headers?: Record<string, string> }];
      const variants: Variant[] = [
        ['identity', {}],
        ['br', { headers: { 'accept-encoding': 'gzip, deflate, br' } }],
        ['gzip', { headers: { 'accept-encoding': 'gzip' } }],
        ['HEAD', { method: 'HEAD', headers: { 'accept-encoding': 'br' } }],
        ['If-None-Match', { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag! } }],
        ['a stale If-None-Match', { headers: { 'if-none-match': '"not-this-one"' } }],
        ...(lastModified ? [['If-Modified-Since', { headers: { 'if-modified-since': lastModified } }] satisfies Variant] : []),
      ];
      for (const [variant, options] of variants) {
        const before = answered();
        const framework = await rawRequest(`${server.url}${pastTheFront(path)}`, options);
        assert.equal(answered(), before, `${name}, ${variant}: the framework answered the first`);
        const front = await rawRequest(`${server.url}${path}`, options);
        assert.equal(answered(), before + 1, `${name}, ${variant}: the front answered the second`);
        assert.deepEqual(front.headerLines, framework.headerLines, `${name} (${path}), ${variant}: the same header lines`);
        assert.equal(front.status, framework.status, `${name}, ${variant}`);
        assert.ok(front.body.equals(framework.body), `${name}, ${variant}: the same body bytes`);
      }
    }
  });

  it('answers 304 to a matching If-None-Match and If-Modified-Since, and the trailing-slash twin of a page', async () => {
    const feed = await rawRequest(`${server.url}/feed.xml`);
    const lastModified = /^last-modified: (.*)$/im.exec(feed.headerLines.join('\n'))![1]!;
    assert.equal((await rawRequest(`${server.url}/feed.xml`, { headers: { 'if-modified-since': lastModified } })).status, 304);
    const before = answered();
    const twin = await rawRequest(`${server.url}${pages.section}/`);
    assert.equal(twin.status, 200);
    assert.equal(answered(), before + 1, 'the front answered /section/ from the entry of /section');
    assert.equal((await rawRequest(`${server.url}/ru`)).status, 200);
    assert.equal(answered(), before + 2, 'and /ru from the entry of /ru/');
  });

  it('leaves to the framework other methods, other query strings, misses and paths in other forms', async () => {
    await rawRequest(`${server.url}${pages.article}`);
    const before = answered();
    assert.equal((await rawRequest(`${server.url}${pages.article}`, { method: 'POST' })).status, 404);
    assert.equal((await rawRequest(`${server.url}${pages.article}?utm_source=x`)).status, 200);
    assert.equal((await rawRequest(`${server.url}${pages.section}?page=1`)).status, 200);
    assert.equal((await rawRequest(`${server.url}/no-such-section/no-such-article`)).status, 404);
    assert.equal((await rawRequest(`${server.url}/healthz`)).status, 200);
    assert.equal(answered(), before, 'none of them came from the front');
  });

  it('never gives a signed-in person a cached page, nor a page of theirs to readers', async () => {
    const session = await signedInAs(server, 'editor');
    const path = pages.article!;
    await rawRequest(`${server.url}${path}`);
    const before = answered();
    const mine = await rawRequest(`${server.url}${path}`, { headers: { cookie: `theme=dark; ${session.cookie}` } });
    assert.equal(mine.status, 200);
    assert.ok(mine.headerLines.includes('cache-control: private, no-store'), mine.headerLines.join('\n'));
    assert.equal(answered(), before, 'the front did not answer the signed-in request');
    const reader = await rawRequest(`${server.url}${path}`, { headers: { cookie: 'theme=dark' } });
    assert.ok(reader.headerLines.some((line) => line.startsWith('cache-control: public')));
    assert.equal(answered(), before + 1, 'a reader with other cookies gets the cached page from the front');
  });
});
