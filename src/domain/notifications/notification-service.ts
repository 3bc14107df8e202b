import type { AppContext } from '#src/app-context.ts';
import { Forbidden, NotFound } from '#src/lib/errors.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import { preferencesOf, savePreferences, type Preferences } from './notification-preferences.ts';
import { countUnread, listNotifications, markAllRead, markRead, type NotificationView } from './notification-repository.ts';

/** The signed-in person a notification call is about: notifications are always one's own. */
function personOf(actor: Actor): number {
  if (actor.kind !== 'user') throw new Forbidden('Only a signed-in person has notifications.');
  return actor.id;
}

/** One's own notifications and choices: every method takes the actor and touches only theirs. */
export function createNotificationService(context: Pick<AppContext, 'database'>) {
  const db = context.database.db;
  return {
    /** The bell's number. */
    unreadCount: (actor: Actor): Promise<number> => countUnread(db, personOf(actor)),
    /** Newest first. */
    list: (actor: Actor): Promise<NotificationView[]> => listNotifications(db, personOf(actor)),
    /** Another person's notification is as unknown as a missing one. */
    async markRead(actor: Actor, id: number): Promise<void> {
      if (!(await markRead(db, personOf(actor), id))) throw new NotFound('The notification');
    },
    markAllRead: (actor: Actor): Promise<void> => markAllRead(db, personOf(actor)),
    async preferences(actor: Actor): Promise<Preferences> {
      const userId = personOf(actor);
      return (await preferencesOf(db, [userId])).get(userId)!;
    },
    savePreferences: (actor: Actor, preferences: Preferences): Promise<void> => savePreferences(db, personOf(actor), preferences),
  };
}
