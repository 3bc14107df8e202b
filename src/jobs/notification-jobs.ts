import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { NOTIFICATION_KINDS } from '#src/domain/notifications/notification-kinds.ts';
import { dispatchNotifications, needsDispatch, notificationFor, type ScheduleMail } from '#src/domain/notifications/notification-dispatch.ts';
import { composeNotificationMail } from '#src/domain/notifications/notification-mail.ts';
import { sendMail } from '#src/lib/mailer.ts';
import { enqueueJob, type JobHandler } from './job-queue.ts';

/** The job that works out who hears of a happening and writes their notifications. */
export const NOTIFICATION_DISPATCH_JOB = 'notifications.dispatch';
/** The job that sends one notification mail (retried by the queue when the mail server fails). */
export const NOTIFICATION_MAIL_JOB = 'notifications.mail';

const kind = z.enum(NOTIFICATION_KINDS);
const id = z.number().int().positive();
const dispatchPayload = z.object({
  kind,
  articleId: id,
  actorId: id.nullable(),
  commentId: id.optional(),
  mentionedUserIds: z.array(id).optional(),
});
const mailPayload = z.object({ recipientId: id, kind, articleId: id, actorId: id.nullable() });

const scheduleMail: ScheduleMail = async (tx, mail) => {
  await enqueueJob(tx, NOTIFICATION_MAIL_JOB, mail);
};

const dispatch: JobHandler = async (context, payload) => {
  const parsed = dispatchPayload.safeParse(payload);
  if (!parsed.success) {
    context.logger.warn({ payload }, 'notification job with an unreadable payload: dropped');
    return;
  }
  await dispatchNotifications(context, parsed.data, scheduleMail);
};

const mail: JobHandler = async (context, payload) => {
  const parsed = mailPayload.safeParse(payload);
  if (!parsed.success) {
    context.logger.warn({ payload }, 'notification mail job with an unreadable payload: dropped');
    return;
  }
  const message = await composeNotificationMail(context.database.db, context.config.baseUrl, parsed.data);
  // A refusal by the mail server throws: the queue retries with backoff, then dead-letters.
  if (message) await sendMail(context, message);
};

/** The job handlers of notifications, by kind. */
export const notificationJobHandlers: Record<string, JobHandler> = { [NOTIFICATION_DISPATCH_JOB]: dispatch, [NOTIFICATION_MAIL_JOB]: mail };

/**
 * Queues a notification job for each event that notifies someone, after its commit and never on
 * the request path (the request only inserts a job row). Like the webhook outbox it listens with
 * `forward`, which hears the events of this process only: each happening is queued once, by the
 * process where it happened. Answers a function that stops listening.
 */
export function registerNotificationOutbox(context: AppContext): () => void {
  return context.events.forward((event) => {
    const request = notificationFor(event);
    if (!request) return;
    const db = context.database.db;
    needsDispatch(db, request)
      .then((needed) => (needed ? enqueueJob(db, NOTIFICATION_DISPATCH_JOB, request) : undefined))
      .catch((error: unknown) =>
      context.logger.error({ err: error, event: event.name }, 'notifications could not be queued'),
    );
  });
}
