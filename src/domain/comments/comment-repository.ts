import type { Executor } from '#src/db/database.ts';
import type { Role } from '#src/db/schema.ts';
import { nowIso } from '#src/lib/clock.ts';
import { handleOf, type Colleague, type FoundMention } from './comment-mentions.ts';

/** A colleague a comment mentions: who, their name now, and the text that named them. */
export type CommentMention = { userId: number; name: string; text: string };

/** One review comment as the API and the newsroom show it. */
export type CommentJson = {
  id: number;
  articleId: number;
  /** The thread's opening comment, for a reply; null for an opening comment. */
  parentId: number | null;
  /** Who wrote it; null once that user is deleted. */
  author: { id: number; name: string } | null;
  /** Plain text as typed (empty once deleted). */
  body: string;
  mentions: CommentMention[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
};

/** A thread: an opening comment and its replies, oldest first, and whether it is settled. */
export type CommentThread = CommentJson & {
  replies: CommentJson[];
  /** When and by whom the thread was marked resolved; null while it is open. */
  resolution: { at: string; by: { id: number; name: string } | null } | null;
};

/** The stored facts of one comment that the service checks before a reply or a delete. */
export type CommentRecord = { id: number; articleId: number; parentId: number | null; authorId: number | null; deletedAt: string | null };

/** Stores a comment and its mentions; answers its id. */
export async function insertComment(
  db: Executor,
  values: { articleId: number; parentId: number | null; authorId: number; body: string; mentions: FoundMention[] },
): Promise<number> {
  const row = await db
    .insertInto('article_comments')
    .values({ article_id: values.articleId, parent_id: values.parentId, author_id: values.authorId, body: values.body, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeMentions(db, row.id, values.mentions);
  return row.id;
}

/** Stores a comment's mentions: the first text that named each user is the one kept (the highlight finds it in the body). */
async function writeMentions(db: Executor, commentId: number, mentions: FoundMention[]): Promise<void> {
  const byUser = new Map<number, string>();
  for (const mention of mentions) if (!byUser.has(mention.userId)) byUser.set(mention.userId, mention.text);
  if (byUser.size === 0) return;
  await db
    .insertInto('article_comment_mentions')
    .values([...byUser].map(([userId, text]) => ({ comment_id: commentId, user_id: userId, mention_text: text })))
    .execute();
}

/** The users a comment mentions now. */
export async function mentionedUserIds(db: Executor, commentId: number): Promise<number[]> {
  const rows = await db.selectFrom('article_comment_mentions').select('user_id').where('comment_id', '=', commentId).execute();
  return rows.map((row) => row.user_id);
}

/** Replaces a comment's text and mentions, marking it edited. */
export async function updateCommentBody(db: Executor, commentId: number, body: string, mentions: FoundMention[]): Promise<void> {
  await db.updateTable('article_comments').set({ body, edited_at: nowIso() }).where('id', '=', commentId).execute();
  await db.deleteFrom('article_comment_mentions').where('comment_id', '=', commentId).execute();
  await writeMentions(db, commentId, mentions);
}

/** One comment's stored facts, if it is on `articleId`. */
export async function findComment(db: Executor, articleId: number, commentId: number): Promise<CommentRecord | undefined> {
  const row = await db
    .selectFrom('article_comments')
    .select(['id', 'article_id', 'parent_id', 'author_id', 'deleted_at'])
    .where('id', '=', commentId)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row && { id: row.id, articleId: row.article_id, parentId: row.parent_id, authorId: row.author_id, deletedAt: row.deleted_at };
}

/**
 * Marks a thread (by its opening comment) resolved by `userId` now, or open again with null;
 * answers whether that changed it (resolving a resolved thread, or opening an open one, does not).
 */
export async function setThreadResolution(db: Executor, openingId: number, userId: number | null): Promise<boolean> {
  const result = await db
    .updateTable('article_comments')
    .set(userId === null ? { resolved_at: null, resolved_by: null } : { resolved_at: nowIso(), resolved_by: userId })
    .where('id', '=', openingId)
    .where('parent_id', 'is', null)
    .where('resolved_at', userId === null ? 'is not' : 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Withdraws a comment: its text and mentions go, its place in the thread stays. */
export async function markCommentDeleted(db: Executor, commentId: number): Promise<void> {
  await db.updateTable('article_comments').set({ body: '', deleted_at: nowIso() }).where('id', '=', commentId).execute();
  await db.deleteFrom('article_comment_mentions').where('comment_id', '=', commentId).execute();
}

/** The article's comments, grouped into threads, oldest thread first. */
export async function listThreads(db: Executor, articleId: number): Promise<CommentThread[]> {
  const rows = await db
    .selectFrom('article_comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .leftJoin('users as r', 'r.id', 'c.resolved_by')
    .select(['c.id', 'c.article_id', 'c.parent_id', 'c.author_id', 'u.name as author_name', 'c.body', 'c.created_at', 'c.edited_at', 'c.deleted_at', 'c.resolved_at', 'c.resolved_by', 'r.name as resolver_name'])
    .where('c.article_id', '=', articleId)
    .orderBy('c.id')
    .execute();
  const mentionRows =
    rows.length === 0
      ? []
      : await db
          .selectFrom('article_comment_mentions as m')
          .innerJoin('article_comments as c', 'c.id', 'm.comment_id')
          .innerJoin('users as u', 'u.id', 'm.user_id')
          .select(['m.comment_id', 'm.user_id', 'm.mention_text', 'u.name'])
          .where('c.article_id', '=', articleId)
          .orderBy('m.comment_id')
          .orderBy('m.user_id')
          .execute();
  const mentions = new Map<number, CommentMention[]>();
  for (const m of mentionRows) {
    const list = mentions.get(m.comment_id) ?? [];
    list.push({ userId: m.user_id, name: m.name, text: m.mention_text });
    mentions.set(m.comment_id, list);
  }
  const threads = new Map<number, CommentThread>();
  for (const row of rows) {
    const comment: CommentJson = {
      id: row.id,
      articleId: row.article_id,
      parentId: row.parent_id,
      author: row.author_id === null ? null : { id: row.author_id, name: row.author_name ?? '' },
      body: row.body,
      mentions: mentions.get(row.id) ?? [],
      createdAt: row.created_at,
      editedAt: row.edited_at,
      deletedAt: row.deleted_at,
    };
    const resolution = row.resolved_at === null ? null : { at: row.resolved_at, by: row.resolved_by === null ? null : { id: row.resolved_by, name: row.resolver_name ?? '' } };
    if (row.parent_id === null) threads.set(row.id, { ...comment, replies: [], resolution });
    else threads.get(row.parent_id)?.replies.push(comment);
  }
  return [...threads.values()];
}

/** A colleague with what the article policy needs to know whether they may read an article. */
export type ColleagueAccount = Colleague & { role: Role; email: string; authorId: number | null };

/** Everyone a comment may mention, disabled accounts included (so the refusal can say why). */
export async function listColleagues(db: Executor): Promise<ColleagueAccount[]> {
  const rows = await db.selectFrom('users').select(['id', 'name', 'email', 'role', 'author_id', 'disabled_at']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, handle: handleOf(r.email), isDisabled: r.disabled_at !== null, role: r.role, authorId: r.author_id }));
}
