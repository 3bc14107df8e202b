import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import {
  createArticleFixture,
  createAuthorFixture,
  createImageFixture,
  createPublishedArticle,
  createSectionFixture,
  createTagFixture,
  paragraphsBody,
} from '../../support/factories.ts';

const CHECK_FEEDS = path.resolve('../shared/tools/check-feeds.sh');

/** Runs the shared feed checkers (feedparser, rss-parser, @rowanmanning/feed-parser) over some documents. */
function checkFeeds(documents: Record<string, string>): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-feed-'));
  const files = Object.entries(documents).map(([name, text]) => {
    const file = path.join(dir, name.replaceAll('/', '_'));
    fs.writeFileSync(file, text);
    return file;
  });
  const check = spawnSync('bash', [CHECK_FEEDS, ...files], { encoding: 'utf8' });
  assert.equal(check.status, 0, `${check.stdout}\n${check.stderr}`);
}

describe('feeds: RSS, Atom and JSON Feed of the site, sections, tags and authors', () => {
  let server: TestServer;
  let sectionSlug: string;
  let tagSlug: string;
  let authorSlug: string;
  before(async () => {
    server = await startTestServer();
    const section = await createSectionFixture(server.context, { name: 'Economy', description: 'Business and work.' });
    const other = await createSectionFixture(server.context, { name: 'Sport' });
    const tag = await createTagFixture(server.context, { name: 'Water' });
    const author = await createAuthorFixture(server.context, { name: 'Dana Writer', bio: 'Covers rivers.' });
    const image = await createImageFixture(server.context, { caption: 'The dam at dawn', credit: 'Photo: Desk' });
    sectionSlug = section.slug;
    tagSlug = tag.slug;
    authorSlug = author.slug;
    await createPublishedArticle(server.context, {
      sectionId: section.id,
      title: 'Older story & <its> "quotes"',
      standfirst: 'A standfirst with a control char \u0001 that XML forbids.',
      publishedAt: '2024-02-20T04:00:00.000Z',
      tagIds: [tag.id],
      authorIds: [author.id],
      leadMediaId: image.id,
    });
    await createPublishedArticle(server.context, {
      sectionId: other.id,
      title: 'Newest story',
      body: paragraphsBody(['BODY-TEXT-THAT-MUST-NOT-LEAK into the feed.']),
    });
    await createArticleFixture(server.context, { sectionId: section.id, title: 'A draft nobody may see', tagIds: [tag.id] });
    await createArticleFixture(server.context, { title: 'A story for tomorrow', status: 'published', publishedAt: new Date(Date.now() + 86_400_000).toISOString() });
  });
  after(() => server.close());

  const get = (p: string, headers: Record<string, string> = {}) => fetch(`${server.url}${p}`, { headers });

  it('answers every feed of every subject in the three formats, which the feed parsers accept', async () => {
    const xml: Record<string, string> = {};
    for (const page of ['', `/${sectionSlug}`, `/tag/${tagSlug}`, `/author/${authorSlug}`]) {
      for (const [file, type] of [
        ['feed.xml', /^application\/rss\+xml/],
        ['atom.xml', /^application\/atom\+xml/],
        ['feed.json', /^application\/feed\+json/],
      ] as const) {
        const response = await get(`${page}/${file}`);
        assert.equal(response.status, 200, `${page}/${file}`);
        assert.match(response.headers.get('content-type') ?? '', type);
        const text = await response.text();
        if (file === 'feed.json') {
          const doc = JSON.parse(text) as { version: string; title: string; items: Array<{ id: string; url: string; title: string; date_published: string }> };
          assert.equal(doc.version, 'https://jsonfeed.org/version/1.1');
          assert.ok(doc.items.length > 0 && doc.items.every((i) => i.id && i.url.startsWith(server.url) && i.title && i.date_published), `${page}/${file}`);
        } else {
          xml[`${page || '/site'}/${file}`] = text;
        }
      }
    }
    checkFeeds(xml);
  });

  it('lists published articles newest first, escaped, without drafts or future ones', async () => {
    const feed = await (await get('/feed.xml')).text();
    // Titles as an XML reader gets them: CDATA sections keep markup in a title from being markup.
    const titles = [...feed.matchAll(/<item>\s*<title><!\[CDATA\[(.*?)\]\]><\/title>/g)].map((m) => m[1]);
    assert.deepEqual(titles, ['Newest story', 'Older story & <its> "quotes"']);
    assert.doesNotMatch(feed, /\u0001/);
    assert.match(feed, /<pubDate>Tue, 20 Feb 2024 04:00:00 GMT<\/pubDate>/);
  });

  it('keeps each subject to its own articles', async () => {
    const section = await (await get(`/${sectionSlug}/feed.json`)).json() as { title: string; items: Array<{ title: string }> };
    assert.deepEqual(section.items.map((i) => i.title), ['Older story & <its> "quotes"']);
    assert.match(section.title, /^Economy \| /);
    const tag = await (await get(`/tag/${tagSlug}/atom.xml`)).text();
    assert.doesNotMatch(tag, /A draft nobody may see|Newest story/);
  });

  it('carries authors, categories, the lead image with its credit, and standfirsts, never the full text (the reuse policy)', async () => {
    const rss = await (await get('/feed.xml')).text();
    assert.doesNotMatch(rss, /BODY-TEXT-THAT-MUST-NOT-LEAK/);
    assert.match(rss, new RegExp(`<link>${server.url}/[a-z0-9-]+/[a-z0-9-]+</link>`));
    const enclosure = rss.match(/<enclosure [^>]*\/>/)?.[0] ?? '';
    assert.match(enclosure, new RegExp(`url="${server.url}/media/[^"]+"`));
    assert.match(enclosure, /type="image\/jpeg"/);
    assert.match(rss, /<category>(<!\[CDATA\[)?Water/);
    const json = await (await get('/feed.json')).json() as { items: Array<{ title: string; authors?: Array<{ name: string }>; image?: string; date_modified: string }> };
    const older = json.items.find((i) => i.title.startsWith('Older'))!;
    assert.deepEqual(older.authors?.map((a) => a.name), ['Dana Writer']);
    assert.ok(older.image?.includes('/media/'));
    const atom = await (await get('/atom.xml')).text();
    assert.match(atom, /<link rel="enclosure" [^>]*title="The dam at dawn — Photo: Desk"/);
    assert.match(atom, /<published>2024-02-20T04:00:00.000Z<\/published>/);
  });

  it('answers conditional GETs with 304 (ETag and Last-Modified)', async () => {
    const first = await get('/atom.xml');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    assert.ok(etag && lastModified);
    assert.equal((await get('/atom.xml', { 'if-none-match': etag })).status, 304);
    assert.equal((await get('/atom.xml', { 'if-modified-since': lastModified })).status, 304);
    assert.equal((await get('/atom.xml', { 'if-modified-since': 'Thu, 01 Jan 2015 00:00:00 GMT' })).status, 200);
    // If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3): a stale tag gets the document.
    assert.equal((await get('/atom.xml', { 'if-none-match': '"stale"', 'if-modified-since': lastModified })).status, 200);
  });

  it('answers 404 for the feed of an unknown section, tag or author', async () => {
    for (const p of ['/no-such-section/feed.xml', '/tag/no-such-tag/atom.xml', '/author/nobody/feed.json', '/tag/Bad%20Slug/feed.xml']) {
      assert.equal((await get(p)).status, 404, p);
    }
  });
});

describe('feeds with the full text (a setting, off by default)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    const section = await createSectionFixture(server.context, { name: 'Culture' });
    const image = await createImageFixture(server.context, { caption: 'The stage', credit: 'Photo: Desk' });
    await createPublishedArticle(server.context, {
      sectionId: section.id,
      title: 'A premiere in Almaty',
      body: {
        type: 'doc',
        content: [
          ...paragraphsBody(['FULL-TEXT-FIRST-PARAGRAPH & more.']).content,
          { type: 'figure', attrs: { mediaId: image.id, caption: 'Curtain call', credit: '', alt: 'Actors bowing' } },
        ],
      },
    });
    await createPublishedArticle(server.context, { sectionId: section.id, language: 'ru', title: 'Премьера в Алматы', body: paragraphsBody(['ПОЛНЫЙ-ТЕКСТ статьи.']) });
  });
  after(() => server.close());

  const text = async (p: string) => (await fetch(`${server.url}${p}`)).text();

  /** Turns the setting on or off as an admin would, with a Russian notice of its own. */
  async function setFullText(on: boolean): Promise<void> {
    const { createSettingsService } = await import('#src/domain/settings/settings-service.ts');
    const { asSystem } = await import('#src/domain/people/actor.ts');
    const settings = createSettingsService(server.context);
    const current = await settings.get(asSystem());
    await settings.update(asSystem(), { ...current, feedsFullText: on, localized: { ru: { reusePolicyText: 'Перепечатка: не более {share}% текста со ссылкой на {site}.' } } });
  }

  it('carries each body as the page renders it, then the republication notice in the feed’s language, in every format, once the setting is on', async () => {
    assert.doesNotMatch(await text('/feed.xml'), /FULL-TEXT-FIRST-PARAGRAPH/, 'off by default: standfirsts only');
    await setFullText(true);

    const rss = await text('/feed.xml');
    const encoded = /<content:encoded><!\[CDATA\[([\s\S]*?)\]\]><\/content:encoded>/.exec(rss)?.[1] ?? '';
    assert.match(encoded, /<p>FULL-TEXT-FIRST-PARAGRAPH &amp; more\.<\/p>/);
    assert.match(encoded, new RegExp(`<figure[\\s\\S]*src="${server.url}/media/`), 'figures with absolute image URLs');
    assert.match(encoded, /<p><em>Only 30% of an article published on Qalam News may be used, with a mandatory hyperlink to the original\.[^<]*<\/em><\/p>$/, 'the notice follows the text');
    assert.ok(encoded.indexOf('FULL-TEXT-FIRST-PARAGRAPH') < encoded.indexOf('Only 30%'));

    const atom = await text('/atom.xml');
    assert.match(atom, /<content type="html"><!\[CDATA\[<p>FULL-TEXT-FIRST-PARAGRAPH/);
    const json = (await (await fetch(`${server.url}/feed.json`)).json()) as { items: Array<{ title: string; content_html?: string; summary: string }> };
    const item = json.items.find((i) => i.title === 'A premiere in Almaty')!;
    assert.match(item.content_html ?? '', /^<p>FULL-TEXT-FIRST-PARAGRAPH &amp; more\.<\/p>[\s\S]*<p><em>Only 30%/);
    assert.equal(item.summary, 'A standfirst that sums the story up.', 'the summary stays the standfirst');

    const russian = await text('/ru/feed.xml');
    assert.match(russian, /<p>ПОЛНЫЙ-ТЕКСТ статьи\.<\/p><p><em>Перепечатка: не более 30% текста со ссылкой на Qalam News\.<\/em><\/p>/);
    assert.doesNotMatch(russian, /Only 30%/);

    checkFeeds({ 'full/feed.xml': rss, 'full/atom.xml': atom, 'full/ru-feed.xml': russian });

    await setFullText(false);
    assert.doesNotMatch(await text('/atom.xml'), /FULL-TEXT-FIRST-PARAGRAPH/, 'off again: the cached feed was dropped with the settings change');
  });
});

describe('feeds in a language other than the default', () => {
  let server: TestServer;
  let authorSlug: string;
  before(async () => {
    server = await startTestServer();
    const { upsertTermTranslation } = await import('#src/domain/taxonomy/term-translation-repository.ts');
    const db = server.context.database.db;
    const section = await createSectionFixture(server.context, { name: 'Culture' });
    const tag = await createTagFixture(server.context, { name: 'Theatre' });
    await upsertTermTranslation(db, 'tag', tag.id, { language: 'ru', name: 'Театр', slug: `teatr-${tag.id}`, description: '' });
    const author = await createAuthorFixture(server.context, { name: 'Aruzhan' });
    authorSlug = `aruzhan-ru-${author.id}`;
    await upsertTermTranslation(db, 'author', author.id, { language: 'ru', name: 'Аружан', slug: authorSlug, description: '' });
    server.context.events.emit('taxonomy.updated');
    await createPublishedArticle(server.context, { sectionId: section.id, language: 'ru', title: 'Премьера', tagIds: [tag.id], authorIds: [author.id] });
  });
  after(() => server.close());

  it('names tags and authors in that language and links authors to their pages under its prefix', async () => {
    const feed = (await (await fetch(`${server.url}/ru/feed.json`)).json()) as { items: Array<{ title: string; tags: string[]; authors: Array<{ name: string; url: string }> }> };
    const [item] = feed.items;
    assert.equal(item?.title, 'Премьера');
    assert.ok(item!.tags.includes('Театр'), JSON.stringify(item!.tags));
    assert.deepEqual(item!.authors, [{ name: 'Аружан', url: `${server.url}/ru/author/${authorSlug}` }]);
    const page = await fetch(item!.authors[0]!.url);
    assert.equal(page.status, 200);
    await page.arrayBuffer();
    assert.match(await (await fetch(`${server.url}/ru/atom.xml`)).text(), new RegExp(`<uri>${server.url}/ru/author/${authorSlug}</uri>`));
  });
});
