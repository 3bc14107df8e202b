import type { SitemapItemLoose } from 'sitemap';
import { once } from 'node:events';
import type { Transform } from 'node:stream';
import { loadAtFirstUse } from '#src/lib/load-at-first-use.ts';

// Loaded at the first sitemap written, not at start: the package and the XML parser it brings
// (sax, xml-js) were ~3% of every start-up's CPU, and a start serves no sitemap (ADR 0067).
const sitemapPackage = loadAtFirstUse<typeof import('sitemap')>('sitemap');

/**
 * Sitemap XML written by the `sitemap` package's streams (escaping, namespaces, the protocol's
 * element order), collected into the one string the page cache stores. No file holds more than
 * one month of articles or 50,000 URLs, so the archive is never in memory at once.
 */

/**
 * Writes `entries` into a sitemap stream as its writable side asks for them (waiting for 'drain'),
 * and joins the XML strings its readable side emits. Written and read directly: piping a
 * Readable.from() in and a Writable out cost a Buffer per XML fragment (~10 a URL), their copy into
 * one Buffer and its decoding back to text, ~25% of a month's CPU, with the garbage to collect.
 */
async function writeAll(stream: Transform, entries: Iterable<object>): Promise<string> {
  const parts: string[] = [];
  stream.on('data', (chunk: string) => parts.push(chunk));
  // Rejects with the stream's error (an empty urlset is one).
  const ended = once(stream, 'end');
  ended.catch(() => undefined); // awaited below; a failed write must not leave it unhandled
  for (const entry of entries) if (!stream.write(entry)) await once(stream, 'drain');
  stream.end();
  await ended;
  return parts.join('');
}

/** A `<urlset>` of entries, with the news and image namespaces declared; URLs may be paths, resolved against `baseUrl`. */
export function renderUrlSet(baseUrl: string, entries: Iterable<SitemapItemLoose>): Promise<string> {
  return writeAll(new (sitemapPackage().SitemapStream)({ hostname: `${baseUrl}/`, xmlns: { news: true, image: true, xhtml: false, video: false } }), entries);
}

/** A `<sitemapindex>` of absolute sitemap URLs, with their last change where known. */
export function renderSitemapIndex(sitemaps: Iterable<{ url: string; lastmod?: string }>): Promise<string> {
  return writeAll(new (sitemapPackage().SitemapIndexStream)(), sitemaps);
}
