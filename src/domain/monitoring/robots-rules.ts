import robotsParserModule from 'robots-parser';

/**
 * A site's robots.txt as the copy monitor reads it (RFC 9309, parsed by `robots-parser`): fetched
 * once per origin and kept for a while, as crawlers do. What an unreadable file means follows the
 * RFC (section 2.3.1): a 4xx (none there) allows everything; a 5xx or no answer at all means the
 * site may be in trouble, so nothing is fetched from it until the file can be read.
 */

/** The parser's answer, as far as we use it. */
type ParsedRobots = { isAllowed(url: string, ua?: string): boolean | undefined; getCrawlDelay(ua?: string): number | undefined };

// robots-parser is CommonJS (`module.exports = function`); its types declare an ES default export, which
// TypeScript's NodeNext reading turns into the module object. At run time the default import is the function.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => ParsedRobots;

/** How long a read robots.txt is kept, in ms (RFC 9309 2.4: "SHOULD NOT use a cached version for more than 24 hours"). */
export const ROBOTS_TTL_MS = 24 * 60 * 60_000;

/** How long "unreachable, so disallowed" is kept before asking again, in ms. */
export const ROBOTS_FAILURE_TTL_MS = 15 * 60_000;

/** The largest robots.txt read, in bytes (RFC 9309 2.5: at least 500 kibibytes). */
export const MAX_ROBOTS_BYTES = 512 * 1024;

/** The rules of one origin. */
export type RobotsRules = {
  /** Whether `url` (on this origin) may be fetched by `userAgent`. */
  isAllowed(url: string, userAgent: string): boolean;
  /** The Crawl-delay the file asks of `userAgent`, in seconds, if any. */
  crawlDelay(userAgent: string): number | undefined;
  /** Why the rules are what they are, for an error message: 'file', 'none' (4xx) or 'unreachable'. */
  origin: 'file' | 'none' | 'unreachable';
};

/** What fetching robots.txt gave: the file, a 4xx, or no usable answer (5xx, network, timeout). */
export type RobotsAnswer = { kind: 'file'; text: string } | { kind: 'absent' } | { kind: 'unreachable' };

/** The rules an answer means. */
export function robotsRules(robotsUrl: string, answer: RobotsAnswer): RobotsRules {
  if (answer.kind === 'absent') return { isAllowed: () => true, crawlDelay: () => undefined, origin: 'none' };
  if (answer.kind === 'unreachable') return { isAllowed: () => false, crawlDelay: () => undefined, origin: 'unreachable' };
  const robots = robotsParser(robotsUrl, answer.text);
  return {
    // robots-parser answers undefined for a URL of another origin: never ours to ask here.
    isAllowed: (url, userAgent) => robots.isAllowed(url, userAgent) !== false,
    crawlDelay: (userAgent) => robots.getCrawlDelay(userAgent),
    origin: 'file',
  };
}

/** The robots.txt address of a URL's origin. */
export function robotsUrlOf(url: string): string {
  return new URL('/robots.txt', url).href;
}

/** A per-origin cache of robots rules, filled by `load` (which fetches the file). */
export function createRobotsCache(load: (robotsUrl: string) => Promise<RobotsAnswer>, now: () => number = Date.now) {
  const cache = new Map<string, { rules: RobotsRules; until: number }>();
  return {
    /** The rules for `url`'s origin, read (or re-read once expired) on demand. */
    async rulesFor(url: string): Promise<RobotsRules> {
      const origin = new URL(url).origin;
      const held = cache.get(origin);
      if (held && held.until > now()) return held.rules;
      const robotsUrl = robotsUrlOf(url);
      const rules = robotsRules(robotsUrl, await load(robotsUrl));
      cache.set(origin, { rules, until: now() + (rules.origin === 'unreachable' ? ROBOTS_FAILURE_TTL_MS : ROBOTS_TTL_MS) });
      return rules;
    },
  };
}

/** A cache of robots rules. */
export type RobotsCache = ReturnType<typeof createRobotsCache>;
