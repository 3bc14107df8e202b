import type { LicenceScope } from '#src/db/schema.ts';
import { sectionAndDescendants } from '#src/domain/sections/section-tree.ts';

/** What a licence grants: its scope and the article or section it names. */
export type LicenceGrant = { scope: LicenceScope; articleId: number | null; sectionId: number | null };

/** Sections as the tree needs them. */
type SectionNode = { id: number; parentId: number | null };

/** Whether a licence is in force, or why not. */
export type LicenceStatus = 'live' | 'expired' | 'revoked' | 'not-started';

/** The state of a licence at `at` (an ISO instant): revoked wins over expired. A licence runs from its start up to, not including, its expiry. */
export function licenceStatus(licence: { startsAt: string; expiresAt: string; revokedAt: string | null }, at: string): LicenceStatus {
  if (licence.revokedAt !== null && licence.revokedAt <= at) return 'revoked';
  if (licence.expiresAt <= at) return 'expired';
  if (licence.startsAt > at) return 'not-started';
  return 'live';
}

/** A section and every section above it, nearest first (a cycle, which the taxonomy forbids, stops the walk). */
export function sectionAncestry(sections: readonly SectionNode[], sectionId: number): number[] {
  const parents = new Map(sections.map((s) => [s.id, s.parentId]));
  const chain: number[] = [];
  for (let id: number | null | undefined = sectionId; id != null && !chain.includes(id); id = parents.get(id)) chain.push(id);
  return chain;
}

/**
 * Whether a licence covers an article: 'all' covers every article, 'article' its own, 'section' the
 * articles filed in that section or any section below it (`ancestry`: the article's section and
 * its parents, sectionAncestry()).
 */
export function coversArticle(grant: LicenceGrant, article: { id: number; ancestry: readonly number[] }): boolean {
  switch (grant.scope) {
    case 'all':
      return true;
    case 'article':
      return grant.articleId === article.id;
    case 'section':
      return grant.sectionId !== null && article.ancestry.includes(grant.sectionId);
  }
}

/** Which articles some licences cover together: all of them, or those of some sections (subsections included) and some ids. */
export type CoveredArticles = { all: true } | { all: false; sectionIds: number[]; articleIds: number[] };

/** The union of what `grants` cover, with each section expanded to its subsections. */
export function coveredArticles(grants: readonly LicenceGrant[], sections: readonly SectionNode[]): CoveredArticles {
  if (grants.some((g) => g.scope === 'all')) return { all: true };
  const sectionIds = new Set<number>();
  const articleIds = new Set<number>();
  for (const grant of grants) {
    if (grant.scope === 'section' && grant.sectionId !== null) for (const id of sectionAndDescendants(sections, grant.sectionId)) sectionIds.add(id);
    if (grant.scope === 'article' && grant.articleId !== null) articleIds.add(grant.articleId);
  }
  return { all: false, sectionIds: [...sectionIds], articleIds: [...articleIds] };
}
