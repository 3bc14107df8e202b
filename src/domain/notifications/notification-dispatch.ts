import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import { nowIso } from '#src/lib/clock.ts';
import type { DomainEvent } from '#src/lib/events.ts';
import type { NotificationKind } from './notification-kinds.ts';
import { preferencesOf } from './notification-preferences.ts';

/** What happened, as a notification job carries it: the recipients are worked out when it runs. */
export type NotificationRequest = {
  kind: NotificationKind;
  articleId: number;
  /** Who did it (never notified of their own act); null for the system. */
  actorId: number | null;
  commentId?: number;
  /** For a mention: who was mentioned. */
  mentionedUserIds?: number[];
};

/** One mail to send: the job that sends it composes it from the database when it runs. */
export type NotificationMail = { recipientId: number; kind: NotificationKind; articleId: number; actorId: number | null };

/** Puts one mail on the job queue, in the caller's transaction. */
export type ScheduleMail = (tx: Executor, mail: NotificationMail) => Promise<void>;

/** The notification an event asks for, or undefined for events nobody is notified of. */
export function notificationFor(event: DomainEvent): NotificationRequest | undefined {
  switch (event.name) {
    case 'review.submitted':
      return { kind: 'review_submitted', ...event.args[0] };
    case 'review.returned':
      return { kind: 'review_returned', ...event.args[0] };
    case 'review.approved':
      return { kind: 'review_approved', ...event.args[0] };
    case 'article.corrected':
      return { kind: 'correction_added', ...event.args[0] };
    case 'review.mentioned': {
      const { articleId, commentId, authorId, mentionedUserIds } = event.args[0];
      return { kind: 'mention', articleId, actorId: authorId, commentId, mentionedUserIds };
    }
    case 'schedule.published':
      return { kind: 'schedule_published', articleId: event.args[0].articleId, actorId: null };
    case 'schedule.failed':
      return { kind: 'schedule_failed', articleId: event.args[0].articleId, actorId: null };
    default:
      return undefined;
  }
}

/** The article's writer (who created it). */
async function writerOf(db: Executor, articleId: number): Promise<number[]> {
  const row = await db.selectFrom('articles').select('created_by').where('id', '=', articleId).executeTakeFirst();
  return row?.created_by ? [row.created_by] : [];
}

/** Who last scheduled the article (the audit log knows; scheduling from review is audited as its approval, ADR 0034), besides its writer. */
async function schedulerOf(db: Executor, articleId: number): Promise<number[]> {
  const row = await db
    .selectFrom('audit_log')
    .select('user_id')
    .where('action', 'in', ['article.schedule', 'article.approve'])
    .where('subject_type', '=', 'article')
    .where('subject_id', '=', String(articleId))
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.user_id ? [row.user_id] : [];
}

/** Who is to hear of it, before their preferences: enabled accounts only, never the one who did it. */
async function candidatesFor(db: Executor, request: NotificationRequest): Promise<number[]> {
  let ids: number[];
  switch (request.kind) {
    case 'review_submitted': {
      const editors = await db.selectFrom('users').select('id').where('role', 'in', ['editor', 'admin']).execute();
      ids = editors.map((row) => row.id);
      break;
    }
    case 'mention':
      ids = request.mentionedUserIds ?? [];
      break;
    case 'schedule_published':
    case 'schedule_failed':
      ids = [...(await writerOf(db, request.articleId)), ...(await schedulerOf(db, request.articleId))];
      break;
    case 'review_returned':
    case 'review_approved':
    case 'correction_added':
      ids = await writerOf(db, request.articleId);
      break;
  }
  const unique = [...new Set(ids)].filter((id) => id !== request.actorId);
  if (unique.length === 0) return [];
  const enabled = await db.selectFrom('users').select('id').where('id', 'in', unique).where('disabled_at', 'is', null).execute();
  return enabled.map((row) => row.id).sort((a, b) => a - b);
}

/**
 * A failing schedule is retried every tick; its people hear of it once until the article changes
 * (an edit, a new schedule), not once a tick.
 */
async function alreadyToldOfFailure(db: Executor, articleId: number): Promise<boolean> {
  const article = await db.selectFrom('articles').select('updated_at').where('id', '=', articleId).executeTakeFirst();
  if (!article) return true;
  const told = await db
    .selectFrom('notifications')
    .select('id')
    .where('kind', '=', 'schedule_failed')
    .where('article_id', '=', articleId)
    .where('created_at', '>=', article.updated_at)
    .executeTakeFirst();
  return told !== undefined;
}

/**
 * Whether a happening still needs its notification job: false for a failing schedule its people
 * were already told of, so a schedule that fails every tick does not queue a job every tick.
 */
export async function needsDispatch(db: Executor, request: NotificationRequest): Promise<boolean> {
  return request.kind !== 'schedule_failed' || !(await alreadyToldOfFailure(db, request.articleId));
}

/**
 * Writes the newsroom notifications of what happened and queues its mails, each person by their
 * preferences, in one transaction: a retried job that failed before its commit writes nothing
 * twice. Answers how many were notified in the newsroom and how many mails were queued.
 */
export async function dispatchNotifications(
  context: Pick<AppContext, 'database'>,
  request: NotificationRequest,
  scheduleMail: ScheduleMail,
): Promise<{ inApp: number; mails: number }> {
  return context.database.db.transaction().execute(async (tx) => {
    const articleExists = await tx.selectFrom('articles').select('id').where('id', '=', request.articleId).executeTakeFirst();
    if (!articleExists) return { inApp: 0, mails: 0 };
    // Checked again here: two ticks may both have queued a job before either ran.
    if (!(await needsDispatch(tx, request))) return { inApp: 0, mails: 0 };
    const recipients = await candidatesFor(tx, request);
    const preferences = await preferencesOf(tx, recipients);
    const now = nowIso();
    let inApp = 0;
    let mails = 0;
    for (const recipientId of recipients) {
      const channels = preferences.get(recipientId)![request.kind];
      if (channels.inApp) {
        await tx
          .insertInto('notifications')
          .values({ recipient_id: recipientId, kind: request.kind, article_id: request.articleId, actor_id: request.actorId, comment_id: request.commentId ?? null, created_at: now, read_at: null })
          .execute();
        inApp += 1;
      }
      if (channels.byMail) {
        await scheduleMail(tx, { recipientId, kind: request.kind, articleId: request.articleId, actorId: request.actorId });
        mails += 1;
      }
    }
    return { inApp, mails };
  });
}
