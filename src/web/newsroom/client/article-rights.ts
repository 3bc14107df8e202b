import { can, type ArticleAction } from '#src/domain/articles/article-policy.ts';
import type { ArticleJson, EditorBootData } from './types.ts';

/**
 * What the signed-in user may do with the article, asked of the same policy the server uses (to hide
 * buttons; the server decides every action). `createdBy` is who created it: this user once their first
 * save created it.
 */
export function articleRights(actor: EditorBootData['actor'], article: ArticleJson | null, createdBy: number | null) {
  const allowed = (action: ArticleAction): boolean =>
    action === 'create' ? can(actor, 'create') : article !== null && can(actor, action, { status: article.status, createdBy, authorIds: article.authorIds });
  return { allowed, canEdit: article ? allowed('edit') : can(actor, 'create') };
}
