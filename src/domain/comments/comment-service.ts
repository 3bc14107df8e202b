import type { Transaction } from 'kysely';
import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import type { Database } from '#src/db/schema.ts';
import { can as canOnArticle } from '#src/domain/articles/article-policy.ts';
import { findArticleById, type ArticleRecord } from '#src/domain/articles/article-repository.ts';
import { listReviews, type ReviewEntry } from '#src/domain/articles/article-review.ts';
import { recordActorAudit } from '#src/domain/audit/audit-log.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { Invalid, NotFound } from '#src/lib/errors.ts';
import type { DomainEvent, DomainEvents } from '#src/lib/events.ts';
import { findMentions, type FoundMention, type MentionProblem } from './comment-mentions.ts';
import { can, type CommentAction } from './comment-policy.ts';
import {
  findComment,
  insertComment,
  listColleagues,
  listThreads,
  markCommentDeleted,
  mentionedUserIds,
  setThreadResolution,
  updateCommentBody,
  type ColleagueAccount,
  type CommentJson,
  type CommentThread,
} from './comment-repository.ts';
import { COMMENT_LIMITS, type CommentInput } from './comment-schema.ts';

/**
 * An article's discussion: its comment threads and its review steps (submitted, returned with a
 * note, approved), and which of the comments the reader may edit and withdraw.
 */
export type Discussion = { threads: CommentThread[]; reviewSteps: ReviewEntry[]; editable: number[]; withdrawable: number[] };

const PROBLEM_TEXT: Record<MentionProblem['reason'], (text: string) => string> = {
  unknown: (text) => `No colleague is called ${text}: mention someone by their handle (the part of their email before the @) or their full name.`,
  disabled: (text) => `${text} cannot be mentioned: their account is disabled.`,
  ambiguous: (text) => `${text} fits more than one colleague: mention them by their handle (the part of their email before the @).`,
};

/** The colleague as the article policy sees them, to ask whether they may read the article. */
function actorOf(colleague: ColleagueAccount): Actor {
  return { kind: 'user', id: colleague.id, role: colleague.role, name: colleague.name, email: colleague.email, authorId: colleague.authorId };
}

/**
 * Review comments on articles (issue 11 item 4, ADR 0037): threads of plain text beside the
 * article, with @mentions of colleagues resolved when written. Every method takes the actor first
 * and decides by comment-policy.ts; a comment that mentions anyone records 'review.mentioned' as it is written.
 */
export function createCommentService(context: Pick<AppContext, 'database' | 'events'>) {
  const db = context.database.db;

  /** The article, if the actor may do `action` to its comments (404 when it does not exist, else 401/403). */
  async function articleFor(executor: Executor, actor: Actor, articleId: number, action: CommentAction): Promise<ArticleRecord> {
    const article = await findArticleById(executor, articleId);
    if (!article) throw new NotFound(`Article ${articleId}`);
    assertAllowed(actor, can(actor, action, article), `${action === 'read' ? 'read' : 'write'} the comments of this article`);
    return article;
  }

  /**
   * The mentions of `body`, each a colleague who is enabled, unambiguous and able to open the
   * article (a mention they could never read would tell them nothing); otherwise Invalid('body')
   * naming every mention at fault.
   */
  async function resolveMentions(executor: Executor, article: ArticleRecord, body: string): Promise<FoundMention[]> {
    if (!body.includes('@')) return [];
    const colleagues = await listColleagues(executor);
    const { mentions, problems } = findMentions(body, colleagues);
    const messages = problems.map((p) => PROBLEM_TEXT[p.reason](p.text));
    const byId = new Map(colleagues.map((c) => [c.id, c]));
    const blind = new Set<string>();
    for (const mention of mentions) {
      if (!canOnArticle(actorOf(byId.get(mention.userId)!), 'read', article)) blind.add(mention.text);
    }
    for (const text of blind) messages.push(`${text} cannot open this article, so would never see the comment: ask an editor to add them to the byline or mention an editor.`);
    if (messages.length > 0) throw new Invalid('body', messages.join(' '));
    const distinct = new Set(mentions.map((m) => m.userId)).size;
    if (distinct > COMMENT_LIMITS.mentions) {
      throw new Invalid('body', `A comment may mention at most ${COMMENT_LIMITS.mentions} colleagues; this one mentions ${distinct}.`);
    }
    return mentions;
  }

  /**
   * Records, in the comment's transaction, that it mentions colleagues (when it mentions any): their
   * notifications are queued with it (the outbox, ADR 0052), to be announced after the commit.
   */
  async function recordMentions(tx: Transaction<Database>, mention: DomainEvents['review.mentioned'][0]): Promise<DomainEvent[]> {
    return mention.mentionedUserIds.length > 0 ? [await context.events.record(tx, 'review.mentioned', mention)] : [];
  }

  async function loadComment(executor: Executor, articleId: number, commentId: number): Promise<CommentJson> {
    for (const thread of await listThreads(executor, articleId)) {
      const { replies, ...opening } = thread;
      if (opening.id === commentId) return opening;
      const reply = replies.find((r) => r.id === commentId);
      if (reply) return reply;
    }
    throw new NotFound(`Comment ${commentId}`);
  }

  return {
    /** The article's comment threads and review steps, for whoever may read the article. */
    async discussion(actor: Actor, articleId: number): Promise<Discussion> {
      const article = await articleFor(db, actor, articleId, 'read');
      const [threads, reviewSteps] = await Promise.all([listThreads(db, articleId), listReviews(db, articleId)]);
      const standing = threads.flatMap((thread) => [thread, ...thread.replies]).filter((comment) => comment.deletedAt === null);
      const allowed = (action: CommentAction) =>
        standing.filter((comment) => can(actor, action, article, { authorId: comment.author?.id ?? null })).map((comment) => comment.id);
      return { threads, reviewSteps, editable: allowed('edit'), withdrawable: allowed('delete') };
    },

    /**
     * Adds a comment: a new thread, or with `replyTo` a reply in that comment's thread (a reply to
     * a reply joins the same thread: one level). Audited 'comment.created'.
     */
    async add(actor: Actor, articleId: number, input: CommentInput, replyTo?: number): Promise<CommentJson> {
      const { commentId, events } = await db.transaction().execute(async (tx) => {
        const article = await articleFor(tx, actor, articleId, 'write');
        if (actor.kind !== 'user') throw new Error('comment-policy lets only users write');
        let parentId: number | null = null;
        if (replyTo !== undefined) {
          const parent = await findComment(tx, articleId, replyTo);
          if (!parent) throw new NotFound(`Comment ${replyTo} on article ${articleId}`);
          parentId = parent.parentId ?? parent.id;
          // Answering a settled point raises it again: the thread opens.
          await setThreadResolution(tx, parentId, null);
        }
        const mentions = await resolveMentions(tx, article, input.body);
        const id = await insertComment(tx, { articleId, parentId, authorId: actor.id, body: input.body, mentions });
        const mentionedIds = [...new Set(mentions.map((m) => m.userId))];
        await recordActorAudit(tx, actor, {
          action: 'comment.created',
          subjectType: 'article',
          subjectId: articleId,
          details: { commentId: id, ...(parentId !== null ? { replyTo: parentId } : {}), ...(mentionedIds.length ? { mentioned: mentionedIds } : {}) },
        });
        const mentioned = mentionedIds.filter((userId) => userId !== actor.id);
        return { commentId: id, events: await recordMentions(tx, { articleId, commentId: id, authorId: actor.id, mentionedUserIds: mentioned }) };
      });
      context.events.announce(events);
      return loadComment(db, articleId, commentId);
    },

    /**
     * Changes the text of one's own comment (marked edited); its mentions are resolved again, and
     * only colleagues it did not mention before are told. Audited 'comment.edited'.
     */
    async edit(actor: Actor, articleId: number, commentId: number, input: CommentInput): Promise<CommentJson> {
      const events = await db.transaction().execute(async (tx) => {
        const article = await articleFor(tx, actor, articleId, 'read');
        const comment = await findComment(tx, articleId, commentId);
        if (!comment || comment.deletedAt !== null) throw new NotFound(`Comment ${commentId} on article ${articleId}`);
        assertAllowed(actor, can(actor, 'edit', article, comment), 'edit this comment');
        const before = new Set(await mentionedUserIds(tx, commentId));
        const mentions = await resolveMentions(tx, article, input.body);
        await updateCommentBody(tx, commentId, input.body, mentions);
        const now = [...new Set(mentions.map((m) => m.userId))];
        await recordActorAudit(tx, actor, { action: 'comment.edited', subjectType: 'article', subjectId: articleId, details: { commentId, ...(now.length ? { mentioned: now } : {}) } });
        const newlyMentioned = now.filter((userId) => !before.has(userId) && userId !== comment.authorId);
        return recordMentions(tx, { articleId, commentId, authorId: comment.authorId!, mentionedUserIds: newlyMentioned });
      });
      context.events.announce(events);
      return loadComment(db, articleId, commentId);
    },

    /**
     * Marks the thread `commentId` is in (an opening comment or a reply) resolved, or with
     * `resolved` false open again; answers the thread. Audited 'comment.resolved' / 'comment.reopened'
     * when it changes anything.
     */
    async resolve(actor: Actor, articleId: number, commentId: number, resolved: boolean): Promise<CommentThread> {
      const openingId = await db.transaction().execute(async (tx) => {
        await articleFor(tx, actor, articleId, 'resolve');
        if (actor.kind !== 'user') throw new Error('comment-policy lets only users resolve');
        const comment = await findComment(tx, articleId, commentId);
        if (!comment) throw new NotFound(`Comment ${commentId} on article ${articleId}`);
        const opening = comment.parentId ?? comment.id;
        if (!(await setThreadResolution(tx, opening, resolved ? actor.id : null))) return opening;
        await recordActorAudit(tx, actor, { action: resolved ? 'comment.resolved' : 'comment.reopened', subjectType: 'article', subjectId: articleId, details: { commentId: opening } });
        return opening;
      });
      return (await listThreads(db, articleId)).find((t) => t.id === openingId)!;
    },

    /** Withdraws a comment (its author, or an editor): the text goes, its place in the thread stays. Audited 'comment.deleted'. */
    async remove(actor: Actor, articleId: number, commentId: number): Promise<CommentJson> {
      await db.transaction().execute(async (tx) => {
        const article = await articleFor(tx, actor, articleId, 'read');
        const comment = await findComment(tx, articleId, commentId);
        if (!comment) throw new NotFound(`Comment ${commentId} on article ${articleId}`);
        assertAllowed(actor, can(actor, 'delete', article, comment), 'delete this comment');
        if (comment.deletedAt !== null) return;
        await markCommentDeleted(tx, commentId);
        await recordActorAudit(tx, actor, { action: 'comment.deleted', subjectType: 'article', subjectId: articleId, details: { commentId } });
      });
      return loadComment(db, articleId, commentId);
    },
  };
}
