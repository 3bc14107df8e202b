import type { ArticleBody } from '#src/domain/articles/article-body.ts';
import { NO_SEARCH_AND_SOCIAL, pickArticleFields } from '#src/domain/articles/article-fields.ts';
import { bodyToPlainText } from '#src/domain/articles/body-text.ts';
import type { ArticleDraft, ArticleJson } from './types.ts';

/** The editable fields of a stored article. */
export function draftFromArticle(article: ArticleJson): ArticleDraft {
  return pickArticleFields(article);
}

/** One empty paragraph, as a new body starts (article-body.ts's emptyBody, without pulling zod into the bundle). */
export function emptyBody(): ArticleBody {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}

/** A new article's fields: empty, in the first section, in `language` (the site's default), an original. */
export function emptyDraft(sectionId: number | null, body: ArticleBody, language: string): ArticleDraft {
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
    language,
    translationOfId: null,
    ...NO_SEARCH_AND_SOCIAL,
  };
}

/**
 * The body of a save request (the admin API's article fields). The slug goes only when the editor
 * typed it: otherwise the server derives it from the title (and keeps it unique in the section).
 */
export function draftToPayload(draft: ArticleDraft, includeSlug = true): Record<string, unknown> {
  const { slug: _slug, sectionId: _sectionId, ...payload }: Record<string, unknown> = pickArticleFields(draft);
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
