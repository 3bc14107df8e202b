import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { feedItems, ListingError, sitemapEntries } from './source-listing.ts';

describe('what feeds and sitemaps list', () => {
  it('reads RSS items, newest first, relative links resolved, fragments dropped', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Copies</title><link>https://copies.example/</link>
      <item><title>Old</title><link>/news/old</link><pubDate>Mon, 02 Nov 2026 08:00:00 GMT</pubDate></item>
      <item><title>New</title><link>https://copies.example/news/new#top</link><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate></item>
      <item><title>Mail</title><link>mailto:desk@copies.example</link></item>
    </channel></rss>`;
    assert.deepEqual(feedItems(rss, 'https://copies.example/rss.xml'), ['https://copies.example/news/new', 'https://copies.example/news/old']);
  });

  it('reads Atom entries and JSON Feed items', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><link href="https://b.example/"/>
      <entry><title>e</title><link rel="alternate" href="https://b.example/e1"/><updated>2026-12-01T00:00:00Z</updated></entry></feed>`;
    assert.deepEqual(feedItems(atom, 'https://b.example/atom.xml'), ['https://b.example/e1']);
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'j', items: [{ id: '1', url: 'https://c.example/1' }, { id: '2', url: '/2', date_published: '2026-12-01T00:00:00Z' }] });
    assert.deepEqual(feedItems(json, 'https://c.example/feed.json'), ['https://c.example/2', 'https://c.example/1']);
  });

  it('refuses what is no feed, saying so', () => {
    assert.throws(() => feedItems('<html><body>Hello</body></html>', 'https://a.example/'), ListingError);
    assert.throws(() => feedItems('{"title": "not a feed"}', 'https://a.example/'), /not a JSON Feed/);
  });

  it('reads a sitemap’s pages and a sitemap index’s sitemaps', async () => {
    const urlset = `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://d.example/a</loc><lastmod>2026-11-01</lastmod></url><url><loc>https://d.example/b</loc><lastmod>2026-12-01</lastmod></url></urlset>`;
    assert.deepEqual(await sitemapEntries(urlset, 'https://d.example/sitemap.xml'), { pages: ['https://d.example/b', 'https://d.example/a'], sitemaps: [] });
    const index = `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://d.example/s1.xml</loc></sitemap></sitemapindex>`;
    assert.deepEqual(await sitemapEntries(index, 'https://d.example/sitemap.xml'), { pages: [], sitemaps: ['https://d.example/s1.xml'] });
    await assert.rejects(sitemapEntries('<html></html>', 'https://d.example/'), ListingError);
  });
});
