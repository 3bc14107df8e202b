import type { SignedInActor } from '#src/web/middleware/require-role.ts';
import { NOTIFICATION_KINDS } from '#src/domain/notifications/notification-kinds.ts';
import type { Preferences } from '#src/domain/notifications/notification-preferences.ts';
import type { NotificationView } from '#src/domain/notifications/notification-repository.ts';
import { CsrfField, Notice } from './form-field.tsx';
import { useNewsroomT } from './newsroom-i18n.ts';
import { NewsroomLayout } from './newsroom-layout.tsx';
import { NOTIFICATIONS_PATH } from './notification-bell.tsx';

/** Where the account page's notification choices are posted. */
export const NOTIFICATION_PREFERENCES_FORM_PATH = '/newsroom/account/notifications';

function NotificationItem({ item, csrfToken, timeZone }: { item: NotificationView; csrfToken: string | null; timeZone: string }) {
  const { t, dateTime } = useNewsroomT();
  const text = t(`notify.text.${item.kind}`, { actor: item.actorName ?? t('notify.someone'), title: item.articleTitle || t('notify.untitled') });
  return (
    <li class={item.readAt ? 'nr-notification' : 'nr-notification nr-notification--unread'}>
      <span>
        {item.articleId !== null && item.articleTitle !== null ? <a href={`/newsroom/articles/${item.articleId}`}>{text}</a> : text}
        {item.readAt ? null : <span class="nr-visually-hidden"> ({t('notify.unread')})</span>}{' '}
        <time datetime={item.createdAt} class="nr-muted nr-small">
          {dateTime(item.createdAt, timeZone)}
        </time>
      </span>
      {item.readAt ? null : (
        <form method="post" action={`${NOTIFICATIONS_PATH}/${item.id}/read`} class="nr-inline-form">
          <CsrfField token={csrfToken} />
          <button type="submit" class="nr-button nr-button--quiet nr-button--small">
            {t('notify.markRead')}
            <span class="nr-visually-hidden">: {text}</span>
          </button>
        </form>
      )}
    </li>
  );
}

/** The list the bell leads to: newest first, unread marked; mark one or all read. */
export function NotificationsPage(props: { actor: SignedInActor; csrfToken: string | null; items: NotificationView[]; timeZone: string }) {
  const { t } = useNewsroomT();
  const anyUnread = props.items.some((item) => !item.readAt);
  return (
    <NewsroomLayout title={t('notify.title')} actor={props.actor} csrfToken={props.csrfToken} active="notifications">
      <h1>{t('notify.title')}</h1>
      {anyUnread ? (
        <form method="post" action={`${NOTIFICATIONS_PATH}/read-all`} class="nr-actions">
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="nr-button nr-button--quiet">
            {t('notify.markAllRead')}
          </button>
        </form>
      ) : null}
      {props.items.length === 0 ? (
        <p class="nr-muted">{t('notify.empty')}</p>
      ) : (
        <ul class="nr-notifications">
          {props.items.map((item) => (
            <NotificationItem item={item} csrfToken={props.csrfToken} timeZone={props.timeZone} key={item.id} />
          ))}
        </ul>
      )}
      <p>
        <a href="/newsroom/password#notifications">{t('notify.preferencesLink')}</a>
      </p>
    </NewsroomLayout>
  );
}

/** The account page's card: for each kind, in the newsroom and by mail (checkboxes; unchecked means off). */
export function NotificationPreferencesCard(props: { csrfToken: string | null; preferences: Preferences; mailEnabled: boolean; saved?: boolean }) {
  const { t } = useNewsroomT();
  return (
    <div class="nr-card">
      <h2 id="notifications">{t('notify.prefs.heading')}</h2>
      {props.saved ? <Notice kind="ok">{t('notify.prefs.saved')}</Notice> : null}
      {props.mailEnabled ? null : <p class="nr-muted">{t('notify.prefs.noMail')}</p>}
      <form method="post" action={NOTIFICATION_PREFERENCES_FORM_PATH} class="nr-form">
        <CsrfField token={props.csrfToken} />
        <table class="nr-table">
          <thead>
            <tr>
              <th scope="col">{t('notify.prefs.kind')}</th>
              <th scope="col">{t('notify.prefs.inApp')}</th>
              <th scope="col">{t('notify.prefs.byMail')}</th>
            </tr>
          </thead>
          <tbody>
            {NOTIFICATION_KINDS.map((kind) => {
              const label = t(`notify.kind.${kind}`);
              return (
                <tr key={kind}>
                  <th scope="row">{label}</th>
                  <td>
                    <input type="checkbox" name={`${kind}.inApp`} value="1" checked={props.preferences[kind].inApp} aria-label={t('notify.prefs.inAppOf', { kind: label })} />
                  </td>
                  <td>
                    <input type="checkbox" name={`${kind}.byMail`} value="1" checked={props.preferences[kind].byMail} aria-label={t('notify.prefs.byMailOf', { kind: label })} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div class="nr-actions">
          <button type="submit" class="nr-button">
            {t('notify.prefs.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
