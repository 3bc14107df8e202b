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
 * The bell in the newsroom's header: a plain link to the list (no script needed); while there are
 * unread notifications a badge shows their number, and the link's name says "3 unread".
 */
export function NotificationBell({ current }: { current: boolean }) {
  const { t, number } = useNewsroomT();
  const unread = useContext(UnreadNotifications);
  if (unread === null) return null;
  return (
    <a class="nr-account__link nr-bell" href={NOTIFICATIONS_PATH} aria-current={current ? 'page' : undefined}>
      <span aria-hidden="true">🔔</span> {t('layout.notifications')}
      {unread > 0 ? (
        <span class="nr-bell__count">
          {number(unread)}
          <span class="nr-visually-hidden"> {t('notify.unread')}</span>
        </span>
      ) : null}
    </a>
  );
}
