/**
 * The copy monitor's per-host rate limit: requests to one host (name and port) start at least
 * `delayMs` apart, or further apart when the host's robots.txt asks for a Crawl-delay. Polite
 * crawlers pace themselves per host, not per process-wide request rate: a small site should see
 * us as one slow reader, however many sources point at it.
 */

/** The longest Crawl-delay honoured, in ms: a robots.txt asking for an hour would stall every poll. */
export const MAX_CRAWL_DELAY_MS = 60_000;

/** How the pacer tells and spends time (tests give a fake clock). */
export type PacerClock = { now(): number; sleep(ms: number): Promise<void> };

const realClock: PacerClock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** A per-host rate limit shared by every poll of this process. */
export type HostPacer = {
  /** Resolves when a request to `host` may start (and books that moment); `crawlDelaySeconds` is the host's robots.txt Crawl-delay, if any. */
  wait(host: string, crawlDelaySeconds?: number): Promise<void>;
};

/** A pacer spacing requests to one host at least `delayMs` apart. */
export function createHostPacer(delayMs: number, clock: PacerClock = realClock): HostPacer {
  /** The earliest start of the next request to each host. */
  const nextStart = new Map<string, number>();
  return {
    async wait(host, crawlDelaySeconds) {
      const key = host.toLowerCase();
      const crawlDelayMs = crawlDelaySeconds !== undefined && Number.isFinite(crawlDelaySeconds) && crawlDelaySeconds > 0 ? Math.min(MAX_CRAWL_DELAY_MS, crawlDelaySeconds * 1000) : 0;
      const spacing = Math.max(delayMs, crawlDelayMs);
      const now = clock.now();
      const start = Math.max(now, nextStart.get(key) ?? now);
      // Booked before sleeping: two polls waiting for one host queue up instead of starting together.
      nextStart.set(key, start + spacing);
      if (start > now) await clock.sleep(start - now);
    },
  };
}
