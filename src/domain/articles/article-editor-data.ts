import type { AppContext } from '#src/app-context.ts';
import { listLocations } from '#src/domain/locations/location-repository.ts';
import { findMediaByIds, type MediaView } from '#src/domain/media/media-repository.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import { listAuthors } from '#src/domain/people/author-repository.ts';
import { listSections } from '#src/domain/sections/section-repository.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { can as canTag } from '#src/domain/tags/tag-policy.ts';
import { listTags } from '#src/domain/tags/tag-repository.ts';
import { articleMediaIds } from './article-body.ts';
import type { ArticleJson } from './article-json.ts';
import { latestReviews } from './article-review.ts';
import { createArticleService } from './article-service.ts';
import { placeLabel } from '#src/lib/dateline.ts';

/** What the article editor starts from (the page hands it to the editor island as JSON). */
export type ArticleEditorData = {
  /** The signed-in user, as the policy sees them (the same `can()` runs in the browser to hide buttons). */
  actor: Extract<Actor, { kind: 'user' }>;
  article: ArticleJson | null;
  /** Who created the article (the policy's ownership test); null for a new one. */
  createdBy: number | null;
  sections: Array<{ id: number; name: string }>;
  tags: Array<{ id: number; name: string }>;
  authors: Array<{ id: number; name: string }>;
  locations: Array<{ id: number; label: string }>;
  /** Images the article already uses (lead and figures), by id. */
  media: MediaView[];
  /** The site's IANA zone: schedule times are typed in it. */
  timeZone: string;
  /** The site's languages (BCP 47 codes), for the Language field. */
  languages: string[];
  /** The language a new article starts in. */
  defaultLanguage: string;
  /** The public page's path of a published article, for the "View" link. */
  publicPath: string | null;
  /** Whether this user may add new tags by typing their names. */
  canCreateTags: boolean;
  /** The article's latest review step (a returned article shows the editor's note). */
  latestReview: { action: 'submitted' | 'approved' | 'returned'; note: string; createdAt: string; createdBy: { id: number; name: string } | null } | null;
};

/** The editor's boot data: the article through the article service's read policy, the taxonomy to choose from, its images. */
export function createEditorData(context: Pick<AppContext, 'database' | 'events'>) {
  const db = context.database.db;
  const articles = createArticleService(context);
  const settings = createSettingsService(context);

  return {
    /** Everything the editor needs for a new article (`articleId` null) or for article `articleId`. */
    async load(actor: Extract<Actor, { kind: 'user' }>, articleId: number | null): Promise<ArticleEditorData> {
      const { article, createdBy } = articleId === null ? { article: null, createdBy: null } : await articles.getForEditor(actor, articleId);
      const [sections, tags, authors, locations, display] = await Promise.all([
        listSections(db),
        listTags(db),
        listAuthors(db),
        listLocations(db),
        settings.forDisplay(),
      ]);
      const mediaIds = article ? articleMediaIds(article) : [];
      const media = mediaIds.length ? [...(await findMediaByIds(db, mediaIds)).values()] : [];
      const review = article ? ((await latestReviews(db, [article.id])).get(article.id) ?? null) : null;
      return {
        actor,
        article,
        createdBy,
        sections: sections.map((s) => ({ id: s.id, name: s.name })),
        tags: tags.map((t) => ({ id: t.id, name: t.name })),
        authors: authors.map((a) => ({ id: a.id, name: a.name })),
        locations: locations.map((l) => ({ id: l.id, label: placeLabel(l) })),
        media,
        timeZone: display.timeZone,
        languages: display.languages,
        defaultLanguage: display.defaultLanguage,
        publicPath: article?.status === 'published' ? article.path : null,
        canCreateTags: canTag(actor, 'find-or-create'),
        latestReview: review ? { action: review.action, note: review.note, createdAt: review.createdAt, createdBy: review.createdBy } : null,
      };
    },
  };
}
