import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '#src/app-context.ts';
import { NOTIFICATION_KINDS } from '#src/domain/notifications/notification-kinds.ts';
import type { Preferences } from '#src/domain/notifications/notification-preferences.ts';
import { createNotificationService } from '#src/domain/notifications/notification-service.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { CHANGE_PASSWORD_PATH } from '#src/web/middleware/auth.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema } from '#src/web/route-params.ts';
import { formValues } from './views/form-field.tsx';
import { NOTIFICATIONS_PATH } from './views/notification-bell.tsx';
import { NOTIFICATION_PREFERENCES_FORM_PATH, NotificationPreferencesCard, NotificationsPage } from './views/notifications-views.tsx';
import { sendNewsroomPage } from './views/send-page.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person's unread notifications (the bell), or null where nobody is signed in or it is not a newsroom page. */
    unreadNotifications: number | null;
  }
}

/** Whether a route is one of the newsroom's pages (not the admin API, which has no bell). */
function isNewsroomRoute(request: FastifyRequest): boolean {
  const url = request.routeOptions.url ?? '';
  return url === '/newsroom' || url.startsWith('/newsroom/');
}

/** The account page's choices as posted: a checked box is on, a missing one off. */
function preferencesFromForm(body: unknown): Preferences {
  const values = formValues(body);
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, { inApp: values[`${kind}.inApp`] === '1', byMail: values[`${kind}.byMail`] === '1' }]),
  ) as Preferences;
}

/**
 * The account page's notification card, for the account page's own handler to place: the
 * person's choices, and whether mail is set up at all.
 */
export async function notificationPreferencesCard(context: AppContext, request: FastifyRequest, saved: boolean) {
  const preferences = await createNotificationService(context).preferences(signedInActor(request));
  return <NotificationPreferencesCard csrfToken={request.csrfToken} preferences={preferences} mailEnabled={Boolean(context.config.smtpUrl)} saved={saved} />;
}

/** The bell's count on every newsroom page, the list it leads to, marking read, and saving one's choices. */
export async function registerNotificationsPages(app: FastifyInstance, context: AppContext): Promise<void> {
  const notifications = createNotificationService(context);
  const settings = createSettingsService(context);
  const config = { minRole: 'contributor' as const };
  const api = app.withTypeProvider<ZodTypeProvider>();

  app.decorateRequest('unreadNotifications', null);
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'GET' && request.method !== 'POST') return;
    if (!isNewsroomRoute(request) || request.actor.kind !== 'user') return;
    request.unreadNotifications = await notifications.unreadCount(request.actor);
  });

  app.get(NOTIFICATIONS_PATH, { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const [items, { timeZone }] = await Promise.all([notifications.list(actor), settings.forDisplay()]);
    return sendNewsroomPage(reply, <NotificationsPage actor={actor} csrfToken={request.csrfToken} items={items} timeZone={timeZone} />);
  });

  api.post(`${NOTIFICATIONS_PATH}/:id/read`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    await notifications.markRead(signedInActor(request), request.params.id);
    return reply.redirect(NOTIFICATIONS_PATH, 303);
  });

  app.post(`${NOTIFICATIONS_PATH}/read-all`, { config }, async (request, reply) => {
    await notifications.markAllRead(signedInActor(request));
    return reply.redirect(NOTIFICATIONS_PATH, 303);
  });

  app.post(NOTIFICATION_PREFERENCES_FORM_PATH, { config }, async (request, reply) => {
    await notifications.savePreferences(signedInActor(request), preferencesFromForm(request.body));
    return reply.redirect(`${CHANGE_PASSWORD_PATH}?notifications=1#notifications`, 303);
  });
}
