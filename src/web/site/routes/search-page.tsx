import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { presentArticleCards } from '#src/domain/articles/article-presenter.ts';
import type { PublishedArticles } from '#src/domain/articles/published-articles.ts';
import { dayEndIn, dayStartIn } from '#src/domain/search/search-dates.ts';
import { MAX_QUERY_LENGTH, parseSearchQuery } from '#src/domain/search/search-query.ts';
import { sectionAndDescendants } from '#src/domain/sections/section-tree.ts';
import { NotFound } from '#src/lib/errors.ts';
import { cleanText } from '#src/lib/text-input.ts';
import { renderDocument } from '#src/render/html-document.ts';
import { mountedPath, pageInLanguage, type LanguageMount, type ResolvedLanguage } from '../language-routing.ts';
import { parsePageParam } from '../page-params.ts';
import type { PageResult } from '../page-response.ts';
import { loadSiteChrome } from '../site-chrome.ts';
import { SiteLayout } from '../views/site-layout.tsx';
import { SearchPageView, type SearchNotice, type SearchPageModel } from '../views/search-view.tsx';

/** Results per page. */
export const SEARCH_PAGE_SIZE = 10;

/** The search page's parameters as sent: strings (the first of a repeated one), '' when absent. */
type SearchParams = { q: string; section: string; from: string; to: string };

// Filter values are slugs and dates: anything longer is not one, and is shown back cut.
const MAX_FILTER_LENGTH = 100;

function readParams(query: unknown): SearchParams {
  const raw = (query ?? {}) as Record<string, unknown>;
  const one = (name: string, max: number) => {
    const value = raw[name];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? [...cleanText(first).trim()].slice(0, max).join('') : '';
  };
  // The query is cut by parseSearchQuery (which says so); read enough of it to know it was long.
  return { q: one('q', MAX_QUERY_LENGTH + 1), section: one('section', MAX_FILTER_LENGTH), from: one('from', MAX_FILTER_LENGTH), to: one('to', MAX_FILTER_LENGTH) };
}

/** The address of a results page: the same query and filters, another page. */
function searchHref(basePath: string, params: SearchParams, page: number): string {
  const search = new URLSearchParams();
  search.set('q', params.q);
  if (params.section) search.set('section', params.section);
  if (params.from) search.set('from', params.from);
  if (params.to) search.set('to', params.to);
  if (page > 1) search.set('page', String(page));
  return `${basePath}?${search.toString()}`;
}

async function renderSearch(context: AppContext, published: PublishedArticles, resolved: ResolvedLanguage, params: SearchParams, page: number): Promise<PageResult> {
  const { lang, content: language } = resolved;
  const { t } = lang.translator;
  const { chrome } = await loadSiteChrome(published, language);
  const query = parseSearchQuery(params.q);
  const notices: SearchNotice[] = [];
  if ([...params.q].length > MAX_QUERY_LENGTH) notices.push({ key: 'search.shortened', values: { max: MAX_QUERY_LENGTH } });

  // A filter that names nothing real is left out and said so on the page, never an error page:
  // the reader sees their results and what was ignored.
  const section = params.section ? chrome.sections.find((s) => s.slug === params.section) : undefined;
  if (params.section && !section) notices.push({ key: 'search.unknownSection', values: { section: params.section } });
  const zone = chrome.settings.timeZone;
  let from = params.from ? dayStartIn(params.from, zone) : undefined;
  let before = params.to ? dayEndIn(params.to, zone) : undefined;
  if (params.from && !from) notices.push({ key: 'search.badDate', values: { value: params.from } });
  if (params.to && !before) notices.push({ key: 'search.badDate', values: { value: params.to } });
  if (from && before && from >= before) {
    notices.push({ key: 'search.dateOrder' });
    from = undefined;
    before = undefined;
  }

  const filter = { language, sectionIds: section ? sectionAndDescendants(chrome.sections, section.id) : undefined, from, before };
  const results =
    query.terms.length > 0 ? await published.search(query, filter, { limit: SEARCH_PAGE_SIZE, offset: (page - 1) * SEARCH_PAGE_SIZE }) : { hits: [], total: 0, isCapped: false };
  // Page 1 of no results is the "nothing found" page; a later page with nothing on it does not exist.
  if (page > 1 && results.hits.length === 0) throw new NotFound('That page of the results');

  const media = await published.leadMedia(results.hits.map((hit) => hit.card));
  const cards = presentArticleCards(
    results.hits.map((hit) => hit.card),
    media,
    chrome.settings,
    lang,
  );
  const basePath = lang.path('/search');
  const model: SearchPageModel = {
    action: basePath,
    query: query.text,
    hasTerms: query.terms.length > 0,
    section: section?.slug ?? '',
    from: from ? params.from : '',
    to: before ? params.to : '',
    sections: chrome.sections,
    notices,
    results: results.hits.map((hit, i) => ({ card: cards[i]!, title: hit.title, snippet: hit.snippet })),
    total: results.total,
    isCapped: results.isCapped,
    page,
    firstRank: (page - 1) * SEARCH_PAGE_SIZE + 1,
    totalPages: Math.max(1, Math.ceil(results.total / SEARCH_PAGE_SIZE)),
    hrefFor: (n) => searchHref(basePath, params, n),
  };
  const heading = query.text ? t('search.resultsFor', { query: query.text }) : t('search.heading');
  const title = page > 1 ? t('search.titleWithPage', { title: heading, page }) : heading;
  const html = renderDocument(
    <SiteLayout chrome={chrome} lang={lang} title={title} robots="noindex">
      <SearchPageView model={model} heading={heading} lang={lang} />
    </SiteLayout>,
  );
  return { kind: 'page', html, tags: [] };
}

/**
 * Sends a search page: never through the page cache (queries are unbounded) and never stored by a
 * browser or CDN; search engines are asked not to index it (the robots meta tag says so too).
 */
function sendUncached(reply: FastifyReply, result: PageResult): FastifyReply {
  if (result.kind === 'redirect') return reply.header('cache-control', 'no-store').redirect(result.location, 301);
  return reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex').type('text/html; charset=utf-8').send(result.html);
}

/** GET /search (and /ru/search, /kk/search, /kk-latn/search …): readers' search of the page language's published articles. */
export function registerSearchPage(app: FastifyInstance, context: AppContext, published: PublishedArticles, mount: LanguageMount): void {
  app.get(mountedPath(mount, '/search'), async (request, reply) => {
    const params = readParams(request.query);
    const page = parsePageParam(request.query);
    const queryString = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const result = await pageInLanguage(published, mount, `/search${queryString}`, (resolved) => renderSearch(context, published, resolved, params, page));
    return sendUncached(reply, result);
  });
}
