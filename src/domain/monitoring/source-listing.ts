import { Readable } from 'node:stream';
import { z } from 'zod';
import { loadAtFirstUse } from '#src/lib/load-at-first-use.ts';

// Loaded at the first feed read (with the entity tables it builds): only the monitoring job reads
// feeds, and evaluating it was ~2% of every start-up's CPU.
const feedParser = loadAtFirstUse<typeof import('@rowanmanning/feed-parser')>('@rowanmanning/feed-parser');
// The same for the sitemap reader (sax, xml-js; ADR 0067).
const sitemapPackage = loadAtFirstUse<typeof import('sitemap')>('sitemap');

/**
 * The pages a feed or sitemap lists, newest first where it says when. Feeds are RSS or Atom (read
 * by `@rowanmanning/feed-parser`, which forgives the broken markup real feeds have and resolves
 * relative links) or JSON Feed 1.x (its `items[].url`); sitemaps are a urlset or a sitemap index
 * (read by `sitemap`, the package that writes ours), whose child sitemaps the poll then reads.
 */

/** Why a listing could not be read, in words for the source's last error. */
export class ListingError extends Error {
  override name = 'ListingError';
}

/** What a feed or sitemap lists: pages, or (a sitemap index) more sitemaps. */
export type Listing = { pages: string[]; sitemaps: string[] };

/** The JSON Feed fields we read (https://www.jsonfeed.org/version/1.1/). */
const jsonFeedSchema = z.object({
  version: z.string().startsWith('https://jsonfeed.org/version/'),
  items: z.array(z.object({ url: z.string().optional(), date_published: z.string().optional() }).loose()),
});

/** Absolute http(s) URLs only, resolved against `base`, each once, in order. */
function webUrls(candidates: Array<string | null | undefined>, base: string): string[] {
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate.trim(), base);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      url.hash = '';
      seen.add(url.href);
    } catch {
      // A listed address that is not one: skipped, the others still count.
    }
  }
  return [...seen];
}

/** Newest first by a date string (ISO or RFC 822); undated entries keep their order after the dated ones. */
function byDateDesc<T>(entries: T[], dateOf: (entry: T) => string | Date | null | undefined): T[] {
  const time = (entry: T) => {
    const value = dateOf(entry);
    const ms = value ? new Date(value).getTime() : Number.NaN;
    return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
  };
  return entries.map((entry, index) => ({ entry, index, at: time(entry) })).sort((a, b) => b.at - a.at || a.index - b.index).map((e) => e.entry);
}

/** The pages a feed lists: JSON Feed when the body is JSON, else RSS or Atom. */
export function feedItems(body: string, feedUrl: string): string[] {
  const text = body.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ListingError('The feed looks like JSON but is not valid JSON.');
    }
    const parsed = jsonFeedSchema.safeParse(json);
    if (!parsed.success) throw new ListingError('The JSON is not a JSON Feed (it needs "version" and "items").');
    return webUrls(byDateDesc(parsed.data.items, (item) => item.date_published).map((item) => item.url), feedUrl);
  }
  const { parseFeed } = feedParser();
  let feed;
  try {
    feed = parseFeed(text);
  } catch {
    throw new ListingError('This is not an RSS, Atom or JSON feed.');
  }
  return webUrls(byDateDesc(feed.items, (item) => item.published ?? item.updated).map((item) => item.url), feedUrl);
}

/** The pages a sitemap lists, or the sitemaps a sitemap index lists. */
export async function sitemapEntries(body: string, sitemapUrl: string): Promise<Listing> {
  const head = body.slice(0, 2000);
  try {
    if (/<sitemapindex[\s>]/.test(head)) {
      const sitemaps = await sitemapPackage().parseSitemapIndex(Readable.from([body]));
      return { pages: [], sitemaps: webUrls(byDateDesc(sitemaps, (s) => s.lastmod).map((s) => s.url), sitemapUrl) };
    }
    if (!/<urlset[\s>]/.test(head)) throw new ListingError('This is not a sitemap (no <urlset> or <sitemapindex>).');
    const items = await sitemapPackage().parseSitemap(Readable.from([body]));
    return { pages: webUrls(byDateDesc(items, (i) => i.lastmod ?? i.news?.publication_date).map((i) => i.url), sitemapUrl), sitemaps: [] };
  } catch (error) {
    if (error instanceof ListingError) throw error;
    throw new ListingError(`The sitemap could not be read: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`);
  }
}
