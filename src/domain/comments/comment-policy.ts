import type { ArticleOwnership } from '#src/domain/articles/article-policy.ts';
import { can as canOnArticle } from '#src/domain/articles/article-policy.ts';
import { hasRole, type Actor } from '#src/domain/people/actor.ts';

/** What an actor may try to do with an article's review comments. */
export type CommentAction = 'read' | 'write' | 'resolve' | 'edit' | 'delete';

/** The facts about a comment the policy looks at. */
export type CommentOwnership = { authorId: number | null };

/**
 * Whether `actor` may do `action` to the comments of `article` (and to `comment`, for actions on
 * one). Deny by default.
 * - read, write (comment and reply), resolve (a thread, or reopen it): whoever may read the article
 *   (article-policy.ts 'read'), and only as a person: the system and the anonymous have no name to
 *   sign a comment with. Settling a point is part of the conversation, so anyone in it may.
 * - edit: the comment's own author only (nobody rewrites another's words); delete: its author, or
 *   an editor (moderation). Both must still be able to read the article.
 */
export function can(actor: Actor, action: CommentAction, article: ArticleOwnership, comment?: CommentOwnership): boolean {
  if (actor.kind !== 'user' && !(actor.kind === 'system' && action === 'read')) return false;
  if (!canOnArticle(actor, 'read', article)) return false;
  switch (action) {
    case 'read':
    case 'write':
    case 'resolve':
      return true;
    case 'edit':
      return comment !== undefined && actor.kind === 'user' && comment.authorId === actor.id;
    case 'delete':
      if (!comment || actor.kind !== 'user') return false;
      return comment.authorId === actor.id || hasRole(actor, 'editor');
  }
}
