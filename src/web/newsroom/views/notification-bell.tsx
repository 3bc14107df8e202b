import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { useNewsroomT } from './newsroom-i18n.ts';

/** The path of the notifications list, where the bell leads. */
export const NOTIFICATIONS_PATH = '/newsroom/notifications';

/**
 * The signed-in person's unread notifications, counted before the page renders and provided once
 * around it by sendNewsroomPage(); null where nobody is signed in.
 */
export const UnreadNotifications = createContext<number | null>(null);

/**
 * The bell in the newsroom's header: a plain link to the list (no script needed) whose name says
 * the unread count, shown as a badge while there are any.
 */
export function NotificationBell({ current }: { current: boolean }) {
  const { t, number } = useNewsroomT();
  const unread = useContext(UnreadNotifications);
  if (unread === null) return null;
  return (
    <a
      class="nr-account__link nr-bell"
      href={NOTIFICATIONS_PATH}
      aria-current={current ? 'page' : undefined}
      aria-label={unread > 0 ? t('layout.notificationsUnread', { count: number(unread) }) : undefined}
    >
      <span aria-hidden="true">🔔</span> {t('layout.notifications')}
      {unread > 0 ? (
        <span class="nr-bell__count" aria-hidden="true">
          {number(unread)}
        </span>
      ) : null}
    </a>
  );
}
