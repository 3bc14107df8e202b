import type { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import type { ArticleStatus } from '#src/db/schema.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Forbidden, Invalid, NotFound, Unauthenticated } from '#src/lib/errors.ts';
import { can, type ArticleAction } from './article-policy.ts';
import { findArticleById, type ArticleRecord } from './article-repository.ts';
import { articlePatchSchema, updateArticleInputSchema, type ArticlePatch } from './article-schema.ts';

/**
 * Pending edits (ADR 0015): an editor's changes to a live article that are not live yet, kept on the
 * server so a dead laptop or a wiped browser loses nothing. One per article and user; the article
 * and its version are never touched; "Update" publishes through the normal save and drops it.
 */

/** PUT …/pending-edit: an update's own payload, where `version` is the version the edit started from. */
export const pendingEditInputSchema = updateArticleInputSchema.omit({ autosave: true });
export type PendingEditInput = z.infer<typeof pendingEditInputSchema>;

/** One kept pending edit, as its owner reads it back. */
export type PendingEdit = {
  /** The article version the edit started from: Update saves against it, so a newer article is a 409. */
  baseVersion: number;
  /** When the server last kept it (ISO UTC instant). */
  keptAt: string;
  /** The edited fields, as the editor's update payload. */
  fields: ArticlePatch;
};

/** Statuses whose edits wait for "Update" (every save goes live): the only ones that keep pending edits. */
export const PENDING_EDIT_STATUSES: readonly ArticleStatus[] = ['published', 'scheduled'];

/** Keeps (inserts or replaces) `userId`'s pending edit of an article. */
export async function writePendingEdit(db: Executor, articleId: number, userId: number, edit: PendingEdit): Promise<void> {
  const row = { base_version: edit.baseVersion, fields: JSON.stringify(edit.fields), kept_at: edit.keptAt };
  await db
    .insertInto('article_pending_edits')
    .values({ article_id: articleId, user_id: userId, ...row })
    .onConflict((oc) => oc.columns(['article_id', 'user_id']).doUpdateSet(row))
    .execute();
}

/** `userId`'s pending edit of an article, or null. */
export async function findPendingEdit(db: Executor, articleId: number, userId: number): Promise<PendingEdit | null> {
  const row = await db
    .selectFrom('article_pending_edits')
    .select(['base_version', 'fields', 'kept_at'])
    .where('article_id', '=', articleId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  return { baseVersion: row.base_version, keptAt: row.kept_at, fields: articlePatchSchema.parse(JSON.parse(row.fields)) };
}

/** Forgets `userId`'s pending edit of an article (discarded, or now live); nothing happens if there is none. */
export async function dropPendingEdit(db: Executor, articleId: number, userId: number): Promise<void> {
  await db.deleteFrom('article_pending_edits').where('article_id', '=', articleId).where('user_id', '=', userId).execute();
}

/** The signed-in person's id: pending edits belong to people, not to tokens or the system. */
function personOf(actor: Actor): number {
  if (actor.kind === 'user') return actor.id;
  if (actor.kind === 'anonymous') throw new Unauthenticated();
  throw new Forbidden('Only a signed-in person keeps pending edits.');
}

/** Each person's own pending edits, decided by article-policy.ts like every other article action. */
export function createPendingEditService(context: Pick<AppContext, 'database'>) {
  const db = context.database.db;

  /** The article, if the actor may do `action` to it: 404 when it does not exist, 403 when not allowed. */
  async function articleFor(actor: Actor, id: number, action: ArticleAction): Promise<ArticleRecord> {
    personOf(actor);
    const article = await findArticleById(db, id);
    if (!article) throw new NotFound(`Article ${id}`);
    if (!can(actor, action, article)) throw new Forbidden(`You may not ${action} this article (it is ${article.status}).`);
    return article;
  }

  return {
    /** Keeps the actor's pending edit of a published or scheduled article they may edit; the article stays as it is. */
    async keep(actor: Actor, id: number, input: PendingEditInput): Promise<PendingEdit> {
      const userId = personOf(actor);
      const article = await articleFor(actor, id, 'edit');
      if (!PENDING_EDIT_STATUSES.includes(article.status)) {
        throw new Invalid('status', `Only published or scheduled articles keep pending edits; a ${article.status} article saves directly.`);
      }
      const { version, ...fields } = input;
      if (version > article.version) throw new Invalid('version', `Version ${version} does not exist yet (the article is at ${article.version}).`);
      const edit: PendingEdit = { baseVersion: version, keptAt: nowIso(), fields };
      await writePendingEdit(db, id, userId, edit);
      return edit;
    },

    /** The actor's own pending edit of an article they may read, or null; nobody sees another person's. */
    async get(actor: Actor, id: number): Promise<PendingEdit | null> {
      const userId = personOf(actor);
      await articleFor(actor, id, 'read');
      return findPendingEdit(db, id, userId);
    },

    /** Discards the actor's own pending edit of an article they may read (idempotent). */
    async discard(actor: Actor, id: number): Promise<void> {
      const userId = personOf(actor);
      await articleFor(actor, id, 'read');
      await dropPendingEdit(db, id, userId);
    },
  };
}

/** Pending edits bound to one app context. */
export type PendingEditService = ReturnType<typeof createPendingEditService>;
