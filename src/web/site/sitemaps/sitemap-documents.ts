import { SitemapIndexStream, SitemapStream, streamToPromise, type SitemapItemLoose } from 'sitemap';
import { Readable } from 'node:stream';

/**
 * Sitemap XML written by the `sitemap` package's streams (escaping, namespaces, the protocol's
 * element order), collected into the one string the page cache stores. No file holds more than
 * one month of articles or 50,000 URLs, so the archive is never in memory at once.
 */

/** A `<urlset>` of entries, with the news and image namespaces declared. */
export async function renderUrlSet(baseUrl: string, entries: Iterable<SitemapItemLoose>): Promise<string> {
  const stream = new SitemapStream({ hostname: `${baseUrl}/`, xmlns: { news: true, image: true, xhtml: false, video: false } });
  return (await streamToPromise(Readable.from(entries).pipe(stream))).toString('utf8');
}

/** A `<sitemapindex>` of absolute sitemap URLs, with their last change where known. */
export async function renderSitemapIndex(sitemaps: Iterable<{ url: string; lastmod?: string }>): Promise<string> {
  const stream = new SitemapIndexStream();
  return (await streamToPromise(Readable.from(sitemaps).pipe(stream))).toString('utf8');
}
