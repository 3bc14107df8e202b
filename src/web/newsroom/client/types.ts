import type { Actor } from '#src/domain/people/actor.ts';
import type { ArticleFields } from '#src/domain/articles/article-fields.ts';

// The API's own types (type-only imports: nothing of the server enters the bundle).
export type { ArticleJson } from '#src/domain/articles/article-json.ts';
export type { MediaView } from '#src/domain/media/media-repository.ts';
export type { PendingEdit } from '#src/domain/articles/article-pending-edits.ts';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import type { MediaView } from '#src/domain/media/media-repository.ts';

/** The fields an editor edits, as the editor page keeps them: the stored fields, with no section chosen yet allowed. */
export type ArticleDraft = Omit<ArticleFields, 'sectionId'> & { sectionId: number | null };

/** What the server page hands the editor island in its JSON data block. */
export type EditorBootData = {
  /** The signed-in user, as the policy sees them (the same `can()` runs here to hide buttons). */
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
  /** The public page's path of a published article, for the "View" link. */
  publicPath: string | null;
  /** Whether this user may add new tags by typing their names. */
  canCreateTags: boolean;
  /** The article's latest review step (a returned article shows the editor's note). */
  latestReview: { action: 'submitted' | 'approved' | 'returned'; note: string; createdAt: string; createdBy: { id: number; name: string } | null } | null;
};
