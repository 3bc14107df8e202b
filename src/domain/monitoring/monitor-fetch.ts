import { MAX_PAGE_BYTES } from '#src/domain/rights/page-input.ts';
import { safeFetch, type SafeFetchOptions } from '#src/lib/safe-fetch.ts';
import { BadStatusError, SafeFetchError } from '#src/lib/safe-fetch-errors.ts';
import type { HostPacer } from './host-pacer.ts';
import { MAX_ROBOTS_BYTES, createRobotsCache, type RobotsAnswer, type RobotsCache } from './robots-rules.ts';

/**
 * The copy monitor's one way out: every request it makes (robots.txt, feeds, sitemaps, pages)
 * goes through safeFetch (public addresses only unless the operator allows a host, timeouts, a
 * size cap, at most 5 redirects), says who we are, waits its turn for the host (host-pacer.ts),
 * and asks robots.txt first (robots-rules.ts). A conditional GET sends back the validators of
 * the copy we hold, so an unchanged feed costs the site a 304.
 */

/** Limits of one request (the total time is MONITOR_TIMEOUT_SECONDS'): nobody is waiting, but a poll must not hang on one slow site. */
export const MONITOR_FETCH_LIMITS = { connectTimeoutMs: 5_000, timeoutMs: 20_000, maxBytes: MAX_PAGE_BYTES, maxRedirects: 5 };

/** The product token sites' robots.txt name us by ("User-agent: Qalam-Monitor"). */
export const MONITOR_PRODUCT = 'Qalam-Monitor';

/** Who we say we are: the product, and the site whose desk is asking, so a webmaster knows whom to write to. */
export function monitorUserAgent(baseUrl: string): string {
  return `${MONITOR_PRODUCT}/1.0 (+${baseUrl})`;
}

/** The site's robots.txt forbids us the URL. */
export class RobotsDisallowedError extends Error {
  override name = 'RobotsDisallowedError';
  constructor(
    readonly url: string,
    why: 'file' | 'none' | 'unreachable',
  ) {
    super(why === 'unreachable' ? `Not fetched: ${new URL(url).host}/robots.txt could not be read, so the site is left alone for now (RFC 9309).` : `Not fetched: ${new URL(url).host}/robots.txt disallows ${new URL(url).pathname} for ${MONITOR_PRODUCT}.`);
  }
}

/** What a GET answered: a body with its validators, or "unchanged" to a conditional GET. */
export type MonitorResponse =
  | { kind: 'fetched'; url: string; body: Buffer; contentType: string; etag: string | null; lastModified: string | null }
  | { kind: 'not-modified' };

/** The validators of the copy held, and what we accept. */
export type MonitorRequest = { etag?: string | null; lastModified?: string | null; accept: string };

export type MonitorFetchOptions = {
  baseUrl: string;
  pacer: HostPacer;
  allowHosts?: readonly string[];
  /** Resolver and limits (tests shorten timeouts). */
  fetch?: Pick<SafeFetchOptions, 'resolve' | 'timeoutMs' | 'connectTimeoutMs'>;
};

function header(value: string | string[] | undefined): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  return text && text.length <= 512 ? text : null;
}

/** A polite fetcher; its robots cache lives as long as it does. */
export function createMonitorFetcher(options: MonitorFetchOptions) {
  const userAgent = monitorUserAgent(options.baseUrl);
  const common = { ...MONITOR_FETCH_LIMITS, ...options.fetch, userAgent, allowHosts: options.allowHosts };

  const loadRobots = async (robotsUrl: string): Promise<RobotsAnswer> => {
    await options.pacer.wait(new URL(robotsUrl).host);
    try {
      const response = await safeFetch(robotsUrl, { ...common, maxBytes: MAX_ROBOTS_BYTES, headers: { accept: 'text/plain' } });
      return { kind: 'file', text: response.body.toString('utf8') };
    } catch (error) {
      // Our own refusal (an address inside the network, a bad URL) is the page's too: say that, not "robots.txt unreadable".
      if (error instanceof SafeFetchError && (error.code === 'blocked-address' || error.code === 'bad-url' || error.code === 'bad-scheme')) throw error;
      // RFC 9309 2.3.1.3: a 4xx means there are no rules for us; 2.3.1.4: a 5xx or no answer, assume complete disallow.
      if (error instanceof BadStatusError && error.status >= 400 && error.status < 500) return { kind: 'absent' };
      // A file too large is read as far as the cap would allow by crawlers; we treat it as none, which the RFC permits past 500 KiB.
      if (error instanceof SafeFetchError && error.code === 'too-large') return { kind: 'absent' };
      return { kind: 'unreachable' };
    }
  };
  const robots: RobotsCache = createRobotsCache(loadRobots);

  return {
    userAgent,
    /** GETs `url` if robots.txt allows it, in the host's turn; throws RobotsDisallowedError or a SafeFetchError. */
    async get(url: string, request: MonitorRequest): Promise<MonitorResponse> {
      const rules = await robots.rulesFor(url);
      if (!rules.isAllowed(url, userAgent)) throw new RobotsDisallowedError(url, rules.origin);
      await options.pacer.wait(new URL(url).host, rules.crawlDelay(userAgent));
      const response = await safeFetch(url, {
        ...common,
        headers: { accept: request.accept },
        ifNoneMatch: request.etag ?? undefined,
        ifModifiedSince: request.lastModified ?? undefined,
      });
      if (response.notModified) return { kind: 'not-modified' };
      return {
        kind: 'fetched',
        url: response.url,
        body: response.body,
        contentType: String(response.headers['content-type'] ?? ''),
        etag: header(response.headers.etag),
        lastModified: header(response.headers['last-modified']),
      };
    },
  };
}

/** A polite fetcher. */
export type MonitorFetcher = ReturnType<typeof createMonitorFetcher>;
