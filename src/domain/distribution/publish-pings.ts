import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import { findArticleById } from '#src/domain/articles/article-repository.ts';
import { localizedSectionSlug } from '#src/domain/articles/article-public-path.ts';
import { addressPrefixes, articlePath, authorPath, languagePrefix, sectionPath, tagPath } from '#src/domain/articles/public-paths.ts';
import { termSlugsOf } from '#src/domain/articles/published-articles.ts';
import { listSections } from '#src/domain/sections/section-repository.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { FEED_FORMAT_NAMES, feedPath } from './feed-paths.ts';

/**
 * Publish pings: when an article is published, changed or taken down, a WebSub hub hears which
 * feeds changed (so subscribers get the new items at once instead of at their next poll), and an
 * IndexNow endpoint hears which pages changed (so search engines re-crawl them). Each goes out
 * only when its settings name a target. The domain says what to send; the job queue sends it
 * (src/jobs/publish-ping-jobs.ts), retrying with backoff and surviving restarts.
 */

/** One ping to send: the feeds a hub should fetch again (topics), or the pages search engines should. */
export type PublishPing = { kind: 'websub'; topics: string[] } | { kind: 'indexnow'; urls: string[] };

/** Puts a ping on the job queue at `runAt`, in the caller's transaction (the job queue provides it; the domain may not import it). */
export type SchedulePing = (tx: Executor, ping: PublishPing, runAt: string) => Promise<void>;

/** What one article change affects, as absolute URLs: the feeds that list it and its page's addresses. */
export type PingTargets = { feedUrls: string[]; pageUrls: string[]; publishedAt: string | null };

/** A request to send: where, the body and its type. */
export type PingRequest = { url: string; body: string; contentType: string };

/**
 * The feeds an article appears in and the addresses of its page, in its language: the site's feed
 * under the language's prefix, its section's and every ancestor's (a section's feed holds its
 * subsections' articles), its tags' and authors' feeds, each in RSS, Atom and JSON Feed, with the
 * slugs of that language; its page at each address readers reach it by (the Kazakh Latin edition
 * too). Undefined when the article does not exist.
 */
export async function pingTargetsOf(db: Executor, baseUrl: string, articleId: number): Promise<PingTargets | undefined> {
  const article = await findArticleById(db, articleId);
  if (!article) return undefined;
  const [settings, sections, sectionSlug] = await Promise.all([loadSettings(db), listSections(db), localizedSectionSlug(db, article.sectionId, article.language)]);
  const parents = new Map(sections.map((s) => [s.id, s.parentId]));
  const sectionChain: number[] = [];
  for (let id: number | null | undefined = article.sectionId; id != null && !sectionChain.includes(id); id = parents.get(id)) sectionChain.push(id);
  const slugIn = async (kind: 'section' | 'tag' | 'author', id: number) => (await termSlugsOf(db, kind, id))(article.language);
  const pagePaths = [
    '/',
    ...(await Promise.all(sectionChain.map(async (id) => sectionPath(await slugIn('section', id))))),
    ...(await Promise.all(article.tagIds.map(async (id) => tagPath(await slugIn('tag', id))))),
    ...(await Promise.all(article.authorIds.map(async (id) => authorPath(await slugIn('author', id))))),
  ];
  const prefix = languagePrefix(article.language, settings.defaultLanguage);
  const path = articlePath({ sectionSlug, slug: article.slug });
  return {
    feedUrls: pagePaths.flatMap((page) => FEED_FORMAT_NAMES.map((format) => `${baseUrl}${prefix}${feedPath(page, format)}`)),
    pageUrls: addressPrefixes(article.language, settings).map((p) => `${baseUrl}${p}${path}`),
    publishedAt: article.publishedAt,
  };
}

/**
 * Queues the pings an article change calls for, in `tx`: the transaction of the change itself (the
 * outbox, ADR 0052), so they commit with it or not at all. A WebSub ping when a hub is set, an
 * IndexNow ping when an endpoint (and so a key) is; nothing, not even a read of the article, when
 * neither is. A publication dated in the future is pinged when it comes out, not before (its pages
 * answer 404 until then). Answers what was queued.
 */
export async function queuePublishPings(tx: Executor, baseUrl: string, articleId: number, schedule: SchedulePing, now = new Date()): Promise<PublishPing[]> {
  const settings = await loadSettings(tx);
  if (settings.websubHubUrl === null && (settings.indexNowEndpoint === null || settings.indexNowKey === null)) return [];
  const targets = await pingTargetsOf(tx, baseUrl, articleId);
  if (!targets) return [];
  const pings: PublishPing[] = [
    ...(settings.websubHubUrl !== null ? [{ kind: 'websub' as const, topics: targets.feedUrls }] : []),
    ...(settings.indexNowEndpoint !== null && settings.indexNowKey !== null ? [{ kind: 'indexnow' as const, urls: targets.pageUrls }] : []),
  ];
  const at = now.toISOString();
  const runAt = targets.publishedAt !== null && targets.publishedAt > at ? targets.publishedAt : at;
  for (const ping of pings) await schedule(tx, ping, runAt);
  return pings;
}

/**
 * The request that sends a ping, as the settings are now (so a target changed or switched off
 * meanwhile is respected), or null when its kind is off.
 *
 * - WebSub: the publisher's notice to its hub is not fixed by W3C WebSub (§4 leaves it to the hub);
 *   hubs take the PubSubHubbub form, a POST of `hub.mode=publish` and `hub.url`, which "may be
 *   repeated to indicate multiple topics that have been updated" (PubSubHubbub 0.3 §7.1).
 * - IndexNow: a JSON POST of `host`, `key`, `keyLocation` and `urlList` (indexnow.org/documentation),
 *   the key file at keyLocation proving the host is ours.
 */
export async function pingRequest(db: Executor, baseUrl: string, ping: PublishPing): Promise<PingRequest | null> {
  const settings = await loadSettings(db);
  if (ping.kind === 'websub') {
    if (settings.websubHubUrl === null) return null;
    const form = new URLSearchParams([['hub.mode', 'publish'], ...ping.topics.map((topic): [string, string] => ['hub.url', topic])]);
    return { url: settings.websubHubUrl, body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  if (settings.indexNowEndpoint === null || settings.indexNowKey === null) return null;
  const body = { host: new URL(baseUrl).host, key: settings.indexNowKey, keyLocation: `${baseUrl}/${settings.indexNowKey}.txt`, urlList: ping.urls };
  return { url: settings.indexNowEndpoint, body: JSON.stringify(body), contentType: 'application/json; charset=utf-8' };
}

/** The site's IndexNow key while IndexNow is on (its key file is served then), or null. */
export async function activeIndexNowKey(context: Pick<AppContext, 'database'>): Promise<string | null> {
  const { indexNowEndpoint, indexNowKey } = await loadSettings(context.database.db);
  return indexNowEndpoint !== null ? indexNowKey : null;
}
