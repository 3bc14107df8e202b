import { z } from 'zod';
import type { Executor } from '#src/db/database.ts';
import { NOTIFICATION_KINDS } from '#src/domain/notifications/notification-kinds.ts';
import { dispatchNotifications, needsDispatch, notificationFor, type ScheduleMail } from '#src/domain/notifications/notification-dispatch.ts';
import { composeNotificationMail } from '#src/domain/notifications/notification-mail.ts';
import type { DomainEvent } from '#src/lib/events.ts';
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
 * Queues, in the change's transaction `tx` (the outbox, ADR 0052), the job that notifies whoever
 * the event concerns, so a happening and its notification commit together and the request path
 * only inserts a job row. Recorded once, by the process where it happened; relayed events queue
 * nothing.
 */
export async function queueNotificationOf(tx: Executor, event: DomainEvent): Promise<void> {
  const request = notificationFor(event);
  if (request && (await needsDispatch(tx, request))) await enqueueJob(tx, NOTIFICATION_DISPATCH_JOB, request);
}
