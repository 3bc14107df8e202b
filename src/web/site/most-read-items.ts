import { articlePath } from '#src/domain/articles/public-paths.ts';
import type { ReaderViews } from '#src/domain/views/reader-views.ts';
import type { ResolvedLanguage } from './language-routing.ts';
import type { MostReadItem } from './views/most-read.tsx';

/** The page language's "Most read" as links under its prefix, leaving out the article the page itself shows. */
export function mostReadItems(readerViews: ReaderViews, resolved: ResolvedLanguage, exceptArticleId?: number): MostReadItem[] {
  return readerViews
    .mostRead(resolved.content)
    .filter((a) => a.id !== exceptArticleId)
    .map((a) => ({ title: a.title, path: resolved.lang.path(articlePath({ sectionSlug: a.sectionSlug, slug: a.slug })) }));
}
