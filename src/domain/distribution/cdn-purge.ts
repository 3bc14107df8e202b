import type { CdnPurgeSettings } from '#src/domain/settings/cdn-purge-settings.ts';

/**
 * CDN purging: the surrogate keys a change makes stale (cache/cache-invalidation.ts names them)
 * are posted to the endpoint the settings name, so a CDN in front drops the same pages this site's
 * own cache drops. The domain says what to send; the job queue sends it (jobs/cdn-purge-jobs.ts),
 * coalescing many changes into one request and retrying with backoff.
 */

/** One request to send: where, its headers and JSON body. */
export type PurgeRequest = { url: string; headers: Record<string, string>; body: string };

/**
 * Keys one request carries at most: Fastly's batch purge takes 256 surrogate keys, Cloudflare 100
 * cache tags per purge call (its "max operations per request"); a generic endpoint gets Fastly's size.
 */
export const KEYS_PER_REQUEST = { generic: 256, fastly: 256, cloudflare: 100 } as const;

/**
 * The requests that purge `tags` in the configured style, or [] when purging is off:
 * - generic: `POST {"tags": [...]}`, `Authorization: Bearer TOKEN` when a token is set;
 * - fastly: `POST /service/ID/purge` with `{"surrogate_keys": [...]}` and the `Fastly-Key` header
 *   (Fastly API, "Purge multiple surrogate keys");
 * - cloudflare: `POST /zones/ID/purge_cache` with `{"tags": [...]}` and a bearer API token
 *   (Cloudflare API, "Purge cached content by tag").
 */
export function purgeRequests(settings: CdnPurgeSettings, tags: readonly string[]): PurgeRequest[] {
  if (settings.cdnPurgeUrl === null || tags.length === 0) return [];
  const style = settings.cdnPurgeStyle;
  const size = KEYS_PER_REQUEST[style];
  const requests: PurgeRequest[] = [];
  const unique = [...new Set(tags)].sort();
  for (let start = 0; start < unique.length; start += size) {
    const part = unique.slice(start, start + size);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (settings.cdnPurgeToken !== null) {
      if (style === 'fastly') headers['fastly-key'] = settings.cdnPurgeToken;
      else headers.authorization = `Bearer ${settings.cdnPurgeToken}`;
    }
    const body = style === 'fastly' ? { surrogate_keys: part } : { tags: part };
    requests.push({ url: settings.cdnPurgeUrl, headers, body: JSON.stringify(body) });
  }
  return requests;
}
