import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * Review comments (issue 11, item 4; ADR 0037). A comment belongs to one article and is either a
 * thread's opening comment (parent_id null) or a reply to one (one level of replies: a reply's
 * parent is always an opening comment). The body is plain text; the people it mentions are
 * resolved when it is written and kept in article_comment_mentions, so a later rename or a
 * changed handle never changes who was told. Nothing is deleted with a person: a departed author's
 * comments stay (author_id set null), and a withdrawn comment keeps its row with deleted_at set.
 */
export async function up(db: Kysely<unknown>, { id, timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('article_comments')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('article_comments.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('edited_at', timestamp)
    .addColumn('deleted_at', timestamp)
    .addColumn('resolved_at', timestamp)
    .addColumn('resolved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  // The panel and the API read an article's comments in the order they were written.
  await db.schema.createIndex('article_comments_article_idx').on('article_comments').columns(['article_id', 'id']).execute();

  await db.schema
    .createTable('article_comment_mentions')
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('article_comments.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('mention_text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_comment_mentions_pk', ['comment_id', 'user_id'])
    .execute();
  // "Where was I mentioned": a user's mentions, newest first.
  await db.schema.createIndex('article_comment_mentions_user_idx').on('article_comment_mentions').columns(['user_id', 'comment_id']).execute();
}
