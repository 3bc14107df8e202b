import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createArticleFixture, createAuthorFixture, createImageFixture, createPublishedArticle, createSectionFixture, createTagFixture } from '../../support/factories.ts';

const CHECK_SITEMAPS = path.resolve('../shared/tools/check-sitemaps.sh');

/** Validates documents with xmllint against the shared sitemap XSDs. */
function checkSitemaps(documents: Record<string, string>): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-sitemap-'));
  const files = Object.entries(documents).map(([name, text]) => {
    const file = path.join(dir, name.replaceAll('/', '_'));
    fs.writeFileSync(file, text);
    return file;
  });
  const check = spawnSync('bash', [CHECK_SITEMAPS, ...files], { encoding: 'utf8' });
  assert.equal(check.status, 0, `${check.stdout}\n${check.stderr}`);
}

const locsOf = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);

describe('robots.txt and sitemaps', () => {
  let server: TestServer;
  let recent: { path: string };
  let old: { path: string };
  let tagSlug: string;
  let authorSlug: string;
  before(async () => {
    server = await startTestServer();
    const section = await createSectionFixture(server.context, { name: 'Economy' });
    const tag = await createTagFixture(server.context);
    const unusedTag = await createTagFixture(server.context);
    const author = await createAuthorFixture(server.context);
    const image = await createImageFixture(server.context, { caption: 'Wheat & barley at harvest' });
    tagSlug = tag.slug;
    authorSlug = author.slug;
    void unusedTag;
    old = await createPublishedArticle(server.context, { sectionId: section.id, title: 'An old story', publishedAt: '2023-02-08T04:28:00.000Z', tagIds: [tag.id], authorIds: [author.id] });
    await createPublishedArticle(server.context, { sectionId: section.id, publishedAt: '2023-02-20T04:28:00.000Z' });
    await createPublishedArticle(server.context, { sectionId: section.id, publishedAt: '2024-03-01T10:00:00.000Z' });
    recent = await createPublishedArticle(server.context, { sectionId: section.id, title: 'Fresh news', leadMediaId: image.id, leadCaption: '' });
    await createArticleFixture(server.context, { sectionId: section.id, title: 'A draft', tagIds: [unusedTag.id] });
    await createArticleFixture(server.context, { title: 'Tomorrow', status: 'published', publishedAt: new Date(Date.now() + 86_400_000).toISOString() });
  });
  after(() => server.close());

  const text = async (p: string) => {
    const response = await fetch(`${server.url}${p}`);
    assert.equal(response.status, 200, p);
    return response.text();
  };

  it('robots.txt names the sitemap index and keeps crawlers out of the newsroom, APIs and search', async () => {
    const robots = await text('/robots.txt');
    assert.match(robots, new RegExp(`^Sitemap: ${server.url}/sitemap.xml$`, 'm'));
    for (const p of ['/newsroom/', '/api/', '/search', '/ru/search', '/kk-latn/search']) assert.match(robots, new RegExp(`^Disallow: ${p}$`, 'm'));
  });

  it('the index lists a file per month with articles, the news, pages, tags and authors; every file validates against the XSDs', async () => {
    const index = await text('/sitemap.xml');
    const files = locsOf(index).map((u) => new URL(u).pathname);
    assert.deepEqual(files.filter((f) => f.includes('articles-')), ['/sitemaps/articles-2023-02.xml', '/sitemaps/articles-2024-03.xml', `/sitemaps/articles-${new Date().toISOString().slice(0, 7)}.xml`]);
    for (const f of ['/sitemaps/pages.xml', '/sitemaps/news.xml', '/sitemaps/tags.xml', '/sitemaps/authors.xml']) assert.ok(files.includes(f), f);
    const documents: Record<string, string> = { 'index.xml': index };
    for (const f of files) documents[f] = await text(f);
    checkSitemaps(documents);
  });

  it('a month lists its published articles only; the news sitemap the last 48 hours with the publication and language', async () => {
    const february = locsOf(await text('/sitemaps/articles-2023-02.xml'));
    assert.equal(february.length, 2);
    assert.ok(february.includes(`${server.url}${old.path}`));
    const news = await text('/sitemaps/news.xml');
    assert.deepEqual(locsOf(news).filter((l) => !l.includes('/media/')), [`${server.url}${recent.path}`]);
    assert.match(news, /<news:language>en<\/news:language>/);
    assert.match(news, /<news:title>Fresh news<\/news:title>/);
    assert.match(news, /<image:caption>Wheat &amp; barley at harvest<\/image:caption>/);
    assert.doesNotMatch(news, /Tomorrow|A draft/);
  });

  it('tags and authors with published articles are listed; one used only by a draft is not', async () => {
    const tags = locsOf(await text('/sitemaps/tags.xml'));
    assert.deepEqual(tags, [`${server.url}/tag/${tagSlug}`]);
    assert.deepEqual(locsOf(await text('/sitemaps/authors.xml')), [`${server.url}/author/${authorSlug}`]);
  });

  it('an unknown or empty sitemap is a 404', async () => {
    for (const p of ['/sitemaps/articles-2019-01.xml', '/sitemaps/articles-2023-13.xml', '/sitemaps/articles-2023-02-2.xml', '/sitemaps/nothing.xml', '/sitemaps/tags-0.xml', '/sitemaps/..%2Fsecret.xml']) {
      assert.equal((await fetch(`${server.url}${p}`)).status, 404, p);
    }
  });
});
