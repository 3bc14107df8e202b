import type { MediaView } from '#src/domain/media/media-repository.ts';
import { siteUrl } from '#src/lib/site-url.ts';

/**
 * Images with absolute URLs (the original's and every variant's), for HTML shown away from this
 * site: the Content API's rendered bodies and feeds' full text, which a partner's page or a feed
 * reader displays on its own origin, where a path like /media/… would point at nothing.
 */
export function withAbsoluteUrls(media: ReadonlyMap<number, MediaView>, baseUrl: string): Map<number, MediaView> {
  const absolute = (url: string) => siteUrl(baseUrl, url);
  return new Map([...media].map(([id, view]) => [id, { ...view, url: absolute(view.url), variants: view.variants.map((v) => ({ ...v, url: absolute(v.url) })) }]));
}
