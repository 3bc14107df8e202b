import type { AppContext } from '#src/app-context.ts';
import type { ArticleBody } from '#src/domain/articles/article-body.ts';
import { createPageService } from '#src/domain/pages/page-service.ts';
import { PAGE_LIMITS } from '#src/domain/pages/page-fields.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { recordPathChange } from '#src/domain/redirects/redirect-repository.ts';
import { DomainError, Invalid } from '#src/lib/errors.ts';
import { MAX_SLUG_LENGTH } from '#src/lib/slug.ts';
import { cleanText } from '#src/lib/text-input.ts';
import { findImported, rememberImported, type ImportOrigin } from './import-records.ts';
import { addLine, type ImportReport } from './import-report.ts';
import { slugFrom } from './import-target.ts';

/** A page of the old site, converted, waiting for its parent to be written first. */
export type ImportedPage = {
  /** The source's own id: a second run finds the page by it. */
  key: string;
  /** The source's id of its parent page, or null for a top-level page. */
  parentKey: string | null;
  label: string;
  title: string;
  slug: string;
  body: ArticleBody;
  status: 'published' | 'draft' | 'trashed';
  /** When it was first published (ISO UTC), for a published page. */
  date: string | null;
  menuOrder: number;
  /** Site paths it had on the old site: each answers 301 to its new path once it is published. */
  oldPaths: string[];
};

/** How far down the old hierarchy a page sits (1: top level), following parents present in the export. */
function depthOf(page: ImportedPage, byKey: Map<string, ImportedPage>): number {
  let depth = 1;
  for (let parent = page.parentKey ? byKey.get(page.parentKey) : undefined; parent && depth < 50; parent = parent.parentKey ? byKey.get(parent.parentKey) : undefined) depth++;
  return depth;
}

/** The top-level ancestor of a page (itself when it is one). */
function rootOf(page: ImportedPage, byKey: Map<string, ImportedPage>): ImportedPage {
  let current = page;
  for (let guard = 0; current.parentKey && byKey.has(current.parentKey) && guard < 50; guard++) current = byKey.get(current.parentKey)!;
  return current;
}

/**
 * Writes the old site's pages as static pages through the page service (as the system), parents
 * first. Our pages nest one level (/about/team): a page deeper in the old tree is placed under its
 * top-level ancestor, and the report says so. A slug some section or route owns gets "-page"; a
 * page that cannot be published as it is (an image without alt text) stays a draft, named in the
 * report. Every published page's old addresses answer 301. Remembered like articles, so a second
 * run updates the title and body instead of adding the page again.
 */
export async function writeImportedPages(context: AppContext, origin: ImportOrigin, report: ImportReport, pages: ImportedPage[], options: { dryRun: boolean; language: string }): Promise<void> {
  const service = createPageService(context);
  const actor = asSystem();
  const db = context.database.db;
  const byKey = new Map(pages.map((page) => [page.key, page]));
  const written = new Map<string, number>();
  const ordered = [...pages].sort((a, b) => depthOf(a, byKey) - depthOf(b, byKey) || a.menuOrder - b.menuOrder);
  for (const page of ordered) {
    const depth = depthOf(page, byKey);
    const parent = depth === 1 ? null : depth === 2 ? byKey.get(page.parentKey!)! : rootOf(page, byKey);
    if (depth > 2) addLine(report, page.label, `it was ${depth} levels deep; pages here nest one level, so it is under "${parent!.title}"`);
    if (page.parentKey && !byKey.has(page.parentKey)) addLine(report, page.label, `its parent page is not in the export; it is a top-level page`);
    const title = cleanText(page.title).trim().slice(0, PAGE_LIMITS.title) || '(untitled)';
    const remembered = await findImported(db, origin, 'page', page.key);
    if (options.dryRun) {
      report.counts.pages[remembered === undefined ? 'created' : 'unchanged']++;
      continue;
    }
    try {
      const existing = remembered !== undefined ? await service.get(actor, remembered).catch(() => null) : null;
      let id: number;
      let path: string;
      if (existing) {
        id = existing.id;
        path = existing.path;
        if (existing.title === title && JSON.stringify(existing.body) === JSON.stringify(page.body)) report.counts.pages.unchanged++;
        else {
          path = (await service.update(actor, id, { version: existing.version, title, body: page.body })).path;
          report.counts.pages.updated++;
        }
      } else {
        const parentId = parent ? (written.get(parent.key) ?? null) : null;
        const created = await createWithFreeSlug(page, title, parentId);
        id = created.id;
        path = created.path;
        report.counts.pages.created++;
        await rememberImported(db, origin, 'page', page.key, id);
      }
      written.set(page.key, id);
      if (page.status === 'published' || existing?.status === 'published') {
        for (const old of new Set(page.oldPaths)) {
          if (old === path) continue;
          try {
            await recordPathChange(db, old, path);
            report.redirects++;
          } catch (error) {
            if (!(error instanceof Invalid)) throw error;
            addLine(report, page.label, `its old address ${old} cannot be redirected: ${error.message}`);
          }
        }
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      report.counts.pages.skipped++;
      addLine(report, page.label, `the page could not be imported: ${error.message}`);
    }
  }
  if (pages.length > 0 && !options.dryRun) await context.events.recordAfter(context.database.db, 'taxonomy.updated');

  /** Creates the page, trying "slug", "slug-page", "slug-2", … while the address is another's; published if it can be. */
  async function createWithFreeSlug(page: ImportedPage, title: string, parentId: number | null) {
    const base = slugFrom(page.slug, title).slice(0, MAX_SLUG_LENGTH - 6);
    const candidates = [base, `${base}-page`, ...Array.from({ length: 8 }, (_, n) => `${base}-${n + 2}`)];
    let publish = page.status === 'published';
    for (let index = 0; index < candidates.length; ) {
      const slug = candidates[index]!;
      try {
        const created = await service.create(actor, { title, slug, parentId, body: page.body, language: options.language, menuOrder: Math.max(-PAGE_LIMITS.menuOrder, Math.min(PAGE_LIMITS.menuOrder, page.menuOrder)), ...(publish ? { status: 'published' as const, ...(page.date ? { publishedAt: page.date } : {}) } : {}) });
        if (slug !== base) addLine(report, page.label, `its address /${base} belongs to a section, a route or another page here; the page is at ${created.path}`);
        if (page.status === 'trashed') await service.trash(actor, created.id, created.version);
        return created;
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        if (error.field === 'slug') {
          index++;
          continue;
        }
        if (publish) {
          // Published on the old site but not publishable here as it is (an image without alt text): kept as a draft.
          publish = false;
          addLine(report, page.label, `imported as a draft: ${error.message}`);
          continue;
        }
        throw error;
      }
    }
    throw new Invalid('slug', `no free address near /${base}`);
  }
}
