import type { ArticleStatus } from '#src/db/schema.ts';
import { hasRole, type Actor } from '#src/domain/people/actor.ts';

/** What an actor may try to do with articles. */
export type ArticleAction =
  | 'create'
  | 'read'
  | 'edit'
  | 'history'
  | 'submit'
  | 'publish'
  | 'schedule'
  | 'unpublish'
  | 'trash'
  | 'restore'
  | 'approve'
  | 'return'
  | 'correct';

/** The facts about an article the policy looks at. */
export type ArticleOwnership = { status: ArticleStatus; createdBy: number | null; authorIds: number[] };

/** An article is the actor's own when they created it or are credited in its byline. */
export function isOwnArticle(actor: Actor, article: ArticleOwnership): boolean {
  if (actor.kind !== 'user') return false;
  if (article.createdBy === actor.id) return true;
  return actor.authorId !== null && article.authorIds.includes(actor.authorId);
}

/**
 * Whether `actor` may do `action` (to `article`, for actions on one). Deny by default.
 *
 * - contributor: create; read and see the history of own articles (and read published ones);
 *   edit own articles while they are drafts or in review (never once published or scheduled);
 *   submit own drafts for review.
 * - author: what a contributor may, plus edit own articles in any state but trashed, publish,
 *   schedule, unpublish, trash, restore and add corrections to own articles.
 * - editor, admin, system: everything on every article, including approving and returning reviews.
 * - anonymous: nothing (the public site reads through its own published-only scope).
 */
export function can(actor: Actor, action: ArticleAction, article?: ArticleOwnership): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  if (hasRole(actor, 'editor')) return true;
  if (action === 'create') return hasRole(actor, 'contributor');
  if (!article) return false;
  const own = isOwnArticle(actor, article);
  const isAuthor = hasRole(actor, 'author');
  switch (action) {
    case 'read':
      return own || article.status === 'published';
    case 'history':
      return own;
    case 'edit':
      if (!own) return false;
      if (isAuthor) return article.status !== 'trashed';
      return article.status === 'draft' || article.status === 'review';
    case 'submit':
      return own && article.status === 'draft';
    case 'publish':
    case 'schedule':
    case 'unpublish':
    case 'trash':
    case 'restore':
    case 'correct':
      return own && isAuthor;
    case 'approve':
    case 'return':
      return false;
  }
}

/**
 * Which articles a newsroom list shows the actor: editors every article; contributors and authors
 * their own (created or bylined) plus everything published, which the public can read anyway.
 */
export type ArticleReadScope =
  | { kind: 'all' }
  | { kind: 'own-or-published'; userId: number; authorId: number | null }
  | { kind: 'none' };

/** The list scope of an actor (see ArticleReadScope). */
export function readScope(actor: Actor): ArticleReadScope {
  if (actor.kind === 'system') return { kind: 'all' };
  if (actor.kind !== 'user') return { kind: 'none' };
  if (hasRole(actor, 'editor')) return { kind: 'all' };
  return { kind: 'own-or-published', userId: actor.id, authorId: actor.authorId };
}
