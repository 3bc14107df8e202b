import type { Page } from './throughput.ts';

/** First path segments that are not sections: languages, listings of people and tags, the newsroom, APIs. */
const NOT_SECTIONS = new Set(['ru', 'kk', 'kk-latn', 'en', 'tag', 'author', 'newsroom', 'api', 'search', 'assets', 'media', 'sitemaps']);

/**
 * The reader-facing rows of the table on a running install: the newest article linked from the
 * Main Page, the Main Page, that article's section page, the RSS feed, the newest month's article
 * sitemap (issue 9: feeds and sitemaps from the cache at the article page's rate), a search for a
 * word of the synthetic archive (src/demo/synthetic), and the Content API's article list.
 */
export async function readerPages(baseUrl: string): Promise<Page[]> {
  const home = await (await fetch(`${baseUrl}/`)).text();
  const article = [...home.matchAll(/<a[^>]+href="(\/([a-z0-9-]+)\/[a-z0-9-]+)"/g)].find((match) => !NOT_SECTIONS.has(match[2]!));
  if (!article) throw new Error('no article link on the Main Page');
  const section = article[2]!;
  const sitemapIndex = await (await fetch(`${baseUrl}/sitemap.xml`)).text();
  const newestMonth = [...sitemapIndex.matchAll(/\/sitemaps\/(articles-\d{4}-\d{2}\.xml)/g)].map((match) => match[1]!).sort().at(-1);
  if (!newestMonth) throw new Error('no month sitemap in /sitemap.xml');
  return [
    { name: 'article page', path: article[1]! },
    { name: 'Main Page', path: '/' },
    { name: `section page (/${section})`, path: `/${section}` },
    { name: 'RSS feed', path: '/feed.xml' },
    { name: 'sitemap of the newest month', path: `/sitemaps/${newestMonth}` },
    // Never from the page cache (search is no-store, the Content API answers from the database): for scale.
    { name: 'search ("almaty")', path: '/search?q=almaty', uncached: true },
    { name: 'Content API article list', path: '/api/content/articles', uncached: true },
  ];
}
