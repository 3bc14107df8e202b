import { Invalid } from '#src/lib/errors.ts';
import { outwardUrl } from '#src/lib/outward-url.ts';
import type { SiteSettings } from './settings-repository.ts';

/**
 * How purge requests are sent: `generic`, a JSON POST of `{"tags": [...]}` with the token as a
 * bearer token (a purge service of one's own, Varnish behind a small hook); `fastly`, Fastly's
 * batch purge by surrogate key; `cloudflare`, Cloudflare's purge by cache tag.
 */
export const CDN_PURGE_STYLES = ['generic', 'fastly', 'cloudflare'] as const;
export type CdnPurgeStyle = (typeof CDN_PURGE_STYLES)[number];

/** The settings that purge a CDN. */
export type CdnPurgeSettings = Pick<SiteSettings, 'cdnPurgeUrl' | 'cdnPurgeStyle' | 'cdnPurgeToken'>;

/** Longest endpoint URL and token kept (characters). */
const MAX_URL_LENGTH = 2000;
const MAX_TOKEN_LENGTH = 500;

/** A token goes into a request header: visible ASCII only, so it can never start a header of its own. */
const TOKEN_PATTERN = /^[\x21-\x7e]+$/;

/** Whether `value` is one of the purge styles. */
export function isCdnPurgeStyle(value: string): value is CdnPurgeStyle {
  return (CDN_PURGE_STYLES as readonly string[]).includes(value);
}

/**
 * The CDN purge settings as they will be stored, or Invalid naming the field: the endpoint an
 * absolute http(s) URL outside the network (unless the operator allows the host), a known style,
 * a token of visible ASCII; no endpoint means no purging, and its token is dropped with it.
 */
export function checkedCdnPurge(settings: CdnPurgeSettings, allowHosts: readonly string[]): CdnPurgeSettings {
  if (!isCdnPurgeStyle(settings.cdnPurgeStyle)) throw new Invalid('cdnPurgeStyle', `Choose one of: ${CDN_PURGE_STYLES.join(', ')}.`);
  if (settings.cdnPurgeUrl === null) return { cdnPurgeUrl: null, cdnPurgeStyle: settings.cdnPurgeStyle, cdnPurgeToken: null };
  if (settings.cdnPurgeUrl.length > MAX_URL_LENGTH) throw new Invalid('cdnPurgeUrl', `Use at most ${MAX_URL_LENGTH} characters.`);
  const example = settings.cdnPurgeStyle === 'fastly' ? 'https://api.fastly.com/service/SERVICE_ID/purge' : settings.cdnPurgeStyle === 'cloudflare' ? 'https://api.cloudflare.com/client/v4/zones/ZONE_ID/purge_cache' : 'https://purge.example.com/tags';
  const cdnPurgeUrl = outwardUrl(settings.cdnPurgeUrl, { allowHosts, field: 'cdnPurgeUrl', example });
  const token = settings.cdnPurgeToken;
  if (token !== null && (token.length > MAX_TOKEN_LENGTH || !TOKEN_PATTERN.test(token))) {
    throw new Invalid('cdnPurgeToken', `A token has 1 to ${MAX_TOKEN_LENGTH} visible characters: letters, digits and punctuation, no spaces.`);
  }
  if (token === null && settings.cdnPurgeStyle !== 'generic') throw new Invalid('cdnPurgeToken', `${settings.cdnPurgeStyle === 'fastly' ? 'Fastly' : 'Cloudflare'} needs an API token that may purge.`);
  return { cdnPurgeUrl, cdnPurgeStyle: settings.cdnPurgeStyle, cdnPurgeToken: token };
}
