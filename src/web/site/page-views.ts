import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { CachedPage } from '#src/cache/page-cache.ts';
import type { ReaderViews } from '#src/domain/views/reader-views.ts';
import { isbot } from 'isbot';
import { rememberedOr } from '#src/lib/bounded-memo.ts';

/**
 * Verdicts by User-Agent. A reader's browser sends the same string with every view, and isbot's
 * pattern took half of what counting a view cost (1.6 µs a call; bench/views.ts). Cleared when full,
 * so a client making up agents cannot grow it; real traffic has far fewer distinct agents than this.
 */
const MAX_REMEMBERED_AGENTS = 1024;
const agentVerdicts = new Map<string, boolean>();

const isPersonAgent = (agent: string): boolean => !isbot(agent);

/** Whether a User-Agent is a person's browser: crawlers and scripts (a known bot, or no User-Agent at all) are left out. */
export function isCountedAgent(agent: string | undefined): boolean {
  if (!agent) return false;
  return rememberedOr(agentVerdicts, MAX_REMEMBERED_AGENTS, agent, isPersonAgent);
}

/**
 * Whether a request is a browser fetching a page ahead of a possible visit (a prefetch or
 * prerender of a link the reader has not followed): Chrome sends Sec-Purpose, older Chrome and
 * Safari Purpose, Firefox X-Moz. Not a view until the reader opens it, and then it is not asked again.
 */
export function isPrefetch(headers: IncomingHttpHeaders): boolean {
  const purpose = headers['sec-purpose'] ?? headers.purpose ?? headers['x-moz'];
  return typeof purpose === 'string' && /\bprefetch\b|\bprerender\b/i.test(purpose);
}

/**
 * Counts an article page sent to a reader as that article's view, where views are counted on the
 * server (the page carries `viewOf`, ADR 0073): a GET from a person's browser (not HEAD, not a
 * bot, not a prefetch). A 304 is a view too: the reader is looking at the page again. Called by
 * the cache front and by the route for the anonymous readers they answer from the shared page;
 * signed-in staff get their own page and are not counted, as with the beacon.
 */
export function countPageView(views: ReaderViews, request: IncomingMessage, page: CachedPage): void {
  if (page.viewOf === undefined || request.method !== 'GET') return;
  const { headers } = request;
  if (isCountedAgent(headers['user-agent']) && !isPrefetch(headers)) views.record(page.viewOf);
}
