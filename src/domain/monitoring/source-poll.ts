import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import type { WatchPollStatus } from '#src/db/schema.ts';
import { asSystem, assertAllowed } from '#src/domain/people/actor.ts';
import { decodePageBytes } from '#src/domain/rights/page-input.ts';
import { fetchedPage } from '#src/domain/rights/page-fetch.ts';
import type { CheckedPage, ReuseReport } from '#src/domain/rights/reuse-checker.ts';
import { createRightsService, pageFromHtml, pageFromText } from '#src/domain/rights/rights-service.ts';
import type { ScheduleDelivery } from '#src/domain/webhooks/webhook-deliveries.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Invalid } from '#src/lib/errors.ts';
import { SafeFetchError } from '#src/lib/safe-fetch-errors.ts';
import { recordFindings } from './finding-recorder.ts';
import { markPageSeen, pagesUnderWatch } from './finding-repository.ts';
import { ensureItem, findItems, listUncheckedItems, markItemsListed, markLatestListingListed, recordItemCheck, type WatchItem } from './item-repository.ts';
import { can } from './monitoring-policy.ts';
import { RobotsDisallowedError, type MonitorFetcher } from './monitor-fetch.ts';
import { ListingError, feedItems, sitemapEntries } from './source-listing.ts';
import { findSourceById, updateSource, type WatchSource } from './source-repository.ts';

/**
 * One poll of one watch source: read the feed, sitemap or page (a conditional GET), note the pages
 * it lists, fetch and check those not seen before (and re-check those whose finding the desk still
 * follows), and record findings. Whatever fails is written on the source (the listing) or on the
 * item (one page), never thrown: the job ends, the next poll is queued, and the next source's job
 * runs. Only our own trouble (the database) throws, and the queue retries the job.
 */

/** Pages fetched and checked per poll, at most: at the default 2 s per host, about a minute of a site's time. */
export const MAX_CHECKS_PER_POLL = 25;

/** Pages taken from one listing, at most (a sitemap may list 50,000; the newest come first). */
export const MAX_LISTED_PAGES = 1000;

/** Child sitemaps of a sitemap index read per poll (the most recently changed first). */
export const MAX_CHILD_SITEMAPS = 3;

/** Puts a source's next poll on the job queue at `runAt`, in the caller's transaction (jobs/monitoring-jobs.ts provides it). */
export type SchedulePoll = (tx: Executor, sourceId: number, runAt: string) => Promise<void>;

/** What a poll needs from outside the domain: the fetcher, and the job queue's two schedulers. */
export type PollDeps = { fetcher: MonitorFetcher; schedulePoll: SchedulePoll; scheduleDelivery: ScheduleDelivery };

/** How a poll went, for logs and tests. */
export type PollOutcome =
  | { kind: 'skipped'; reason: 'gone' | 'paused' | 'stale' }
  | { kind: 'polled'; status: WatchPollStatus; error: string | null; checked: number; failedPages: number; opened: number[] };

const ACCEPT = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1',
  sitemap: 'application/xml, text/xml;q=0.9, */*;q=0.1',
  page: 'text/html, application/xhtml+xml, text/plain;q=0.8',
} as const;

/** A failure in words, for the source's or item's last error; the status it means. */
function failureOf(error: unknown): { status: WatchPollStatus; error: string } {
  if (error instanceof RobotsDisallowedError) return { status: 'robots-disallowed', error: error.message };
  if (error instanceof SafeFetchError || error instanceof ListingError || error instanceof Invalid) return { status: 'failed', error: error.message.slice(0, 1000) };
  throw error;
}

/** The instant `minutes` after `from`. */
function later(from: string, minutes: number): string {
  return new Date(new Date(from).getTime() + minutes * 60_000).toISOString();
}

/** Polls source `sourceId` if its poll due at `due` is still the one wanted (a changed interval or "poll now" queues another). */
export async function pollSource(context: Pick<AppContext, 'database' | 'config' | 'events'>, sourceId: number, due: string, deps: PollDeps): Promise<PollOutcome> {
  const actor = asSystem();
  assertAllowed(actor, can(actor, 'poll'), 'poll watch sources');
  const db = context.database.db;
  const source = await findSourceById(db, sourceId);
  if (!source) return { kind: 'skipped', reason: 'gone' };
  if (!source.active) return { kind: 'skipped', reason: 'paused' };
  if (source.nextPollAt !== due) return { kind: 'skipped', reason: 'stale' };

  const rights = createRightsService(context);
  const startedAt = nowIso();
  const opened: number[] = [];
  let checked = 0;
  const failures: string[] = [];

  /** Fetches one page and checks it; records the item and any findings. */
  const checkItem = async (item: Pick<WatchItem, 'id' | 'url' | 'etag' | 'lastModified'>, conditional: boolean) => {
    checked++;
    const at = nowIso();
    let response;
    try {
      response = await deps.fetcher.get(item.url, { accept: ACCEPT.page, ...(conditional ? { etag: item.etag, lastModified: item.lastModified } : {}) });
    } catch (error) {
      const failure = failureOf(error);
      failures.push(failure.error);
      await recordItemCheck(db, item.id, { ...failure, at });
      return;
    }
    if (response.kind === 'not-modified') {
      await db.transaction().execute(async (tx) => {
        await recordItemCheck(tx, item.id, { status: 'not-modified', error: null, at });
        await markPageSeen(tx, item.url, at);
      });
      return;
    }
    let report: ReuseReport | null = null;
    try {
      const fetched = fetchedPage('url', response.body, response.contentType, response.url);
      const page: CheckedPage = fetched.isHtml ? pageFromHtml(fetched.body, fetched.url, 'url') : pageFromText(fetched.body, fetched.url, 'url');
      report = await rights.checkPage(actor, page);
    } catch (error) {
      // A page without words is checked and clean; anything else it cannot be read for is its failure.
      if (!(error instanceof Invalid && /no words/.test(error.message))) {
        const failure = failureOf(error);
        failures.push(failure.error);
        await recordItemCheck(db, item.id, { ...failure, at, etag: null, lastModified: null });
        return;
      }
    }
    await db.transaction().execute(async (tx) => {
      await recordItemCheck(tx, item.id, { status: 'ok', error: null, at, etag: response.etag, lastModified: response.lastModified });
      if (report) opened.push(...(await recordFindings(tx, { sourceId, pageUrl: item.url, report, at, baseUrl: context.config.baseUrl, scheduleDelivery: deps.scheduleDelivery })));
    });
  };

  let status: WatchPollStatus = 'ok';
  let error: string | null = null;
  let validators: { etag: string | null; lastModified: string | null } | undefined;
  try {
    if (source.kind === 'page') {
      // The page is its own listing: its item's validators and outcome are the source's.
      await ensureItem(db, sourceId, source.url, startedAt);
      await markItemsListed(db, sourceId, [source.url], startedAt);
      const itemOf = async () => (await findItems(db, sourceId, [source.url])).get(source.url)!;
      await checkItem(await itemOf(), true);
      const item = await itemOf();
      status = item.lastStatus ?? 'ok';
      error = item.lastError;
      validators = { etag: item.etag, lastModified: item.lastModified };
    } else {
      const listed = await readListing(source, deps.fetcher);
      if (listed.kind === 'not-modified') {
        status = 'not-modified';
        await markLatestListingListed(db, sourceId, startedAt);
      } else validators = listed.validators;
      // Our own pages (an aggregator's feed listing our articles) are the originals, not copies.
      const ours = new URL(context.config.baseUrl).host;
      const pages = listed.kind === 'listed' ? listed.pages.filter((url) => new URL(url).host !== ours).slice(0, MAX_LISTED_PAGES) : [];
      const known = await findItems(db, sourceId, pages);
      for (const url of pages) if (!known.has(url)) await ensureItem(db, sourceId, url, startedAt);
      await markItemsListed(db, sourceId, [...known.keys()], startedAt);
      // Pages whose copy the desk still follows are read again when the listing changed: is the copy still up?
      const watched = await pagesUnderWatch(db, pages.filter((url) => known.get(url)?.checkedAt));
      const recheck = [...watched].map((url) => known.get(url)!).slice(0, MAX_CHECKS_PER_POLL);
      const fresh = await listUncheckedItems(db, sourceId, MAX_CHECKS_PER_POLL - recheck.length);
      for (const item of fresh) await checkItem(item, false);
      for (const item of recheck) await checkItem(item, true);
      if (failures.length > 0) error = `${failures.length} of ${checked} pages could not be checked; the first: ${failures[0]}`;
    }
  } catch (failure) {
    ({ status, error } = failureOf(failure));
  }

  const nextPollAt = later(startedAt, source.pollIntervalMinutes);
  await db.transaction().execute(async (tx) => {
    await updateSource(tx, sourceId, {
      last_polled_at: startedAt,
      last_status: status,
      last_error: error,
      next_poll_at: nextPollAt,
      ...(validators ? { etag: validators.etag, last_modified: validators.lastModified } : {}),
    });
    await deps.schedulePoll(tx, sourceId, nextPollAt);
  });
  return { kind: 'polled', status, error, checked, failedPages: failures.length, opened };
}

/** What reading a feed or sitemap gave: its pages (and validators), or "unchanged". */
type ListingRead = { kind: 'listed'; pages: string[]; validators: { etag: string | null; lastModified: string | null } } | { kind: 'not-modified' };

/** Reads a feed or sitemap source with a conditional GET; a sitemap index's newest child sitemaps too. */
async function readListing(source: WatchSource, fetcher: MonitorFetcher): Promise<ListingRead> {
  const kind = source.kind === 'feed' ? 'feed' : 'sitemap';
  const response = await fetcher.get(source.url, { accept: ACCEPT[kind], etag: source.etag, lastModified: source.lastModified });
  if (response.kind === 'not-modified') return { kind: 'not-modified' };
  const validators = { etag: response.etag, lastModified: response.lastModified };
  const text = decodePageBytes('url', response.body, response.contentType);
  if (kind === 'feed') return { kind: 'listed', pages: feedItems(text, response.url), validators };
  const entries = await sitemapEntries(text, response.url);
  const pages = [...entries.pages];
  for (const child of entries.sitemaps.slice(0, MAX_CHILD_SITEMAPS)) {
    const childResponse = await fetcher.get(child, { accept: ACCEPT.sitemap });
    if (childResponse.kind !== 'fetched') continue;
    pages.push(...(await sitemapEntries(decodePageBytes('url', childResponse.body, childResponse.contentType), childResponse.url)).pages);
  }
  return { kind: 'listed', pages, validators };
}
