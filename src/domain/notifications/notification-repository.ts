import type { Executor } from '#src/db/database.ts';
import { nowIso } from '#src/lib/clock.ts';
import { isNotificationKind, type NotificationKind } from './notification-kinds.ts';

/** One notification as the newsroom lists it. */
export type NotificationView = {
  id: number;
  kind: NotificationKind;
  articleId: number | null;
  articleTitle: string | null;
  actorName: string | null;
  createdAt: string;
  readAt: string | null;
};

/** How many pages of the list there are at most: older notifications remain, unlisted. */
export const NOTIFICATION_LIST_LIMIT = 100;

/** The number of unread notifications of a person (the bell). */
export async function countUnread(db: Executor, recipientId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A person's notifications, newest first. */
export async function listNotifications(db: Executor, recipientId: number): Promise<NotificationView[]> {
  const rows = await db
    .selectFrom('notifications')
    .leftJoin('articles', 'articles.id', 'notifications.article_id')
    .leftJoin('users', 'users.id', 'notifications.actor_id')
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.article_id',
      'articles.title as article_title',
      'users.name as actor_name',
      'notifications.created_at',
      'notifications.read_at',
    ])
    .where('notifications.recipient_id', '=', recipientId)
    .orderBy('notifications.id', 'desc')
    .limit(NOTIFICATION_LIST_LIMIT)
    .execute();
  return rows.flatMap((row) =>
    isNotificationKind(row.kind)
      ? [{ id: row.id, kind: row.kind, articleId: row.article_id, articleTitle: row.article_title, actorName: row.actor_name, createdAt: row.created_at, readAt: row.read_at }]
      : [],
  );
}

/** Marks one of the person's notifications read (another person's id changes nothing); answers whether it was theirs. */
export async function markRead(db: Executor, recipientId: number, id: number): Promise<boolean> {
  const found = await db.selectFrom('notifications').select('id').where('id', '=', id).where('recipient_id', '=', recipientId).executeTakeFirst();
  if (!found) return false;
  await db.updateTable('notifications').set({ read_at: nowIso() }).where('id', '=', id).where('read_at', 'is', null).execute();
  return true;
}

/** Marks every unread notification of the person read. */
export async function markAllRead(db: Executor, recipientId: number): Promise<void> {
  await db.updateTable('notifications').set({ read_at: nowIso() }).where('recipient_id', '=', recipientId).where('read_at', 'is', null).execute();
}
