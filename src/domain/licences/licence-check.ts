import type { Executor } from '#src/db/database.ts';
import { listSections } from '#src/domain/sections/section-repository.ts';
import { coversArticle, sectionAncestry } from './licence-coverage.ts';
import { domainsCovering, hostOfPage } from './licence-domains.ts';
import { liveLicencesOf, sectionOfArticle } from './licence-repository.ts';
import { partnersHoldingAny } from './partner-repository.ts';

/**
 * Whether a licence lets the page at `pageUrl` republish article `articleId` at instant `at` (ISO
 * UTC): true when a partner holding the page's host (or a parent domain of it) has a licence in
 * force at `at` (begun, not expired, not revoked) whose scope covers the article. A page that is
 * not an http(s) URL is never licensed. The reuse checker calls this for every match; it reads
 * only indexed rows (the host's candidate domains, then those partners' licences) and the section
 * tree only when a section licence is in play.
 */
export async function isLicensed(db: Executor, pageUrl: string, articleId: number, at: string): Promise<boolean> {
  const host = hostOfPage(pageUrl);
  if (host === null) return false;
  const partnerIds = await partnersHoldingAny(db, domainsCovering(host));
  const licences = await liveLicencesOf(db, partnerIds, at);
  if (licences.length === 0) return false;
  if (licences.some((l) => coversArticle(l, { id: articleId, ancestry: [] }))) return true;
  if (!licences.some((l) => l.scope === 'section')) return false;
  const sectionId = await sectionOfArticle(db, articleId);
  if (sectionId === undefined) return false;
  const ancestry = sectionAncestry(await listSections(db), sectionId);
  return licences.some((l) => coversArticle(l, { id: articleId, ancestry }));
}

/**
 * isLicensed bound to a database and an instant, in the shape the reuse checker takes (article
 * first; a page without a known URL is never licensed): `checkPage(…, { isLicensed: licenceCheckAt(db, now) })`.
 */
export function licenceCheckAt(db: Executor, at: string): (articleId: number, pageUrl: string | null) => Promise<boolean> {
  return async (articleId, pageUrl) => (pageUrl === null ? false : isLicensed(db, pageUrl, articleId, at));
}
