import { FEED_FORMATS, FEED_FORMAT_NAMES, feedPath } from '#src/domain/distribution/feed-paths.ts';

/** The `<link rel="alternate">` entries that announce a page's feeds. */
export function feedLinks(pagePath: string, title: string): Array<{ href: string; type: string; title: string }> {
  return FEED_FORMAT_NAMES.map((format) => ({
    href: feedPath(pagePath, format),
    type: FEED_FORMATS[format].contentType.split(';')[0]!,
    title: `${title} (${FEED_FORMATS[format].label})`,
  }));
}
