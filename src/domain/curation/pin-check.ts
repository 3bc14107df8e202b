import type { Executor } from '#src/db/database.ts';
import type { ArticleStatus } from '#src/db/schema.ts';
import type { Section } from '#src/domain/sections/section-repository.ts';
import { sectionAndDescendants } from '#src/domain/sections/section-tree.ts';
import { Invalid } from '#src/lib/errors.ts';
import type { MainPageLayout } from './curation-schema.ts';

/** What a layout needs to know of an article it pins: enough to say why it may not be pinned. */
export type PinnedArticle = {
  id: number;
  title: string;
  status: ArticleStatus;
  language: string;
  sectionId: number;
  publishedAt: string | null;
};

/** The articles `ids` that exist, by id (any state: a pin's state is what is being checked). */
export async function findPinnedArticles(db: Executor, ids: readonly number[]): Promise<Map<number, PinnedArticle>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'title', 'status', 'language', 'section_id', 'published_at'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, title: r.title, status: r.status, language: r.language, sectionId: r.section_id, publishedAt: r.published_at }]));
}

/** Whether readers see the article at `now` (the published read scope: published, and its time reached). */
export function isVisible(article: PinnedArticle, now: string): boolean {
  return article.status === 'published' && article.publishedAt !== null && article.publishedAt <= now;
}

/** How an article that readers cannot see is described in a refusal or a stale pin's warning. */
export function whyNotVisible(article: PinnedArticle): string {
  if (article.status === 'trashed') return 'is in the trash';
  if (article.status === 'published' || article.status === 'scheduled') return 'is not published yet (scheduled)';
  return article.status === 'review' ? 'is waiting for review, not published' : 'is a draft, not published';
}

/** "Article 12 “Title”": how a refusal names a pinned article. */
export function articleLabel(article: Pick<PinnedArticle, 'id' | 'title'>): string {
  return `Article ${article.id} “${article.title || 'Untitled'}”`;
}

/** One thing wrong with a layout: the field (a dotted path into it), the article it pins if any, and why. */
export type LayoutProblem = { field: string; articleId: number | null; message: string };

/**
 * Everything wrong with a layout of `language` at `now`: each pin must be a story readers see now,
 * in that language, and a block's or section page's pins must be filed in that section or one of
 * its subsections; sections must exist; a banner's end must be ahead. A saved layout whose pins
 * were unpublished or trashed since shows them here (stale pins, which the site leaves out).
 */
export async function layoutProblems(db: Executor, language: string, layout: MainPageLayout, sections: readonly Section[], now: string, field = 'layout'): Promise<LayoutProblem[]> {
  const problems: LayoutProblem[] = [];
  const sectionById = new Map(sections.map((s) => [s.id, s]));
  layout.blocks.forEach((b, i) => {
    if (b.kind === 'section' && !sectionById.has(b.sectionId)) problems.push({ field: `${field}.blocks.${i}.sectionId`, articleId: null, message: `No section has id ${b.sectionId}.` });
  });
  layout.sectionPins.forEach((s, i) => {
    if (!sectionById.has(s.sectionId)) problems.push({ field: `${field}.sectionPins.${i}.sectionId`, articleId: null, message: `No section has id ${s.sectionId}.` });
  });
  const named = [
    ...(layout.topStoryId !== null ? [{ id: layout.topStoryId, path: `${field}.topStoryId`, sectionId: null }] : []),
    ...layout.blocks.flatMap((b, i) => b.pins.map((id, j) => ({ id, path: `${field}.blocks.${i}.pins.${j}`, sectionId: b.kind === 'section' ? b.sectionId : null }))),
    ...layout.sectionPins.flatMap((s, i) => s.pins.map((id, j) => ({ id, path: `${field}.sectionPins.${i}.pins.${j}`, sectionId: s.sectionId }))),
  ];
  const articles = await findPinnedArticles(db, named.map((n) => n.id));
  for (const pin of named) {
    const article = articles.get(pin.id);
    const problem = (message: string) => problems.push({ field: pin.path, articleId: pin.id, message });
    const section = pin.sectionId !== null ? sectionById.get(pin.sectionId) : undefined;
    if (!article) problem(`No article has id ${pin.id}.`);
    else if (!isVisible(article, now)) problem(`${articleLabel(article)} ${whyNotVisible(article)}: only a published story can be pinned.`);
    else if (article.language !== language) problem(`${articleLabel(article)} is in ${article.language}, not in this page’s language (${language}).`);
    else if (section && !sectionAndDescendants(sections, section.id).includes(article.sectionId)) problem(`${articleLabel(article)} is not filed in “${section.name}” or its subsections.`);
  }
  if (layout.banner && Date.parse(layout.banner.endsAt) <= Date.parse(now)) {
    problems.push({ field: `${field}.banner.endsAt`, articleId: null, message: 'The banner’s end has passed: give a time in the future.' });
  }
  return problems;
}

/** Throws the first of a layout's problems as Invalid naming its field and article: a layout is stored whole and sound, or not at all. */
export async function checkLayout(db: Executor, language: string, layout: MainPageLayout, sections: readonly Section[], now: string): Promise<void> {
  const [first] = await layoutProblems(db, language, layout, sections, now);
  if (first) throw new Invalid(first.field, first.message);
}

/**
 * The stories an editor may pin in `language` (what the newsroom's pickers offer): the newest
 * `limit` that readers see now, newest first. An older story can still be pinned by its id.
 */
export async function listPinCandidates(db: Executor, language: string, limit: number, now: string): Promise<PinnedArticle[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'title', 'status', 'language', 'section_id', 'published_at'])
    .where('language', '=', language)
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, language: r.language, sectionId: r.section_id, publishedAt: r.published_at }));
}
