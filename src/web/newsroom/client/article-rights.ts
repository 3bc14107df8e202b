import { can, type ArticleAction } from '#src/domain/articles/article-policy.ts';
import type { ArticleJson, EditorBootData } from './types.ts';

/**
 * What the signed-in user may do with the article, asked of the same policy the server uses (to hide
 * buttons; the server decides every action). `createdBy` is who created it: this user once their first
 * save created it.
 */
export function articleRights(actor: EditorBootData['actor'], article: ArticleJson | null, createdBy: number | null) {
  // A new article is asked about as the draft its first save creates (this user's own), so "Publish now"
  // is there before any save: the action saves first (use-workflow-actions.ts).
  const subject = article ? { status: article.status, createdBy, authorIds: article.authorIds } : { status: 'draft' as const, createdBy: actor.id, authorIds: [] };
  const allowed = (action: ArticleAction): boolean =>
    action === 'create' ? can(actor, 'create') : (article !== null || can(actor, 'create')) && can(actor, action, subject);
  return { allowed, canEdit: article ? can(actor, 'edit', subject) : can(actor, 'create') };
}
