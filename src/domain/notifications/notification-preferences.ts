import type { Executor } from '#src/db/database.ts';
import { DEFAULT_CHANNELS, NOTIFICATION_KINDS, isNotificationKind, type Channels, type NotificationKind } from './notification-kinds.ts';

/** A person's channels for every kind: their stored choices over the defaults. */
export type Preferences = Record<NotificationKind, Channels>;

/** The preferences of each of `userIds` (defaults where they chose nothing). */
export async function preferencesOf(db: Executor, userIds: number[]): Promise<Map<number, Preferences>> {
  const result = new Map<number, Preferences>();
  for (const id of userIds) result.set(id, { ...DEFAULT_CHANNELS });
  if (userIds.length === 0) return result;
  const rows = await db.selectFrom('notification_preferences').selectAll().where('user_id', 'in', userIds).execute();
  for (const row of rows) {
    if (!isNotificationKind(row.kind)) continue;
    result.get(row.user_id)![row.kind] = { inApp: Number(row.in_app) === 1, byMail: Number(row.by_mail) === 1 };
  }
  return result;
}

/** Stores a person's whole choice (every kind), replacing what they chose before. */
export async function savePreferences(db: Executor, userId: number, preferences: Preferences): Promise<void> {
  await db.deleteFrom('notification_preferences').where('user_id', '=', userId).execute();
  await db
    .insertInto('notification_preferences')
    .values(NOTIFICATION_KINDS.map((kind) => ({ user_id: userId, kind, in_app: preferences[kind].inApp ? 1 : 0, by_mail: preferences[kind].byMail ? 1 : 0 })))
    .execute();
}
