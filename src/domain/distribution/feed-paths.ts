/**
 * The feeds' formats and addresses, in one place: the feed routes answer at them, pages announce
 * them, and publish pings name them to the WebSub hub.
 */

/** The three feed formats every feed is offered in, by the file name that ends its URL. */
export const FEED_FORMATS = {
  rss: { file: 'feed.xml', contentType: 'application/rss+xml; charset=utf-8', label: 'RSS' },
  atom: { file: 'atom.xml', contentType: 'application/atom+xml; charset=utf-8', label: 'Atom' },
  json: { file: 'feed.json', contentType: 'application/feed+json; charset=utf-8', label: 'JSON Feed' },
} as const;

/** RSS 2.0, Atom 1.0 or JSON Feed 1.1. */
export type FeedFormat = keyof typeof FEED_FORMATS;

/** Every format, RSS first (the one feed readers try first). */
export const FEED_FORMAT_NAMES = Object.keys(FEED_FORMATS) as FeedFormat[];

/** The URL path of a feed of the page at `pagePath` ('/' for the site's own feed). */
export function feedPath(pagePath: string, format: FeedFormat): string {
  return `${pagePath.endsWith('/') ? pagePath : `${pagePath}/`}${FEED_FORMATS[format].file}`;
}
