import type { ArticleBody } from '#src/domain/articles/article-body.ts';
import { bodyToPlainText } from '#src/domain/articles/body-text.ts';
import type { ArticleDraft, ArticleJson } from './types.ts';

/** The editable fields of a stored article. */
export function draftFromArticle(article: ArticleJson): ArticleDraft {
  return {
    title: article.title,
    standfirst: article.standfirst,
    slug: article.slug,
    sectionId: article.sectionId,
    body: article.body,
    leadMediaId: article.leadMediaId,
    leadCaption: article.leadCaption,
    leadCredit: article.leadCredit,
    locationId: article.locationId,
    sourceAttribution: article.sourceAttribution,
    tagIds: article.tagIds,
    authorIds: article.authorIds,
  };
}

/** One empty paragraph, as a new body starts (article-body.ts's emptyBody, without pulling zod into the bundle). */
export function emptyBody(): ArticleBody {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}

/** A new article's fields: empty, in the first section. */
export function emptyDraft(sectionId: number | null, body: ArticleBody): ArticleDraft {
  return {
    title: '',
    standfirst: '',
    slug: '',
    sectionId,
    body,
    leadMediaId: null,
    leadCaption: '',
    leadCredit: '',
    locationId: null,
    sourceAttribution: '',
    tagIds: [],
    authorIds: [],
  };
}

/**
 * The body of a save request (the admin API's article fields). The slug goes only when the editor
 * typed it: otherwise the server derives it from the title (and keeps it unique in the section).
 */
export function draftToPayload(draft: ArticleDraft, includeSlug = true): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    title: draft.title,
    standfirst: draft.standfirst,
    body: draft.body,
    leadMediaId: draft.leadMediaId,
    leadCaption: draft.leadCaption,
    leadCredit: draft.leadCredit,
    locationId: draft.locationId,
    sourceAttribution: draft.sourceAttribution,
    tagIds: draft.tagIds,
    authorIds: draft.authorIds,
  };
  if (includeSlug && draft.slug) payload.slug = draft.slug;
  if (draft.sectionId !== null) payload.sectionId = draft.sectionId;
  return payload;
}

/** Whether two drafts hold the same work (compared as saved JSON). */
export function sameDraft(a: ArticleDraft, b: ArticleDraft): boolean {
  return JSON.stringify(draftToPayload(a)) === JSON.stringify(draftToPayload(b));
}

/** A draft as readable text: what the conflict view shows and "Copy mine" copies. */
export function draftAsText(draft: ArticleDraft): string {
  return [draft.title, draft.standfirst, bodyToPlainText(draft.body)].filter((t) => t.trim() !== '').join('\n\n');
}
